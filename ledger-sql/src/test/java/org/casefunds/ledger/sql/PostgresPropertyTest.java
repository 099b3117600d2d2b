package org.casefunds.ledger.sql;

import static org.quicktheories.QuickTheory.qt;

import org.casefunds.ledger.testing.SequenceHarness;
import org.junit.jupiter.api.Test;

/**
 * Goal: the core's property suite holds on PostgreSQL through the same jOOQ code: every command
 * agrees with the reference model and invariants 1–7 hold after every command, invariant 4
 * comparing the projections in PostgreSQL with a fold of the journal read back from it.
 *
 * <p>Method: the same generated scripts as the in-memory suite, each in a new court schema of a
 * real PostgreSQL server started by the test; 50 scripts by default, because a database round
 * trip costs far more than memory (more with {@code -Dproperty.examples.sql=N}).
 */
class PostgresPropertyTest {

    @Test
    void theInvariantsHoldOnPostgres() {
        SequenceHarness harness = new SequenceHarness(PostgresServer::newStore);
        qt().withExamples(Integer.getInteger("property.examples.sql", 50))
                .forAll(SequenceHarness.scripts())
                .checkAssert(harness::run);
    }
}
