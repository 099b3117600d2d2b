package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Goal: two threads, and two processes, appending to the same ledger file never lose an event,
 * never break the chain, and never apply one idempotent command twice.
 *
 * <p>Method: the writers send their own commands and, interleaved, the very same commands under
 * shared keys. Afterwards every acknowledged command is in the journal exactly once, the sequence
 * has no gap, the chain verifies, and the projections equal a fold of the events.
 */
class ConcurrencyTest {
    private static final int BATCHES = 20;
    private static final int PER_BATCH = 10;

    /** A ledger file with the court, its accounts and case 1 open. */
    static Path preparedLedger() {
        Path file = TemporaryLedgers.newFile();
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            Fixtures.opening().forEach(ledger::execute);
            ledger.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
        }
        return file;
    }

    @Test
    void twoThreadsOnOneLedger() throws InterruptedException {
        Path file = preparedLedger();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (String prefix : List.of("a", "b")) {
                Thread thread = new Thread(() -> {
                    for (int batch = 0; batch < BATCHES; batch++) {
                        for (int i = 0; i < PER_BATCH; i++) {
                            String key = i % 2 == 0 ? "shared-" + batch + "-" + i : prefix + "-" + batch + "-" + i;
                            ledger.execute(AppendLoop.receipt(key));
                            acknowledged.add(key);
                        }
                    }
                });
                thread.setUncaughtExceptionHandler((t, e) -> {
                    synchronized (failures) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), "a writer failed: " + failures);
        }
        checkJournal(file, acknowledged);
    }

    @Test
    void twoProcessesOnOneLedger() throws IOException, InterruptedException {
        Path file = preparedLedger();
        List<Process> processes = new ArrayList<>();
        for (String prefix : List.of("p", "q")) {
            processes.add(child(file, prefix, BATCHES, PER_BATCH, "shared"));
        }
        Set<String> acknowledged = new HashSet<>();
        for (Process process : processes) {
            acknowledged.addAll(acknowledgements(process));
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "a writer process did not finish");
            assertEquals(0, process.exitValue(), "a writer process failed");
        }
        checkJournal(file, acknowledged);
    }

    /** Starts a JVM running {@link AppendLoop} on {@code file}, with this test's class path. */
    static Process child(Path file, String prefix, int batches, int perBatch, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AppendLoop.class.getName(),
                file.toString(), prefix, Integer.toString(batches), Integer.toString(perBatch), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The keys a child acknowledged, read until its output ends. */
    static List<String> acknowledgements(Process process) throws IOException {
        List<String> keys = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("ACK ")) {
                    keys.add(line.substring(4));
                }
            }
        }
        return keys;
    }

    /** Every acknowledged key once, no gap, the chain verifies, projections equal the fold. */
    static void checkJournal(Path file, Set<String> acknowledged) {
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC())) {
            List<Event> events;
            try (Stream<Event> stream = ledger.events(1)) {
                events = stream.collect(Collectors.toList());
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).sequence(), "no gap in the sequence");
                assertTrue(keys.add(events.get(i).idempotencyKey()), "key applied twice: "
                        + events.get(i).idempotencyKey());
            }
            assertTrue(keys.containsAll(acknowledged), "an acknowledged command is missing");
            assertTrue(ledger.verifyChain().ok(), ledger.verifyChain().toString());
            assertEquals(StateSnapshot.of(LedgerState.fold(events)), StateSnapshot.of((LedgerState) ledger.view()),
                    "the projections equal a fold of the events");
        }
    }
}
