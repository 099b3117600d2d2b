package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Goal: an audit reads one snapshot and writes nothing. Verify while another thread appends never
 * fails falsely and still catches an edit; a snapshot sees one commit and blocks no writer; the
 * ledger file, an empty file and another application's file are left byte for byte as they were
 * (the journal mode too); a copy in a read-only folder is audited; a flipped byte in a page fails
 * the page integrity check, is recorded, and stops writes until the file is restored; a backup is a
 * consistent copy, taken while a writer goes on, that never replaces a file.
 *
 * <p>Method: ledger files from {@link ConcurrencyTest#preparedLedger()}, receipts appended by a
 * thread through {@link AppendLoop#receipt}, raw SQL and raw bytes for the edits.
 */
class AuditFilesTest {

    private static Ledger writing(Path file) {
        return Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Clock.systemUTC());
    }

    private static SqlJournalStore readOnly(Path file) {
        return SqlLedger.sqliteReadOnly(file, SqliteOptions.defaults());
    }

    private static void sql(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
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

    /** A thread appending one receipt after another until stopped; it counts what it committed. */
    private static final class Writer implements AutoCloseable {
        final AtomicInteger committed = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Writer(Path file, String prefix) {
            this(() -> writing(file), prefix);
        }

        Writer(Supplier<Ledger> ledgers, String prefix) {
            thread = new Thread(() -> {
                try (Ledger ledger = ledgers.get()) {
                    for (int i = 0; !stop.get(); i++) {
                        ledger.execute(AppendLoop.receipt(prefix + "-" + i));
                        committed.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.start();
        }

        /** Waits until the writer committed {@code more} events beyond what it had. */
        void awaitMore(int more) throws InterruptedException {
            int target = committed.get() + more;
            while (committed.get() < target && failure.get() == null) {
                Thread.sleep(5);
            }
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while the writer stopped", e);
            }
            assertEquals(null, failure.get(), "the writer failed");
        }
    }

    @Test
    void verifyDuringAConcurrentApplyNeverFailsFalselyAndStillCatchesAnEdit() throws Exception {
        Path file = ConcurrencyTest.preparedLedger();
        try (Writer writer = new Writer(file, "during")) {
            writer.awaitMore(5);
            for (int round = 0; round < 6; round++) {
                int before = writer.committed.get();
                // Read-only, as the command line audits; and on a writing store, which takes its own snapshot.
                try (SqlJournalStore store = readOnly(file)) {
                    LedgerAudit.Result result = LedgerAudit.of(store);
                    assertTrue(result.ok(), "round " + round + ": " + result);
                    assertEquals(store.snapshotSequence().getAsLong(), result.events(), "the audit read its snapshot");
                }
                try (SqlJournalStore store = SqlLedger.sqlite(file)) {
                    LedgerAudit.Result result = LedgerAudit.of(store);
                    assertTrue(result.ok(), "round " + round + " (writing store): " + result);
                }
                writer.awaitMore(1);
                assertTrue(writer.committed.get() > before, "the writer went on during the audits");
            }
            editWhileWritten(file, "UPDATE case_record SET handler = 'someone.else'");
            writer.awaitMore(3);
            try (SqlJournalStore store = readOnly(file)) {
                LedgerAudit.Result result = LedgerAudit.of(store);
                assertFalse(result.ok(), "the edit was caught");
                LedgerAudit.Check failed = result.checks().stream().filter(check -> !check.ok()).findFirst()
                        .orElseThrow();
                assertEquals("replay equals the projections", failed.name(), result.toString());
                assertTrue(failed.detail().contains("case_record"), failed.detail());
                // Only the projections differ: the compact replay and the row-by-row comparison both say so.
                assertEquals(List.of("replay equals the projections", "every projection row"), result.checks().stream()
                        .filter(check -> !check.ok()).map(LedgerAudit.Check::name).toList(), result.toString());
                assertTrue(result.checks().get(result.checks().size() - 1).detail()
                        .contains("case_record row (case_number=（2025）京02执1号) column handler"), result.toString());
            }
        }
    }

    @Test
    void aSnapshotSeesOneCommitAndBlocksNoWriter() throws Exception {
        Path file = ConcurrencyTest.preparedLedger();
        try (SqlJournalStore snapshot = readOnly(file);
                Ledger ledger = Ledger.open(SqlLedger.sqlite(file, SqliteOptions.defaults()
                        .withBusyTimeout(Duration.ofMillis(500))), Policy.defaults(), Clock.systemUTC())) {
            long sequence = snapshot.snapshotSequence().getAsLong();
            assertEquals(sequence, snapshot.view().lastSequence());
            // The snapshot is held; the writer commits beside it within its short busy timeout.
            for (int i = 0; i < 3; i++) {
                ledger.execute(AppendLoop.receipt("beside-" + i));
            }
            assertEquals(sequence + 3, ledger.view().lastSequence());
            assertEquals(sequence, snapshot.view().lastSequence(), "the snapshot does not see later commits");
            try (Stream<Event> events = snapshot.read(1)) {
                assertEquals(sequence, events.count());
            }
            assertTrue(LedgerAudit.of(snapshot).ok());
            assertEquals(sequence, snapshot.snapshotSequence().getAsLong());
            try (SqlJournalStore later = readOnly(file)) {
                assertEquals(sequence + 3, later.snapshotSequence().getAsLong());
            }
            StorageException refused = assertThrows(StorageException.class,
                    () -> Ledger.open(snapshot, Policy.defaults(), Clock.systemUTC())
                            .execute(AppendLoop.receipt("through-the-snapshot")));
            assertEquals(ErrorCode.STORAGE_READ_ONLY, refused.code());
            assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
        }
    }

    /** The file's bytes and the names in its folder. */
    private record FileState(byte[] bytes, Set<String> folder) {
        static FileState of(Path file) throws IOException {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> listed = Files.list(file.getParent())) {
                listed.forEach(each -> names.add(each.getFileName().toString()));
            }
            return new FileState(Files.readAllBytes(file), names);
        }
    }

    private static Path closedLedger() {
        Path file = ConcurrencyTest.preparedLedger();
        try (Ledger ledger = writing(file)) {
            ledger.execute(AppendLoop.receipt("r1"));
        }
        // Closing the last connection folded the write-ahead log into the file and removed it.
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + "-wal")));
        return file;
    }

    @Test
    void anAuditWritesNotAByteOfTheLedgerNorChangesItsJournalMode() throws Exception {
        Path file = closedLedger();
        byte[] before = Files.readAllBytes(file);
        try (SqlJournalStore store = readOnly(file)) {
            assertTrue(LedgerAudit.of(store).ok());
            SqlReportSource.of(store).balances(Fixtures.DAY_ONE.plusDays(5));
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        // Bytes 18 and 19 of the header are 2 in WAL mode; an audit left them so.
        assertEquals(2, before[18]);
    }

    @Test
    void anEmptyFileOrAnotherApplicationsFileIsNotALedgerAndIsLeftAsItWas() throws Exception {
        Path emptyFolder = Files.createDirectories(TemporaryLedgers.newFile().resolveSibling("empty"));
        Path empty = Files.createFile(emptyFolder.resolve("court.db"));
        FileState emptyBefore = FileState.of(empty);
        StorageException refused = assertThrows(StorageException.class, () -> readOnly(empty));
        assertEquals(ErrorCode.NOT_A_LEDGER, refused.code());
        assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
        FileState emptyAfter = FileState.of(empty);
        assertArrayEquals(emptyBefore.bytes(), emptyAfter.bytes());
        assertEquals(0, emptyAfter.bytes().length);
        assertEquals(emptyBefore.folder(), emptyAfter.folder(), "no file was made beside it");

        Path foreignFolder = Files.createDirectories(emptyFolder.resolveSibling("foreign"));
        Path foreign = foreignFolder.resolve("invoices.db");
        sql(foreign, "PRAGMA journal_mode = DELETE", "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)",
                "INSERT INTO invoices VALUES (1, 100)");
        FileState foreignBefore = FileState.of(foreign);
        StorageException other = assertThrows(StorageException.class, () -> readOnly(foreign));
        assertEquals(ErrorCode.NOT_A_LEDGER, other.code());
        assertTrue(other.getMessage().contains("invoices"), other.getMessage());
        FileState foreignAfter = FileState.of(foreign);
        assertArrayEquals(foreignBefore.bytes(), foreignAfter.bytes(), "not a byte written, the journal mode kept");
        assertEquals(1, foreignAfter.bytes()[18], "still in its rollback-journal mode");
        assertEquals(foreignBefore.folder(), foreignAfter.folder());

        Path noise = foreignFolder.resolve("noise.db");
        byte[] random = new byte[8192];
        new Random(11).nextBytes(random);
        Files.write(noise, random);
        assertEquals(ErrorCode.NOT_A_LEDGER, assertThrows(StorageException.class, () -> readOnly(noise)).code());
        assertArrayEquals(random, Files.readAllBytes(noise));
    }

    @Test
    void aCopyInAReadOnlyFolderIsAudited() throws Exception {
        Path file = closedLedger();
        Path folder = Files.createDirectories(file.resolveSibling("audit-" + file.getFileName()));
        Path copy = Files.copy(file, folder.resolve("court.db"));
        Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r-xr-xr-x");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(folder, readOnly);
        try {
            FileState before = FileState.of(copy);
            assertFalse(Database.Sqlite.writable(folder));
            assertEquals(Database.Sqlite.Access.IMMUTABLE, Database.Sqlite.readOnly(copy, SqliteOptions.defaults())
                    .access());
            try (SqlJournalStore store = readOnly(copy)) {
                LedgerAudit.Result result = LedgerAudit.of(store);
                assertTrue(result.ok(), result.toString());
                assertEquals(store.snapshotSequence().getAsLong(), result.events());
            }
            FileState after = FileState.of(copy);
            assertArrayEquals(before.bytes(), after.bytes());
            assertEquals(before.folder(), after.folder(), "nothing was made in the read-only folder");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Flips one byte of the file: the page-type byte of the root page of the index on event keys. */
    private static void flipAPageByte(Path file) throws SQLException, IOException {
        long page;
        long pageSize;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'event'"
                    + " AND type = 'index'")) {
                assertTrue(rows.next(), "the event table has its index of keys");
                page = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
                rows.next();
                pageSize = rows.getLong(1);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = Math.toIntExact((page - 1) * pageSize);
        bytes[at] ^= (byte) 0x40;
        Files.write(file, bytes);
    }

    @Test
    void aFlippedByteInAPageFailsTheAuditIsRecordedAndStopsWritesUntilRestored() throws Exception {
        Path file = closedLedger();
        Path backup = file.resolveSibling("backup-" + file.getFileName());
        SqlLedger.backup(file, backup, SqliteOptions.defaults());
        flipAPageByte(file);

        LedgerAudit.Result result;
        try (SqlJournalStore store = readOnly(file)) {
            result = LedgerAudit.of(store);
        }
        assertFalse(result.ok());
        LedgerAudit.Check pages = result.checks().get(0);
        assertEquals(LedgerAudit.PAGE_INTEGRITY, pages.name());
        assertFalse(pages.ok(), result.toString());
        assertTrue(pages.detail().contains("integrity_check") && pages.detail().contains("backup"), pages.detail());
        // The rows the ledger reads by sequence are whole: only the database's own check saw the damage.
        assertTrue(result.checks().stream().skip(1).allMatch(LedgerAudit.Check::ok), result.toString());

        assertTrue(IntegrityRecord.record(file, pages.detail()));
        StorageException refused = assertThrows(StorageException.class, () -> SqlLedger.sqlite(file));
        assertEquals(ErrorCode.STORAGE_CORRUPT, refused.code());
        assertTrue(refused.getMessage().contains("integrity") && refused.getMessage().contains("casefunds backup"),
                refused.getMessage());

        // Restored: the backup replaces the file; its audit passes; the record goes; writes go on.
        Files.copy(backup, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (SqlJournalStore store = readOnly(file)) {
            assertTrue(LedgerAudit.of(store).ok());
        }
        assertTrue(IntegrityRecord.clear(file));
        try (Ledger ledger = writing(file)) {
            ledger.execute(AppendLoop.receipt("after-restore"));
        }
    }

    @Test
    void aWriteThatMeetsADamagedPageRecordsIt() throws Exception {
        Path file = closedLedger();
        flipAPageByte(file);
        try (Ledger ledger = writing(file)) {
            StorageException damaged = assertThrows(StorageException.class,
                    () -> ledger.execute(AppendLoop.receipt("onto-damage")));
            assertEquals(ErrorCode.STORAGE_CORRUPT, damaged.code(), damaged.getMessage());
        }
        assertTrue(IntegrityRecord.read(file).orElseThrow().contains("damaged page"));
        assertEquals(ErrorCode.STORAGE_CORRUPT, assertThrows(StorageException.class, () -> SqlLedger.sqlite(file))
                .code());
        IntegrityRecord.clear(file);
    }

    @Test
    void aBackupIsAConsistentCopyTakenBesideAWriterAndNeverReplacesAFile() throws Exception {
        Path file = ConcurrencyTest.preparedLedger();
        List<Path> copies = new ArrayList<>();
        try (Writer writer = new Writer(file, "backup")) {
            for (int i = 0; i < 3; i++) {
                writer.awaitMore(3);
                Path copy = file.resolveSibling(file.getFileName() + ".copy-" + i);
                assertEquals(copy.toAbsolutePath(), SqlLedger.backup(file, copy, SqliteOptions.defaults()));
                copies.add(copy);
            }
        }
        for (Path copy : copies) {
            try (SqlJournalStore store = readOnly(copy)) {
                LedgerAudit.Result result = LedgerAudit.of(store);
                assertTrue(result.ok(), copy + ": " + result);
                assertTrue(result.events() > 0);
            }
        }
        byte[] kept = Files.readAllBytes(copies.get(0));
        InvalidInputException exists = assertThrows(InvalidInputException.class,
                () -> SqlLedger.backup(file, copies.get(0), SqliteOptions.defaults()));
        assertEquals(ErrorCode.ALREADY_EXISTS, exists.code());
        assertArrayEquals(kept, Files.readAllBytes(copies.get(0)));
        try (Stream<Path> listed = Files.list(file.getParent())) {
            assertTrue(listed.noneMatch(each -> each.getFileName().toString().endsWith(".partial")),
                    "no partial copy is left");
        }
    }

    private static final AtomicInteger COURTS = new AtomicInteger();

    /** A new court schema on the test server with the court, its accounts and case 1 open. */
    private static String preparedSchema() {
        String schema = "court_audit_" + COURTS.incrementAndGet();
        try (Ledger ledger = Ledger.open(SqlLedger.postgres(PostgresServer.dataSource(), schema), Policy.defaults(),
                Clock.systemUTC())) {
            Fixtures.opening().forEach(ledger::execute);
            ledger.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
        }
        return schema;
    }

    @Test
    void onPostgresAnAuditReadsOneRepeatableReadSnapshotBesideAWriter() throws Exception {
        DataSource data = PostgresServer.dataSource();
        String schema = preparedSchema();
        try (Writer writer = new Writer(() -> Ledger.open(SqlLedger.postgres(data, schema), Policy.defaults(),
                Clock.systemUTC()), "pg")) {
            writer.awaitMore(5);
            for (int round = 0; round < 4; round++) {
                int before = writer.committed.get();
                try (SqlJournalStore store = SqlLedger.postgresReadOnly(data, schema)) {
                    LedgerAudit.Result result = LedgerAudit.of(store);
                    assertTrue(result.ok(), "round " + round + ": " + result);
                    assertEquals(store.snapshotSequence().getAsLong(), result.events());
                    assertTrue(result.checks().get(0).detail().contains("amcheck"), result.toString());
                }
                try (SqlJournalStore store = SqlLedger.postgres(data, schema)) {
                    assertTrue(LedgerAudit.of(store).ok());
                }
                writer.awaitMore(1);
                assertTrue(writer.committed.get() > before, "the writer went on during the audits");
            }
        }
        try (SqlJournalStore store = SqlLedger.postgresReadOnly(data, schema)) {
            assertEquals(ErrorCode.STORAGE_READ_ONLY, assertThrows(StorageException.class, () -> Ledger.open(store,
                    Policy.defaults(), Clock.systemUTC()).execute(AppendLoop.receipt("read-only"))).code());
        }
        assertEquals(ErrorCode.NOT_A_LEDGER, assertThrows(StorageException.class,
                () -> SqlLedger.postgresReadOnly(data, "court_audit_none")).code());
    }

    @Test
    void onPostgresAmcheckChecksTheIndexesWhereItIsInstalled() throws Exception {
        DataSource data = PostgresServer.dataSource();
        String schema = preparedSchema();
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
        } catch (SQLException e) {
            Assumptions.abort("the server's binaries have no amcheck: " + e.getMessage());
        }
        try (SqlJournalStore store = SqlLedger.postgresReadOnly(data, schema)) {
            LedgerAudit.Result result = LedgerAudit.of(store);
            assertTrue(result.ok(), result.toString());
            assertTrue(result.checks().get(0).detail().contains("bt_index_check"), result.toString());
        }
    }
}
