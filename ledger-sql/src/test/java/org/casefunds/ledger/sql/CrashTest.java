package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.testing.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Goal: a process killed with SIGKILL in the middle of a batch leaves a ledger file whose chain
 * verifies, with no partial batch, projections equal to a rebuild, and every command it
 * acknowledged present (docs/design.md §7, synchronous=FULL).
 *
 * <p>Method: a child JVM appends batches of 200 receipts in a loop and acknowledges each batch after
 * its commit; the test kills it once 15 batches are acknowledged (so the kill lands while it writes
 * the next), reopens the file and checks it.
 */
class CrashTest {
    private static final int PER_BATCH = 200;

    @Test
    void aKilledWriterLosesNothingItAcknowledgedAndLeavesNoPartialBatch() throws IOException, InterruptedException {
        Path file = ConcurrencyTest.preparedLedger();
        long before;
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            before = ledger.view().lastSequence();
        }
        Process child = ConcurrencyTest.child(file, "crash", 1_000_000, PER_BATCH, "own");
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
                if (acknowledged.size() >= 15 * PER_BATCH) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush.
                    break;
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(child.exitValue() != 0, "the writer was killed, not finished");

        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            List<Event> events;
            try (Stream<Event> stream = ledger.events(1)) {
                events = stream.collect(Collectors.toList());
            }
            assertTrue(ledger.verifyChain().ok(), ledger.verifyChain().toString());
            long written = events.size() - before;
            assertEquals(0, written % PER_BATCH, "a partial batch of " + written % PER_BATCH + " events survived");
            Set<String> keys = events.stream().map(Event::idempotencyKey).collect(Collectors.toSet());
            assertTrue(keys.containsAll(acknowledged), "an acknowledged command was lost");
            String live = StateSnapshot.of((LedgerState) ledger.view());
            ((SqlJournalStore) ledger.store()).rebuildProjections();
            assertEquals(live, StateSnapshot.of((LedgerState) ledger.view()), "projections equal a rebuild");
            assertEquals(StateSnapshot.of(LedgerState.fold(events)), live, "and a fold of the events");
        }
    }
}
