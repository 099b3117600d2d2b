package org.casefunds.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code casefunds import-statement}: being built. */
@CommandLine.Command(name = "import-statement", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Turns the credits of a master-account bank statement into receipts.")
final class ImportStatementCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Casefunds.BadInput("import-statement is not built yet");
    }
}
