package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.Writers.await;
import static org.casefunds.ledger.sql.Writers.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Goal: a caller whose write was committed by another caller's group returns then, and does not wait
 * behind the next group (which may take as long as its writes do).
 *
 * <p>Method: one write (X) holds the store while two more queue (F0, then F1): they run as one group
 * led by F0. While that group runs, F1's work starts a fourth write (G) whose work waits until the
 * test lets it go. After the group commits, G leads the next group and waits inside it: F0 and F1
 * must have their answers then. A store whose callers took the write lock to collect their answers
 * fails this test (F1 waits for G), which the one-minute bound turns into a failure, not a hang.
 */
class GroupCommitHandOverTest {

    @Test
    void aWriteCommittedInAGroupIsAnsweredWhileTheNextGroupRuns() throws Exception {
        Path file = TemporaryLedgers.newFile();
        ExecutorService callers = Executors.newCachedThreadPool();
        CountDownLatch xInside = new CountDownLatch(1);
        CountDownLatch xGo = new CountDownLatch(1);
        CountDownLatch gInside = new CountDownLatch(1);
        CountDownLatch gGo = new CountDownLatch(1);
        CompletableFuture<Future<String>> g = new CompletableFuture<>();
        try (SqlJournalStore store = SqlLedger.sqlite(file)) {
            Future<String> x = callers.submit(() -> store.write(writer -> {
                xInside.countDown();
                await(xGo);
                return "X";
            }));
            await(xInside);
            Future<String> f0 = callers.submit(() -> store.write(writer -> "F0"));
            waitFor("queued writes", store::queuedWrites, 2);
            Future<String> f1 = callers.submit(() -> store.write(writer -> {
                // Run in F0's group: G queues behind it and will lead the next group.
                g.complete(callers.submit(() -> store.write(next -> {
                    gInside.countDown();
                    await(gGo);
                    return "G";
                })));
                waitFor("queued writes", store::queuedWrites, 3);
                return "F1";
            }));
            waitFor("queued writes", store::queuedWrites, 3);
            xGo.countDown();
            assertEquals("X", x.get(1, TimeUnit.MINUTES));
            await(gInside);
            assertEquals("F0", f0.get(1, TimeUnit.MINUTES), "the group's leader");
            assertEquals("F1", f1.get(1, TimeUnit.MINUTES), "a write of the group led by F0, while G's group runs");
            gGo.countDown();
            assertEquals("G", g.get(1, TimeUnit.MINUTES).get(1, TimeUnit.MINUTES));
        } finally {
            xGo.countDown();
            gGo.countDown();
            callers.shutdownNow();
        }
    }
}
