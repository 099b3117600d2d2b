package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.github.luben.zstd.util.ZstdVersion;
import org.sqlite.util.OSInfo;

/**
 * Runs the packaged {@code casefunds.jar} as a separate process, the way an auditor does, and
 * keeps what it printed and the exit code. End-to-end tests (*IT) use it; the jar's path comes from
 * the build (system property {@code casefunds.jar}). Public for the dashboard's end-to-end tests,
 * which compare what its pages and API answer with what the commands print.
 */
public final class CliProcess {
    /** The longest any one command may run in a test before it is killed. */
    private static final long TIMEOUT_SECONDS = 300;

    private CliProcess() {
    }

    /** What one run printed and returned. */
    public record Run(List<String> arguments, int exitCode, String out, String err) {
        /** Fails, showing everything printed, unless the exit code is {@code expected}. */
        public Run expect(int expected) {
            assertEquals(expected, exitCode, () -> "casefunds " + String.join(" ", arguments) + "\nexit " + exitCode
                    + "\n--- stdout\n" + out + "\n--- stderr\n" + err);
            return this;
        }

        /** Fails unless the standard output contains {@code text}. */
        public Run printed(String text) {
            assertTrue(out.contains(text), () -> "expected stdout to contain '" + text + "' but it was:\n" + out
                    + "\n--- stderr\n" + err);
            return this;
        }

        /** Fails unless the error output contains {@code text}. */
        public Run complained(String text) {
            assertTrue(err.contains(text), () -> "expected stderr to contain '" + text + "' but it was:\n" + err
                    + "\n--- stdout\n" + out);
            return this;
        }
    }

    /** The packaged jar. */
    public static Path jar() {
        String path = System.getProperty("casefunds.jar", "target/casefunds.jar");
        Path jar = Path.of(path);
        assertTrue(Files.isRegularFile(jar), "the jar " + jar.toAbsolutePath() + " is built by `mvn package`");
        return jar;
    }

    /** The test court's first administrators and staff, as {@code casefunds init} takes them. */
    static final List<String> STAFF = List.of("--administrator", "sys.chen:陈静:S001", "--administrator", "sys.lin:林涛:S002",
            "--staff", "fin.li:李会计:0101:FINANCE", "--staff", "adm.wang:王专管:0102:FUND_ADMINISTRATOR",
            "--staff", "judge.zhao:赵法官:0103:HANDLER", "--staff", "judge.qian:钱法官:0104:HANDLER",
            "--staff", "head.sun:孙庭长:0105:DIVISION_HEAD", "--staff", "dir.zhou:周局长:0106:BUREAU_DIRECTOR",
            "--staff", "leader.wu:吴院长:0107:COURT_LEADER");
    /** How many events {@code init} with {@link #STAFF} writes before the master accounts. */
    static final int STAFF_EVENTS = 1 + 2 * 7;

    /** Writes {@code lines} (each ended by a line break, UTF-8) to {@code name} in {@code folder}. */
    static Path write(Path folder, String name, String... lines) throws java.io.IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", java.nio.charset.StandardCharsets.UTF_8);
        return file;
    }

    /** The test court in a new ledger file {@code db}: opened 2025-03-03, its staff, one CNY master account. */
    static Run initCourt(Path db) {
        return init("--db", db.toString(), "--court", "京02", "--court-name", "北京市第二中级人民法院",
                "--bank-account", "110060001:CNY:工商银行北京分行", "--opened-on", "2025-03-03").expect(0);
    }

    /** {@code casefunds init} with the test court's staff and {@code arguments}. */
    static Run init(String... arguments) {
        List<String> all = new java.util.ArrayList<>(List.of("init"));
        all.addAll(List.of(arguments));
        all.addAll(STAFF);
        return run(all.toArray(String[]::new));
    }

    /** Runs {@code casefunds arguments...} and waits for it. */
    public static Run run(String... arguments) {
        return run(List.of(), List.of(), arguments);
    }

    /** Runs {@code casefunds arguments...} in a JVM started with {@code options} ({@code -Dname=value}). */
    static Run runWithOptions(List<String> options, String... arguments) {
        return run(List.of(), options, arguments);
    }

    /**
     * Runs {@code casefunds arguments...} with no file it writes larger than {@code kib} KiB (the
     * shell's {@code ulimit -f}, in blocks of 512 bytes): a disk that fills up, for the files the
     * command writes. The JVM ignores the signal such a write raises, so the write fails as on a
     * full disk.
     */
    static Run runWithFileSizeLimit(long kib, String... arguments) {
        // The drivers of SQLite and Zstandard unpack their native libraries at start, files larger
        // than the limit: they are unpacked here beforehand, and the process loads them from there.
        Path folder;
        try {
            folder = Files.createTempDirectory("casefunds-native");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sqlite = System.mapLibraryName("sqlitejdbc");
        Path zstd = folder.resolve(System.mapLibraryName("zstd-jni-" + ZstdVersion.VERSION));
        unpack("/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + sqlite,
                folder.resolve(sqlite));
        unpack("/linux/" + System.getProperty("os.arch") + "/" + zstd.getFileName(), zstd);
        try {
            return run(List.of("/bin/sh", "-c", "ulimit -f " + kib * 2 + " && exec \"$0\" \"$@\""),
                    List.of("-Dorg.sqlite.lib.path=" + folder, "-Dorg.sqlite.lib.name=" + sqlite,
                            "-DZstdNativePath=" + zstd), arguments);
        } finally {
            try {
                Files.deleteIfExists(folder.resolve(sqlite));
                Files.deleteIfExists(zstd);
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // A temporary file left behind.
            }
        }
    }

    private static void unpack(String resource, Path target) {
        try (InputStream in = OSInfo.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "no native library " + resource + " for this machine");
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line that runs {@code casefunds arguments...}: this JVM's java, the JVM {@code options}, the jar. */
    public static List<String> command(List<String> options, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * The JVM option of a command that runs and ends: the quick compiler alone, which starts the jar
     * about a third sooner (3.1 s to 2.1 s for {@code verify} of a small ledger) and ran even the
     * 2,000-case demonstration no slower. A server the tests keep running is left the full compiler.
     */
    private static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";

    private static Run run(List<String> launcher, List<String> options, String... arguments) {
        List<String> command = new ArrayList<>(launcher);
        List<String> jvm = new ArrayList<>(List.of(SHORT_LIVED));
        jvm.addAll(options);
        command.addAll(command(jvm, arguments));
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
