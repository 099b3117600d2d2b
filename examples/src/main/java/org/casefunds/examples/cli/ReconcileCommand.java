package org.casefunds.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code casefunds reconcile}: being built. */
@CommandLine.Command(name = "reconcile", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Reconciles a bank statement with the ledger.")
final class ReconcileCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Casefunds.BadInput("reconcile is not built yet");
    }
}
