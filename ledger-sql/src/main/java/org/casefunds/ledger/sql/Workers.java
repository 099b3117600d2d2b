package org.casefunds.ledger.sql;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that take work off a reader's or writer's thread: decoding events ahead of a reader,
 * packing texts beside a writer, folding projections beside an audit. They are daemons, so that
 * they never keep a process alive.
 */
final class Workers {
    private Workers() {
    }

    /** A pool of one thread fewer than the processors, at least one, its threads named {@code name}. */
    static ExecutorService besideTheCaller(String name) {
        return pool(name, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** A pool of one thread named {@code name}, running its tasks in the order given. */
    static ExecutorService oneInOrder(String name) {
        return pool(name, 1);
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
