package org.casefunds.ledger;

import static org.quicktheories.QuickTheory.qt;

import java.util.EnumSet;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.SequenceHarness;
import org.casefunds.ledger.testing.SequenceHarness.Check;
import org.junit.jupiter.api.Test;

/**
 * Goal: the invariants of docs/design.md §6 (1–7) hold after every command of any sequence of valid and
 * invalid commands, and the ledger agrees with an independent reference model on every outcome.
 *
 * <p>Method: QuickTheories generates scripts of up to 60 steps; the {@link SequenceHarness} turns
 * each step into a command (with a fault now and then), runs it on the ledger and the reference
 * model, and checks agreement plus the invariant under test after every command. Each invariant
 * runs {@code property.examples} scripts (200 by default); a failure is shrunk to a short script
 * and reported with its command log.
 */
class LedgerInvariantsPropertyTest {
    private final SequenceHarness harness = new SequenceHarness(InMemoryJournalStore::new);

    private void holds(Check check) {
        qt().withExamples(SequenceHarness.examples())
                .forAll(SequenceHarness.scripts())
                .checkAssert(script -> harness.run(script, EnumSet.of(check)));
    }

    @Test
    void invariant1EveryEventAndTheTrialBalanceBalance() {
        holds(Check.BALANCED);
    }

    @Test
    void invariant2NoAccountGoesBelowZeroOnAnyDate() {
        holds(Check.NON_NEGATIVE);
    }

    @Test
    void invariant3TheControlIdentityHolds() {
        holds(Check.CONTROL_IDENTITY);
    }

    @Test
    void invariant4ReplayingTheJournalGivesTheLiveState() {
        holds(Check.REPLAY_EQUALS_LIVE);
    }

    @Test
    void invariant5TheHashChainVerifies() {
        holds(Check.CHAIN_VERIFIES);
    }

    @Test
    void invariant6RepeatingACommandChangesNothing() {
        holds(Check.IDEMPOTENT);
    }

    @Test
    void invariant7LotsAddUpToBalances() {
        holds(Check.LOTS_MATCH_BALANCES);
    }
}
