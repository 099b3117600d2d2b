package org.casefunds.ledger.formats.export;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the {@code hledger} program on a journal, for the tests that let hledger recompute what the
 * ledger exported (docs/design.md §6, invariant 9). Tests call {@link #assumeInstalled()} first, so that
 * they are skipped, not failed, where hledger is missing.
 */
public final class HledgerProcess {
    /** The longest one run of hledger may take before it is killed. */
    private static final long TIMEOUT_SECONDS = 120;

    private HledgerProcess() {
    }

    /** What one run printed and returned. */
    public record Result(List<String> arguments, int exitCode, String out, String err) {
        /** Everything about the run, for a failure message. */
        public String describe() {
            return "hledger " + String.join(" ", arguments) + "\nexit " + exitCode + "\n--- stdout\n" + out
                    + "\n--- stderr\n" + err;
        }
    }

    /** Skips the calling test unless an executable {@code hledger} is on the PATH. */
    public static void assumeInstalled() {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, "hledger")));
        Assumptions.assumeTrue(installed,
                "hledger is not installed: the hledger cross-check is skipped (.ci/run installs it)");
    }

    /** Runs {@code hledger arguments...} and waits for it. */
    public static Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("hledger"));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile("hledger-out", ".txt");
            Path err = Files.createTempFile("hledger-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                // hledger reads and writes UTF-8 only under a UTF-8 locale; a build may run under plain C.
                builder.environment().put("LANG", "C.UTF-8");
                builder.environment().put("LC_ALL", "C.UTF-8");
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("hledger " + String.join(" ", arguments) + " ran longer than "
                            + TIMEOUT_SECONDS + " s");
                }
                return new Result(List.of(arguments), process.exitValue(), Files.readString(out,
                        StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
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

    /**
     * hledger's strict check: the journal parses, every transaction balances, every account and
     * commodity is declared, and every balance assertion holds.
     */
    public static Result check(Path journal) {
        return run("-f", journal.toString(), "check", "--strict");
    }

    /**
     * Every account's balance by hledger, keyed {@code "<account> <commodity>"}, zero balances left
     * out (hledger shows them only partly); fails if hledger fails.
     */
    public static Map<String, BigDecimal> balances(Path journal) {
        Result result = run("-f", journal.toString(), "balance", "--flat", "--no-total", "--layout=bare", "-O", "csv");
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
        Map<String, BigDecimal> balances = new TreeMap<>();
        try (Reader reader = new StringReader(result.out());
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            for (CSVRecord row : parser) {
                BigDecimal amount = new BigDecimal(row.get("balance"));
                if (amount.signum() != 0) {
                    balances.put(row.get("account") + " " + row.get("commodity"), amount);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return balances;
    }
}
