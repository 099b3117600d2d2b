package org.casefunds.examples.cli;

import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.journal.ChainVerifier;
import org.casefunds.ledger.sql.SqlLedger;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * {@code casefunds rebuild}: the projection tables folded afresh from the journal, after the chain
 * was checked, for a ledger whose tables someone changed outside it.
 */
@CommandLine.Command(name = "rebuild", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Folds the ledger's tables afresh from its journal, once the journal's hash chain verifies:"
            + " what to do when verify or a command finds tables that differ from the journal.",
            "Keep a copy of the file as it was for the inquiry first (casefunds backup); the journal itself is never"
                + " changed."})
final class RebuildCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Ledger opened = ledger.openForWriting()) {
            ChainVerifier.Result chain = opened.verifyChain();
            var out = spec.commandLine().getOut();
            if (!chain.ok()) {
                out.println("The journal's hash chain does not verify (" + chain.failure().map(Object::toString)
                        .orElse("") + "): the tables were not rebuilt from it. Restore the ledger from a backup.");
                return ExitCodes.CHECK_FAILED;
            }
            long folded = SqlLedger.store(opened).rebuildProjections();
            out.printf("%s: the tables were folded afresh from the journal's %d events; run verify to check them.%n",
                    ledger.describe(), folded);
        }
        return ExitCodes.OK;
    }
}
