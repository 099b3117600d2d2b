package org.casefunds.ledger.sql;

import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.casefunds.ledger.testing.TwoWriterHarness;
import org.casefunds.ledger.testing.TwoWriterScript;
import org.junit.jupiter.api.Test;

/**
 * Goal: as {@link TwoWritersSqlitePropertyTest}, on PostgreSQL: two stores opened separately on
 * one court schema, as two processes of a court's servers would, each decide on what the other
 * appended and each see the journal's state after every step.
 *
 * <p>Method: the same generated two-writer scripts, each in a new schema of the tests' real
 * PostgreSQL server; 5 scripts of up to 30 steps by default, because a round trip to the server
 * costs more than one to a file ({@code -Dproperty.examples.twowriters.pg=N} for more), and a
 * failure shrinks for 300 tries ({@code -Dproperty.shrinks.twowriters=N}).
 */
class TwoWritersPostgresPropertyTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @Test
    void eachWriterDecidesOnWhatTheOtherWrote() {
        TwoWriterHarness harness = TwoWriterHarness.local(TwoWritersPostgresPropertyTest::twoWriters);
        qt().withExamples(Integer.getInteger("property.examples.twowriters.pg", 5))
                .withShrinkCycles(Integer.getInteger("property.shrinks.twowriters", 300))
                .forAll(TwoWriterScript.scripts(30))
                .checkAssert(harness::run);
    }

    /** Two writers, each with a store and connections of its own, on one new court schema. */
    static List<TwoWriterHarness.Writer> twoWriters() {
        List<SqlJournalStore> stores = twoStores();
        return List.of(new TwoWriterHarness.LocalWriter(stores.get(0)), new TwoWriterHarness.LocalWriter(stores.get(1)));
    }

    /** Two stores opened separately on one new court schema. */
    static List<SqlJournalStore> twoStores() {
        String schema = "two_writers_" + SCHEMAS.incrementAndGet();
        SqlJournalStore first = SqlLedger.postgres(PostgresServer.dataSource(), schema);
        return List.of(first, SqlLedger.postgres(PostgresServer.dataSource(), schema));
    }
}
