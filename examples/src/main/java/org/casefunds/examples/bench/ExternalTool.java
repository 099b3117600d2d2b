package org.casefunds.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs another program on the benchmark's data and keeps its wall time and, through GNU time where
 * the machine has it, its peak resident memory.
 */
final class ExternalTool {
    private ExternalTool() {
    }

    /**
     * One run: exit code, milliseconds, peak resident kilobytes (-1 when unknown), and whether it was
     * stopped at the time limit (then the milliseconds are the limit, a lower bound of its time).
     */
    record Run(int exitCode, double millis, long maxResidentKilobytes, boolean stopped) {
    }

    /** Runs the commands at the same time in {@code folder}; a null run for a program not installed. */
    static List<Run> runTogether(List<List<String>> commands, Path folder, long limitSeconds)
            throws IOException, InterruptedException {
        List<Started> started = new ArrayList<>();
        for (List<String> command : commands) {
            started.add(installed(command.get(0)) ? start(command, folder) : null);
        }
        List<Run> runs = new ArrayList<>();
        for (Started each : started) {
            runs.add(each == null ? null : each.finish(limitSeconds));
        }
        return runs;
    }

    /** A program started, with what its run is measured by. */
    private record Started(Process process, long startedNanos, Path memory, boolean gnuTime) {
        Run finish(long limitSeconds) throws IOException, InterruptedException {
            long left = limitSeconds * 1_000_000_000L - (System.nanoTime() - startedNanos);
            boolean done = process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (!done) {
                // GNU time's child is the tool itself: stop both.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                Files.deleteIfExists(memory);
                return new Run(-1, limitSeconds * 1000.0, -1, true);
            }
            int code = process.exitValue();
            double millis = (System.nanoTime() - startedNanos) / 1e6;
            long kilobytes = -1;
            if (gnuTime) {
                String text = new String(Files.readAllBytes(memory), StandardCharsets.UTF_8).strip();
                String[] lines = text.split("\n");
                try {
                    kilobytes = Long.parseLong(lines[lines.length - 1].strip());
                } catch (NumberFormatException e) {
                    kilobytes = -1;
                }
            }
            Files.deleteIfExists(memory);
            return new Run(code, millis, kilobytes, false);
        }
    }

    private static Started start(List<String> command, Path folder) throws IOException {
        Path memory = Files.createTempFile(folder, "time", ".txt");
        List<String> full = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) {
            full.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", memory.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // hledger reads its journal as UTF-8 only under a UTF-8 locale.
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        return new Started(builder.start(), System.nanoTime(), memory, gnuTime);
    }

    private static boolean installed(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
