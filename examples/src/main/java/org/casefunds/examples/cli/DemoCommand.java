package org.casefunds.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code casefunds demo}: being built. */
@CommandLine.Command(name = "demo", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Builds a demonstration court on a ledger file.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Casefunds.BadInput("demo is not built yet");
    }
}
