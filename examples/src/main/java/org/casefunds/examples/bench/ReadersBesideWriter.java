package org.casefunds.examples.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many readers asking the dashboard at once, each in a loop, while one writer appends to the same
 * ledger, one durable commit per command, for a fixed time. Readers start no request after the time
 * is up and finish the one they are waiting for; the writer stops when the last reader has finished.
 * Every answer but a 200 counts as an error, and so does a request that failed.
 */
final class ReadersBesideWriter {
    private ReadersBesideWriter() {
    }

    /** One request of a reader. */
    @FunctionalInterface
    interface Ask {
        DashboardClient.Answer ask() throws Exception;
    }

    /** One command of the writer, the {@code n}th (from 0), committed before it returns. */
    @FunctionalInterface
    interface Append {
        void append(long n) throws Exception;
    }

    /**
     * Readers that ask the same.
     *
     * @param name what they ask for, for people
     * @param readers how many ask at once
     * @param ask the request each sends, again and again
     */
    record Readers(String name, int readers, Ask ask) {
    }

    /**
     * What the readers of one kind got.
     *
     * @param readers who they were
     * @param waits the time each 200 answer took from request to its whole body, in milliseconds
     * @param serverMillis the server's own time of each 200 answer, in milliseconds
     * @param errors answers other than 200 and failed requests
     * @param firstError what the first error was, or empty
     */
    record ReadersResult(Readers readers, List<Double> waits, List<Double> serverMillis, long errors,
            String firstError) {
    }

    /**
     * What a run gave.
     *
     * @param readers each kind of readers' result
     * @param seconds from the start until the last reader finished
     * @param commits the writer's commits
     * @param writerSeconds how long the writer wrote
     * @param writerError why the writer stopped early, or empty
     */
    record Result(List<ReadersResult> readers, double seconds, long commits, double writerSeconds,
            String writerError) {
    }

    /** Runs {@code kinds} of readers for {@code time} beside {@code writer}. */
    static Result run(List<Readers> kinds, Duration time, Append writer) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + time.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Tally> tallies = new ArrayList<>();
        for (Readers kind : kinds) {
            Tally tally = new Tally();
            tallies.add(tally);
            for (int i = 0; i < kind.readers(); i++) {
                Thread reader = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        tally.ask(kind.ask());
                    }
                }, "bench-reader-" + kind.name() + "-" + i);
                threads.add(reader);
            }
        }
        AtomicBoolean readersDone = new AtomicBoolean();
        AtomicLong commits = new AtomicLong();
        AtomicReference<String> writerError = new AtomicReference<>("");
        long[] writerNanos = new long[1];
        Thread writing = new Thread(() -> {
            long from = System.nanoTime();
            try {
                while (!readersDone.get()) {
                    writer.append(commits.get());
                    commits.incrementAndGet();
                }
            } catch (Exception | Error failure) {
                writerError.set(describe(failure));
            } finally {
                writerNanos[0] = System.nanoTime() - from;
            }
        }, "bench-writer");
        writing.start();
        threads.forEach(Thread::start);
        for (Thread reader : threads) {
            reader.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        readersDone.set(true);
        writing.join();
        List<ReadersResult> results = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Tally tally = tallies.get(i);
            synchronized (tally) {
                results.add(new ReadersResult(kinds.get(i), List.copyOf(tally.waits), List.copyOf(tally.server),
                        tally.errors, tally.firstError));
            }
        }
        return new Result(results, seconds, commits.get(), writerNanos[0] / 1e9, writerError.get());
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** What the readers of one kind got so far; its lists grow under its own lock. */
    private static final class Tally {
        final List<Double> waits = new ArrayList<>();
        final List<Double> server = new ArrayList<>();
        long errors;
        String firstError = "";

        void ask(Ask ask) {
            DashboardClient.Answer answer;
            try {
                answer = ask.ask();
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failed(describe(failure));
                return;
            }
            if (answer.status() != 200) {
                failed("status " + answer.status());
                return;
            }
            synchronized (this) {
                waits.add(answer.wallMillis());
                server.add(answer.serverMillis());
            }
        }

        private synchronized void failed(String what) {
            errors++;
            if (firstError.isEmpty()) {
                firstError = what;
            }
        }
    }
}
