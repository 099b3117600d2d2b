package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the audits an auditor runs (verify, the reports, export, digest, reconcile) read one
 * snapshot and write nothing. Verify while `apply` writes in another process never fails falsely
 * and still catches an edit; every audit runs on a copy in a {@code chmod -R a-w} folder; an empty
 * file and another application's file are refused as not a ledger (exit 2) and left byte for byte
 * as they were; a flipped byte in a page fails verify, is recorded, and `apply` refuses the file
 * until it is restored from a backup that `backup` made and verified.
 *
 * <p>Method: the packaged jar runs as processes on temporary files, one of them in the background;
 * files are compared byte for byte before and after; the edits are made with SQLite's driver.
 */
class AuditFilesIT {
    private static final Path SAMPLES = Path.of(System.getProperty("casefunds.samples", "samples"));

    @TempDir
    Path folder;

    /** The court of {@link LedgerFileIT}: opened on 2025-03-03 with its case 123. */
    private Path ledger(String name) throws IOException {
        Path db = folder.resolve(name);
        CliProcess.init("--db", db.toString(), "--court", "京02", "--court-name", "北京市第二中级人民法院",
                "--bank-account", "110060001:CNY:工商银行北京分行", "--opened-on", "2025-03-03").expect(0);
        Path opening = folder.resolve(name + ".case.jsonl");
        Files.writeString(opening, LedgerFileIT.OPEN_CASE + "\n" + LedgerFileIT.receipt("SN0001", "65000.00",
                "2025-03-03") + "\n", StandardCharsets.UTF_8);
        CliProcess.run("apply", "--db", db.toString(), opening.toString()).expect(0);
        return db;
    }

    /** {@code count} receipts of 1.00 to case 123, with serial numbers from {@code prefix}. */
    private Path receipts(String prefix, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(LedgerFileIT.receipt(prefix + i, "1.00", "2025-03-20"));
        }
        Path file = folder.resolve(prefix + ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Starts {@code casefunds arguments...} in the background. */
    private Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", CliProcess.jar().toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectOutput(folder.resolve("background.out").toFile())
                .redirectError(folder.resolve("background.err").toFile()).start();
    }

    private void awaitSuccess(Process process) throws Exception {
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the background apply did not finish");
        assertEquals(0, process.exitValue(), () -> "the background apply failed: "
                + readQuietly(folder.resolve("background.err")));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void sql(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 30000");
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    /**
     * Runs {@code change} while a writer appends: the write lock is taken first, waiting for the
     * writer as the ledger does; a statement that read first and then wrote would fail at once
     * (SQLITE_BUSY) if the writer committed in between.
     */
    private static void editWhileWritten(Path file, String change) throws SQLException {
        sql(file, "BEGIN IMMEDIATE", change, "COMMIT");
    }

    @Test
    void verifyDuringAConcurrentApplyInAnotherProcessNeverFailsFalselyAndStillCatchesAnEdit() throws Exception {
        Path db = ledger("court.db");
        String court = db.toString();
        Process apply = start("apply", "--db", court, "--batch-size", "1", receipts("SN1", 2000).toString());
        int overlapped = 0;
        for (int run = 0; run < 3 && apply.isAlive(); run++) {
            boolean aliveBefore = apply.isAlive();
            CliProcess.run("verify", "--db", court).expect(0).printed("The ledger verifies.")
                    .printed("Read in one snapshot of " + court + ", up to event ");
            overlapped += aliveBefore && apply.isAlive() ? 1 : 0;
        }
        Path csv = folder.resolve("during.csv");
        boolean exportOverlapped = apply.isAlive();
        CliProcess.run("export", "--db", court, "--format", "csv", "--out", csv.toString()).expect(0)
                .printed("read in one snapshot, up to event ");
        exportOverlapped &= apply.isAlive();
        awaitSuccess(apply);
        assertTrue(overlapped > 0 || exportOverlapped, "an audit ran while apply wrote");
        int events = CliProcess.STAFF_EVENTS + 1 + 2 + 2000;
        CliProcess.run("verify", "--db", court).expect(0).printed("Head checked: " + events + " events")
                .printed("up to event " + events + ";");

        // An edit of a projection, made while apply writes, is caught all the same.
        Process more = start("apply", "--db", court, "--batch-size", "1", receipts("SN2", 500).toString());
        editWhileWritten(db, "UPDATE case_record SET handler = 'someone.else'");
        CliProcess.run("verify", "--db", court).expect(1).printed("case_record")
                .printed("The ledger does NOT verify: replay equals the projections failed first.");
        // The apply running beside it either had checked the tables before the edit and goes on, or
        // meets the edit at its first write and stops before deciding anything (exit 3).
        assertTrue(more.waitFor(300, TimeUnit.SECONDS), "the background apply did not finish");
        String said = readQuietly(folder.resolve("background.err"));
        assertTrue(more.exitValue() == 0 || more.exitValue() == 3 && said.contains("its tables differ from its journal")
                && said.contains("case_record row"), "the background apply: exit " + more.exitValue() + ": " + said);
    }

    /** A file's bytes and the names in its folder, to compare before and after. */
    private record FileState(byte[] bytes, Set<String> folder) {
        static FileState of(Path file) throws IOException {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> listed = Files.list(file.toAbsolutePath().getParent())) {
                listed.forEach(each -> names.add(each.getFileName().toString()));
            }
            return new FileState(Files.readAllBytes(file), names);
        }

        void assertUnchanged(Path file) throws IOException {
            FileState now = of(file);
            assertArrayEquals(bytes, now.bytes(), file + " was not written");
            assertEquals(folder, now.folder(), "nothing was made beside " + file);
        }
    }

    @Test
    void everyAuditRunsOnACopyInAReadOnlyFolder() throws Exception {
        Path db = folder.resolve("court.db");
        CliProcess.init("--db", db.toString(), "--court", "京02", "--court-name", "北京市第二中级人民法院",
                "--bank-account", "110060001:CNY:工商银行北京分行", "--opened-on", "2025-02-03").expect(0);
        CliProcess.run("apply", "--db", db.toString(), SAMPLES.resolve("court-2025-03.jsonl").toString()).expect(0);
        Path statement = SAMPLES.resolve("statement-2025-03.csv");
        CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement",
                statement.toString()).expect(0);
        Path audit = Files.createDirectory(folder.resolve("audit"));
        Path copy = Files.copy(db, audit.resolve("court.db"));
        Path out = Files.createDirectory(folder.resolve("out"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            FileState before = FileState.of(copy);
            String file = copy.toString();
            CliProcess.run("verify", "--db", file).expect(0).printed("page integrity").printed("The ledger verifies.");
            JsonNode weekly = Json.MAPPER.readTree(CliProcess.run("report", "weekly", "--db", file, "--from",
                    "2025-03-24", "--to", "2025-03-30", "--json").expect(0).out());
            assertTrue(weekly.get("snapshot").get("sequence").asLong() > 0, weekly.toString());
            CliProcess.run("report", "unidentified", "--db", file, "--as-of", "2025-03-31").expect(0)
                    .printed("读取 " + file + " 的同一快照");
            CliProcess.run("double-zero", "--db", file, "--as-of", "2025-03-31").expect(0);
            CliProcess.run("balances", "--db", file).expect(0);
            CliProcess.run("export", "--db", file, "--format", "hledger", "--out", out.resolve("court.journal")
                    .toString()).expect(0);
            CliProcess.run("digest", "--db", file, "--out", out.resolve("digest.json").toString()).expect(0);
            CliProcess.run("reconcile", "--db", file, "--statement", statement.toString(), "--from", "2025-03-01",
                    "--to", "2025-03-31").expect(0).printed("the statement reconciles with the ledger.")
                    .printed("Ledger read in one snapshot of " + file);
            CliProcess.run("backup", "--db", file, "--to", out.resolve("court-backup.db").toString()).expect(0)
                    .printed("The copy verifies");
            before.assertUnchanged(copy);
            // A command that writes is refused on the read-only copy, and writes nothing either.
            CliProcess.run("apply", "--db", file, receipts("SN3", 1).toString()).expect(3);
            before.assertUnchanged(copy);
        } finally {
            Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void anEmptyFileAndAnotherApplicationsFileAreNotALedgerAndAreLeftAsTheyWere() throws Exception {
        Path empty = Files.createFile(Files.createDirectory(folder.resolve("empty")).resolve("court.db"));
        Path foreign = Files.createDirectory(folder.resolve("foreign")).resolve("invoices.db");
        sql(foreign, "PRAGMA journal_mode = DELETE", "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)",
                "INSERT INTO invoices VALUES (1, 100)");
        Path out = Files.createDirectory(folder.resolve("out"));
        for (Path file : List.of(empty, foreign)) {
            FileState before = FileState.of(file);
            String db = file.toString();
            List<String[]> audits = List.of(new String[] {"verify", "--db", db},
                    new String[] {"report", "weekly", "--db", db, "--to", "2025-03-30"},
                    new String[] {"export", "--db", db, "--format", "csv", "--out", out.resolve("x.csv").toString()},
                    new String[] {"digest", "--db", db},
                    new String[] {"reconcile", "--db", db, "--statement", SAMPLES.resolve("statement-2025-03.csv")
                            .toString(), "--from", "2025-03-01", "--to", "2025-03-31"},
                    new String[] {"backup", "--db", db, "--to", out.resolve("x.db").toString()});
            for (String[] arguments : audits) {
                CliProcess.run(arguments).expect(2).complained("not a Casefunds ledger").complained("NOT_A_LEDGER");
                before.assertUnchanged(file);
            }
            assertFalse(Files.exists(out.resolve("x.csv")) || Files.exists(out.resolve("x.db")));
        }
        assertEquals(0, Files.size(empty));
        assertEquals(1, Files.readAllBytes(foreign)[18], "the foreign file kept its rollback-journal mode");
    }

    /** Flips one byte: the page-type byte of the root page of the index on event keys. */
    private static void flipAPageByte(Path file) throws SQLException, IOException {
        long page;
        long pageSize;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'event'"
                    + " AND type = 'index'")) {
                assertTrue(rows.next());
                page = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
                rows.next();
                pageSize = rows.getLong(1);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[Math.toIntExact((page - 1) * pageSize)] ^= (byte) 0x40;
        Files.write(file, bytes);
    }

    @Test
    void aFlippedByteFailsVerifyAndApplyRefusesTheFileUntilItIsRestoredFromABackup() throws Exception {
        Path db = ledger("court.db");
        String court = db.toString();
        Path backup = folder.resolve("court-backup.db");
        CliProcess.run("backup", "--db", court, "--to", backup.toString()).expect(0)
                .printed("Backed up " + court + " to " + backup).printed("The copy verifies");
        CliProcess.run("backup", "--db", court, "--to", backup.toString()).expect(2)
                .complained("a backup never replaces a file");

        flipAPageByte(db);
        CliProcess.Run verify = CliProcess.run("verify", "--db", court).expect(1)
                .printed("The ledger does NOT verify: page integrity failed first.")
                .printed("integrity_check").printed("Recorded in ");
        Path record = folder.resolve("court.db.integrity-failed");
        assertTrue(Files.isRegularFile(record), verify.out());
        CliProcess.run("apply", "--db", court, receipts("SN4", 1).toString()).expect(3)
                .complained("failed its page integrity check").complained("casefunds backup")
                .complained("casefunds verify");

        // Restored: the backup replaces the file; verify passes and removes the record; apply goes on.
        Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);
        CliProcess.run("verify", "--db", court).expect(0).printed("The ledger verifies.").printed("was removed");
        assertFalse(Files.exists(record));
        CliProcess.run("apply", "--db", court, receipts("SN5", 1).toString()).expect(0);
    }
}
