package org.casefunds.ledger.sql;

import static org.quicktheories.QuickTheory.qt;

import org.casefunds.ledger.testing.SequenceHarness;
import org.junit.jupiter.api.Test;

/**
 * Goal: the core's property suite holds on a SQLite file: every command agrees with the reference
 * model, and invariants 1–7 hold after every command, invariant 4 comparing the SQL projections
 * with a fold of the journal read back from the file (replay = live).
 *
 * <p>Method: the same generated scripts as the in-memory suite, each on a new ledger file; 100
 * scripts by default, because a database round trip costs far more than memory (more with {@code -Dproperty.examples.sql=N}).
 */
class SqlitePropertyTest {

    @Test
    void theInvariantsHoldOnSqlite() {
        SequenceHarness harness = new SequenceHarness(TemporaryLedgers::newStore);
        qt().withExamples(Integer.getInteger("property.examples.sql", 100))
                .forAll(SequenceHarness.scripts())
                .checkAssert(harness::run);
    }
}
