package org.casefunds.ledger.sql;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Waiting for writers that a test has stopped at a latch or queued behind each other, for at most a minute. */
final class Writers {
    private Writers() {
    }

    /** Waits until {@code latch} opens: a writer got where the test waits for it. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new AssertionError("a writer did not get where the test waits for it within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code count} (named {@code what} in the failure) says {@code expected}. */
    static void waitFor(String what, IntSupplier count, int expected) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (count.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " " + what + " within a minute, found "
                        + count.getAsInt());
            }
            Thread.onSpinWait();
        }
    }
}
