package org.casefunds.ledger.sql;

import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.casefunds.ledger.testing.TwoWriterHarness;
import org.casefunds.ledger.testing.TwoWriterScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Goal: as {@link TwoWritersSqlitePropertyTest}, with writer B in another JVM: what a process
 * keeps in memory between its transactions is brought up to date with what another process
 * appended to the file, not only what another store of the same process did.
 *
 * <p>Method: one child JVM ({@link TwoWriterProcess}) serves writer B of every script; it is given
 * the script and makes the same commands, and runs the steps it is told to, reporting each result
 * and, after every step, what its store sees (state, journal, invariants). 6 scripts of up to 30
 * steps by default ({@code -Dproperty.examples.twoprocesses=N} for more); a failure shrinks for 300
 * tries ({@code -Dproperty.shrinks.twowriters=N}).
 */
class TwoWritersProcessPropertyTest {
    private static TwoWriterProcess.Child child;

    @BeforeAll
    static void startTheOtherProcess() throws IOException {
        child = new TwoWriterProcess.Child();
    }

    @AfterAll
    static void endTheOtherProcess() throws InterruptedException {
        child.close();
    }

    @Test
    void eachProcessDecidesOnWhatTheOtherWrote() {
        TwoWriterHarness harness = new TwoWriterHarness(script -> {
            Path file = TemporaryLedgers.newFile();
            TwoWriterHarness.Writer a = new TwoWriterHarness.LocalWriter(TwoWritersSqlitePropertyTest.store(file));
            return List.of(a, child.writer(file, script));
        });
        qt().withExamples(Integer.getInteger("property.examples.twoprocesses", 6))
                .withShrinkCycles(Integer.getInteger("property.shrinks.twowriters", 300))
                .forAll(TwoWriterScript.scripts(30))
                .checkAssert(harness::run);
    }
}
