package org.casefunds.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs another program on the benchmark's data and keeps its wall time and, through GNU time where
 * the machine has it, its peak resident memory.
 */
final class ExternalTool {
    private ExternalTool() {
    }

    /** One run: exit code, milliseconds, peak resident kilobytes (-1 when unknown). */
    record Run(int exitCode, double millis, long maxResidentKilobytes) {
    }

    /** Runs {@code command} in {@code folder}; null when the program is not installed. */
    static Run run(List<String> command, Path folder) throws IOException, InterruptedException {
        if (!installed(command.get(0))) {
            return null;
        }
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
        long started = System.nanoTime();
        int code = builder.start().waitFor();
        double millis = (System.nanoTime() - started) / 1e6;
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
        return new Run(code, millis, kilobytes);
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
