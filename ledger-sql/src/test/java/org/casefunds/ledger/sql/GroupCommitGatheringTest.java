package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.Writers.await;
import static org.casefunds.ledger.sql.Writers.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Goal: the head of the write queue waits, for a bounded time, for as many writes as the group before
 * it held, so that the callers a group answered share the next commit instead of making one of their
 * own; a caller alone never waits.
 *
 * <p>Method: a write (X) holds the store while two more queue (F0, F1), so that F0 leads a group of
 * two. Then one write (C) comes alone and, as the group before held two, waits (each test sets the
 * bound: a minute, so that nothing but a second write ends it, or 50 ms). A group's writes run on
 * its leader's thread, which tells who ran with whom. A store that never waited would run C alone,
 * and D on a thread of its own; one that waited without a bound would not answer C in the second test.
 */
class GroupCommitGatheringTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final Map<String, Thread> ranOn = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aWriteComingWhileTheHeadWaitsJoinsItsGroup() throws Exception {
        try (SqlJournalStore store = SqlLedger.sqlite(TemporaryLedgers.newFile())) {
            store.gatheringWait(Duration.ofMinutes(1));
            groupOfTwo(store);
            assertEquals(0, store.gatherings(), "F0 found the two writes its group needed queued");

            Future<String> c = callers.submit(() -> store.write(writer -> ran("C")));
            waitFor("waits for a group", store::gatherings, 1);
            Future<String> d = callers.submit(() -> store.write(writer -> ran("D")));
            assertEquals("C", c.get(1, TimeUnit.MINUTES));
            assertEquals("D", d.get(1, TimeUnit.MINUTES));
            assertSame(ranOn.get("C"), ranOn.get("D"), "D ran in the group C led, on C's thread");
            assertEquals(1, store.gatherings());
        }
    }

    @Test
    void theHeadWaitsNoLongerThanItsBound() throws Exception {
        try (SqlJournalStore store = SqlLedger.sqlite(TemporaryLedgers.newFile())) {
            store.gatheringWait(Duration.ofMillis(50));
            groupOfTwo(store);
            Future<String> c = callers.submit(() -> store.write(writer -> ran("C")));
            assertEquals("C", c.get(1, TimeUnit.MINUTES),
                    "C waited for a second write that never came, then ran alone");
            assertEquals(1, store.gatherings());
        }
    }

    @Test
    void aCallerAloneNeverWaits() throws Exception {
        try (SqlJournalStore store = SqlLedger.sqlite(TemporaryLedgers.newFile())) {
            store.gatheringWait(Duration.ofMinutes(1));
            for (int i = 0; i < 5; i++) {
                String name = "W" + i;
                assertEquals(name, callers.submit(() -> store.write(writer -> ran(name))).get(1, TimeUnit.MINUTES));
            }
            assertEquals(0, store.gatherings(), "each group held one write, so a head alone had all it needed");
        }
    }

    /** X holds the store while F0 and F1 queue; then F0 leads a group of both. */
    private void groupOfTwo(SqlJournalStore store) throws Exception {
        CountDownLatch xInside = new CountDownLatch(1);
        CountDownLatch xGo = new CountDownLatch(1);
        try {
            Future<String> x = callers.submit(() -> store.write(writer -> {
                xInside.countDown();
                await(xGo);
                return ran("X");
            }));
            await(xInside);
            Future<String> f0 = callers.submit(() -> store.write(writer -> ran("F0")));
            waitFor("queued writes", store::queuedWrites, 2);
            Future<String> f1 = callers.submit(() -> store.write(writer -> ran("F1")));
            waitFor("queued writes", store::queuedWrites, 3);
            xGo.countDown();
            assertEquals("X", x.get(1, TimeUnit.MINUTES));
            assertEquals("F0", f0.get(1, TimeUnit.MINUTES));
            assertEquals("F1", f1.get(1, TimeUnit.MINUTES));
            assertSame(ranOn.get("F0"), ranOn.get("F1"), "F0 led a group of F0 and F1");
        } finally {
            xGo.countDown();
        }
    }

    private String ran(String name) {
        ranOn.put(name, Thread.currentThread());
        return name;
    }
}
