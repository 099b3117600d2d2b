package org.casefunds.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code casefunds export}: being built. */
@CommandLine.Command(name = "export", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Exports the ledger for other tools.")
final class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Casefunds.BadInput("export is not built yet");
    }
}
