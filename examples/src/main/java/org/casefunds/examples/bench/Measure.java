package org.casefunds.examples.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a piece of work several times and keeps what a benchmark reports: the median and the spread
 * of a rate or a duration, and the peak heap the work used (see {@link #PEAK}).
 */
final class Measure {
    private Measure() {
    }

    /** One measured figure. */
    record Figure(String name, String unit, double median, double low, double high, long peakHeapMegabytes,
            int runs, String note) {
        /** This figure with {@code note} in place of its note. */
        Figure withNote(String note) {
            return new Figure(name, unit, median, low, high, peakHeapMegabytes, runs, note);
        }
    }

    /** What one run of a piece of work gives: how many items it did (for a rate), or 1. */
    @FunctionalInterface
    interface Work {
        long run(int attempt) throws Exception;
    }

    /**
     * A piece of work whose preparation is not timed: {@code prepare} sets a run up (a new court's
     * schema, say) and returns the part that is.
     */
    @FunctionalInterface
    interface PreparedWork {
        Timed prepare(int attempt) throws Exception;
    }

    /** The timed part of a {@link PreparedWork}: how many items it did. */
    @FunctionalInterface
    interface Timed {
        long run() throws Exception;
    }

    /** A value one run of a piece of work measures itself, such as the time a server says it took. */
    @FunctionalInterface
    interface Sample {
        double run(int attempt) throws Exception;
    }

    /** What one run of a piece of work gave, how long it took and the peak heap it used. */
    record Once<T>(T result, double millis, long peakHeapMegabytes) {
    }

    /** The values {@code work} measures, in {@code unit}, over {@code runs} runs. */
    static Figure sampled(String name, String unit, int runs, String note, Sample work) throws Exception {
        List<Double> values = new ArrayList<>();
        long peak = 0;
        for (int attempt = 0; attempt < runs; attempt++) {
            resetPeaks();
            values.add(work.run(attempt));
            peak = Math.max(peak, peakHeapMegabytes());
        }
        return figure(name, unit, values, peak, note);
    }

    /** Runs {@code work} once, for the figures a caller makes of its result. */
    static <T> Once<T> once(java.util.concurrent.Callable<T> work) throws Exception {
        resetPeaks();
        long started = System.nanoTime();
        T result = work.call();
        double millis = (System.nanoTime() - started) / 1e6;
        return new Once<>(result, millis, peakHeapMegabytes());
    }

    /** The median of {@code values}, which must not be empty. */
    static double median(List<Double> values) {
        return figure("", "", values, 0, "").median();
    }

    /**
     * The value below which {@code percent} of {@code values} fall (the nearest rank: of 200 values, the
     * 99th percentile is the 198th smallest); {@code values} must not be empty.
     */
    static double percentile(List<Double> values, double percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Items per second over {@code runs} runs. */
    static Figure rate(String name, String unit, int runs, String note, Work work) throws Exception {
        return preparedRate(name, unit, runs, note, attempt -> () -> work.run(attempt));
    }

    /** Items per second over {@code runs} runs, each timed after its preparation. */
    static Figure preparedRate(String name, String unit, int runs, String note, PreparedWork work) throws Exception {
        List<Double> rates = new ArrayList<>();
        long peak = 0;
        for (int attempt = 0; attempt < runs; attempt++) {
            resetPeaks();
            Timed timed = work.prepare(attempt);
            long started = System.nanoTime();
            long items = timed.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            peak = Math.max(peak, peakHeapMegabytes());
            rates.add(items / seconds);
        }
        return figure(name, unit, rates, peak, note);
    }

    /** Milliseconds per run over {@code runs} runs. */
    static Figure millis(String name, int runs, String note, Work work) throws Exception {
        List<Double> times = new ArrayList<>();
        long peak = 0;
        for (int attempt = 0; attempt < runs; attempt++) {
            resetPeaks();
            long started = System.nanoTime();
            work.run(attempt);
            times.add((System.nanoTime() - started) / 1e6);
            peak = Math.max(peak, peakHeapMegabytes());
        }
        return figure(name, "ms", times, peak, note);
    }

    private static Figure figure(String name, String unit, List<Double> values, long peak, String note) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Figure(name, unit, median, sorted.get(0), sorted.get(n - 1), peak, n, note);
    }

    /**
     * The heap's occupancy, sampled every few milliseconds by a daemon thread: the highest value seen
     * since the last reset. (The memory pools' own peaks cannot be added up: each pool peaks at
     * another moment.) It counts garbage not yet collected, so it is an upper bound of what the work
     * needed; with -Xmx512m it can never pass 512 MB, and the work finishing is the proof it fit.
     */
    private static final AtomicLong PEAK = new AtomicLong();
    private static final java.lang.management.MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    static {
        Thread sampler = new Thread(() -> {
            while (true) {
                long used = MEMORY.getHeapMemoryUsage().getUsed();
                PEAK.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void resetPeaks() {
        System.gc();
        PEAK.set(MEMORY.getHeapMemoryUsage().getUsed());
    }

    private static long peakHeapMegabytes() {
        PEAK.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
        return PEAK.get() / (1024 * 1024);
    }
}
