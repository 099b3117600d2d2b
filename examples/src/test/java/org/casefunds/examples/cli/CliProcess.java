package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code casefunds.jar} as a separate process, the way an auditor does, and
 * keeps what it printed and the exit code. End-to-end tests (*IT) use it; the jar's path comes from
 * the build (system property {@code casefunds.jar}).
 */
final class CliProcess {
    /** The longest any one command may run in a test before it is killed. */
    private static final long TIMEOUT_SECONDS = 300;

    private CliProcess() {
    }

    /** What one run printed and returned. */
    record Run(List<String> arguments, int exitCode, String out, String err) {
        /** Fails, showing everything printed, unless the exit code is {@code expected}. */
        Run expect(int expected) {
            assertEquals(expected, exitCode, () -> "casefunds " + String.join(" ", arguments) + "\nexit " + exitCode
                    + "\n--- stdout\n" + out + "\n--- stderr\n" + err);
            return this;
        }

        /** Fails unless the standard output contains {@code text}. */
        Run printed(String text) {
            assertTrue(out.contains(text), () -> "expected stdout to contain '" + text + "' but it was:\n" + out
                    + "\n--- stderr\n" + err);
            return this;
        }

        /** Fails unless the error output contains {@code text}. */
        Run complained(String text) {
            assertTrue(err.contains(text), () -> "expected stderr to contain '" + text + "' but it was:\n" + err
                    + "\n--- stdout\n" + out);
            return this;
        }
    }

    /** The packaged jar. */
    static Path jar() {
        String path = System.getProperty("casefunds.jar", "target/casefunds.jar");
        Path jar = Path.of(path);
        assertTrue(Files.isRegularFile(jar), "the jar " + jar.toAbsolutePath() + " is built by `mvn package`");
        return jar;
    }

    /** Runs {@code casefunds arguments...} and waits for it. */
    static Run run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile("casefunds-out", ".txt");
            Path err = Files.createTempFile("casefunds-err", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("casefunds " + String.join(" ", arguments) + " ran longer than "
                            + TIMEOUT_SECONDS + " s");
                }
                return new Run(List.of(arguments), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
