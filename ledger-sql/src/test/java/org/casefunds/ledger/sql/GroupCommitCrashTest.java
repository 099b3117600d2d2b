package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.Invariants;
import org.casefunds.ledger.testing.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Goal: a process whose threads each execute single commands on one ledger (so that commits may be
 * shared among them), killed with SIGKILL while they write, loses none of the commands it
 * acknowledged, keeps none it refused, and leaves no event half-written: the chain verifies, every
 * event has its posting rows, and the projections equal a rebuild and a fold of the journal.
 *
 * <p>Method: a child JVM ({@link AppendLoop} in its "threads" mode) runs 8 threads on a ledger file
 * (synchronous=FULL), each sending receipts and now and then a notice that overdraws, writing {@code
 * ACK} after a receipt's execute returns and {@code REFUSED} after a notice's refusal; the test kills
 * it once 150 commands are acknowledged, while the threads go on, reopens the file and checks it.
 */
class GroupCommitCrashTest {
    private static final int THREADS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;

    @Test
    void aKilledProcessOfManyThreadsKeepsWhatItAcknowledgedAndNothingHalfWritten() throws IOException,
            InterruptedException {
        Path file = ConcurrencyTest.preparedLedger();
        long before;
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            before = ledger.view().lastSequence();
        }
        Process child = ConcurrencyTest.child(file, "crash", 1_000_000, THREADS, "threads");
        Set<String> acknowledged = new HashSet<>();
        Set<String> refused = new HashSet<>();
        List<String> failed = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                } else if (line.startsWith("REFUSED ")) {
                    refused.add(line.substring(8));
                } else if (line.startsWith("FAILED ")) {
                    failed.add(line);
                }
                if (acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL || !failed.isEmpty()) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush.
                    break;
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(failed.isEmpty(), "a thread of the writer failed: " + failed);
        assertTrue(child.exitValue() != 0, "the writer was killed, not finished");
        assertEquals(ACKNOWLEDGED_BEFORE_KILL, acknowledged.size());
        assertFalse(refused.isEmpty(), "no overdrawing notice was refused before the kill");

        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            List<Event> events;
            try (Stream<Event> stream = ledger.events(1)) {
                events = stream.collect(Collectors.toList());
            }
            assertTrue(ledger.verifyChain().ok(), ledger.verifyChain().toString());
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).sequence(), "a gap in the sequence");
                String key = events.get(i).idempotencyKey();
                assertTrue(keys.add(key), "key applied twice: " + key);
            }
            assertTrue(keys.containsAll(acknowledged), "an acknowledged command was lost");
            Set<String> kept = new HashSet<>(refused);
            kept.retainAll(keys);
            assertTrue(kept.isEmpty(), "refused commands are in the journal: " + kept);
            for (Event event : events.subList((int) before, events.size())) {
                assertEquals(EventKind.RECEIPT_RECORDED, event.kind(), "event " + event.sequence() + " is no receipt");
                assertEquals(2, event.postings().size(), "event " + event.sequence() + " is half a receipt");
            }
            assertEquals(Fixtures.cny("1.00").multipliedBy(events.size() - before),
                    ledger.view().balance(AccountId.ofCase(Fixtures.caseNumber(1)), Fixtures.CNY),
                    "case 1 does not hold the receipts the journal has");
            SqlJournalStore store = (SqlJournalStore) ledger.store();
            LedgerAudit.Result audit = LedgerAudit.of(store);
            assertTrue(audit.ok(), audit.checks().toString());
            String live = StateSnapshot.of((LedgerState) ledger.view());
            assertNull(Invariants.replayEqualsLive(events, ledger.view()));
            store.rebuildProjections();
            assertEquals(live, StateSnapshot.of((LedgerState) ledger.view()), "projections equal a rebuild");
        }
    }
}
