package org.casefunds.ledger.sql;

import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Path;
import java.util.List;
import org.casefunds.ledger.testing.TwoWriterHarness;
import org.casefunds.ledger.testing.TwoWriterScript;
import org.junit.jupiter.api.Test;

/**
 * Goal: a second writer appending between two transactions of the first never makes the first
 * decide on what it saw before: two stores opened separately on one SQLite file, as two processes
 * would, each see the journal's state after every step, and each decides as the reference model
 * does when given the commands in the order they were applied, whoever wrote last.
 *
 * <p>Method: generated scripts whose steps go to writer A or writer B, many of them depending on
 * what the other writer just did (a receipt it claimed, a case it paid out of or opened, a notice it
 * issued or settled, a deferral it granted, a key it used); see {@link TwoWriterHarness}. 20 scripts
 * of up to 30 steps by default ({@code -Dproperty.examples.twowriters=N} for more); a failure
 * shrinks towards a short script (1,000 tries; {@code -Dproperty.shrinks.twowriters=N}) and prints
 * its command log.
 */
class TwoWritersSqlitePropertyTest {

    @Test
    void eachWriterDecidesOnWhatTheOtherWrote() {
        TwoWriterHarness harness = TwoWriterHarness.local(TwoWritersSqlitePropertyTest::twoWriters);
        qt().withExamples(Integer.getInteger("property.examples.twowriters", 20))
                .withShrinkCycles(Integer.getInteger("property.shrinks.twowriters", 1_000))
                .forAll(TwoWriterScript.scripts(30))
                .checkAssert(harness::run);
    }

    /** Two writers, each with a store of its own, on one new ledger file. */
    static List<TwoWriterHarness.Writer> twoWriters() {
        Path file = TemporaryLedgers.newFile();
        SqlJournalStore first = store(file);
        return List.of(new TwoWriterHarness.LocalWriter(first), new TwoWriterHarness.LocalWriter(store(file)));
    }

    /** A store on {@code file}; durability is off, as the property suites have it. */
    static SqlJournalStore store(Path file) {
        return SqlLedger.sqlite(file, SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.OFF));
    }
}
