package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.commands.HandOverCase;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.HandlerFigures;
import org.casefunds.ledger.reports.WeeklyReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.ChainVerifier;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Goal: a ledger on a SQLite file keeps everything across reopening, refuses to change its journal,
 * can rebuild its projections, names a tampered event, and refuses every storage fault (not a
 * ledger, newer schema, read-only, locked, full, corrupt) with a clear error and nothing written.
 *
 * <p>Method: small scenarios through {@link Ledger} on files in a temporary folder; faults are made
 * for real (a file of random bytes, a chmod, a second connection holding the write lock, SQLite's
 * page limit standing in for a full disk, bytes overwritten in the file).
 */
class SqliteStoreTest {

    private static Ledger ledger(Path file) {
        return Ledger.open(SqlLedger.sqlite(file, SqliteOptions.defaults().withBusyTimeout(Duration.ofMillis(200))),
                Policy.defaults(), Fixtures.CLOCK);
    }

    private static Command receipt(String key, String serial, String amount) {
        return Command.of(key, ADMINISTRATOR, DAY_ONE.plusDays(1), RecordReceipt.of(BANK, serial, cny(amount),
                Payer.of("债务人1", null, null), null, ReceiptSource.DEBTOR_PAYMENT, Fixtures.subAccount(1)));
    }

    /** A ledger with a case and one receipt of 1,000.00 on it. */
    private static Path populated() {
        Path file = TemporaryLedgers.newFile();
        try (Ledger ledger = ledger(file)) {
            Fixtures.opening().forEach(ledger::execute);
            ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
            ledger.execute(receipt("r1", "SN1", "1000.00"));
        }
        return file;
    }

    private static List<Event> events(Ledger ledger) {
        try (Stream<Event> events = ledger.events(1)) {
            return events.collect(Collectors.toList());
        }
    }

    @Test
    void aWriterThatReleasedItsWorkingSetReadsWhatItNeedsAgain() {
        Path file = populated();
        try (Ledger ledger = ledger(file)) {
            ledger.execute(receipt("r2", "SN2", "5.00"));
            ((SqlJournalStore) ledger.store()).releaseWorkingSet();
            // The same key again is still recognised, and the case's balance still known.
            assertTrue(ledger.execute(receipt("r2", "SN2", "5.00")).repeated());
            ledger.execute(receipt("r3", "SN3", "7.00"));
            assertEquals(cny("1012.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            assertEquals(afterOpening(4), ledger.view().lastSequence());
            LedgerAudit.Result audit = LedgerAudit.of((SqlJournalStore) ledger.store());
            assertTrue(audit.ok(), audit.toString());
        }
    }

    @Test
    void eachReportOfALiveStoreReadsTheHandlersAsTheyAreThen() {
        Path file = populated();
        try (Ledger ledger = ledger(file)) {
            CourtReports reports = CourtReports.of(SqlReportSource.of((SqlJournalStore) ledger.store()),
                    Policy.defaults(), WorkingDayCalendar.china());
            LocalDate day = DAY_ONE.plusDays(3);
            assertEquals(List.of(HANDLER.id()), handlersOf(reports.weekly(DAY_ONE, day, CNY)));
            ledger.execute(Command.of("hand-over", HANDLER, DAY_ONE.plusDays(2), new HandOverCase(
                    Fixtures.caseNumber(1), Fixtures.OTHER_HANDLER.id(), "调岗")).approvedBy(BY_HEAD));
            // A report kept nothing for the next one: this one reads the hand-over.
            assertEquals(List.of(Fixtures.OTHER_HANDLER.id()), handlersOf(reports.weekly(DAY_ONE, day, CNY)));
        }
    }

    private static List<String> handlersOf(WeeklyReport weekly) {
        return weekly.handlers().stream().map(HandlerFigures::handler).collect(Collectors.toList());
    }

    @Test
    void theStoredHashesAreTheEventsHashesInOrderAndNameTheSameTree() {
        Path file = populated();
        try (Ledger ledger = ledger(file)) {
            ledger.execute(receipt("r2", "SN2", "5.00"));
            List<String> hashes;
            try (Stream<String> stored = ledger.store().storedHashes(1)) {
                hashes = stored.collect(Collectors.toList());
            }
            List<String> read;
            try (Stream<Event> events = ledger.events(1)) {
                read = events.map(Event::hash).collect(Collectors.toList());
            }
            assertEquals(afterOpening(3), hashes.size());
            assertEquals(read, hashes);
            try (Stream<String> stored = ledger.store().storedHashes(afterOpening(2))) {
                assertEquals(read.subList((int) afterOpening(2) - 1, read.size()), stored.collect(Collectors.toList()));
            }
            assertEquals(JournalTree.read(ledger.store()).digest(Fixtures.CLOCK.instant()),
                    JournalTree.fromStoredHashes(ledger.store()).digest(Fixtures.CLOCK.instant()));
        }
    }

    @Test
    void aReopenedLedgerHoldsItsEventsAndState() {
        Path file = populated();
        try (Ledger ledger = ledger(file)) {
            assertEquals(afterOpening(2), events(ledger).size());
            assertEquals(cny("1000.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            assertTrue(ledger.verifyChain().ok());
            // The same command again is recognised across the reopening and appends nothing.
            assertTrue(ledger.execute(receipt("r1", "SN1", "1000.00")).repeated());
            assertEquals(afterOpening(2), ledger.view().lastSequence());
        }
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEventsAndPostings() throws SQLException {
        Path file = populated();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String change : List.of("UPDATE event SET kind = 99 WHERE sequence = " + afterOpening(2),
                    "DELETE FROM event WHERE sequence = " + afterOpening(2), "UPDATE posting SET amount_minor = 1",
                    "DELETE FROM posting")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            }
        }
    }

    @Test
    void projectionsDroppedAndRebuiltFromTheEventsAreTheSame() {
        Path file = populated();
        try (Ledger ledger = ledger(file)) {
            ledger.execute(Command.of("notice", HANDLER, DAY_ONE.plusDays(2), IssuePayoutNotice.of(
                    Fixtures.caseNumber(1), Fixtures.creditorAccount(1), cny("400.00"))).approvedBy(BY_HEAD));
            String before = StateSnapshot.of((LedgerState) ledger.view());
            SqlJournalStore store = (SqlJournalStore) ledger.store();
            assertEquals(afterOpening(3), store.rebuildProjections());
            assertEquals(before, StateSnapshot.of((LedgerState) ledger.view()));
            assertEquals(StateSnapshot.of(LedgerState.fold(events(ledger))), before, "replay equals the projections");
        }
    }

    @Test
    void aChangedByteOfAStoredEventIsFoundAndNamed() throws SQLException {
        Path file = populated();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER event_is_append_only_update");
            // 1000.00 becomes 9000.00 in the stored text of the receipt, the second event after the opening,
            // packed again as the ledger packs it.
            PackedSql.register(connection);
            statement.execute("UPDATE event SET body = pack(replace(unpack(body), 'CNY 1000.00', 'CNY 9000.00'))"
                    + " WHERE sequence = " + afterOpening(2));
        }
        try (Ledger ledger = ledger(file)) {
            ChainVerifier.Result result = ledger.verifyChain();
            assertFalse(result.ok());
            assertEquals(afterOpening(2), result.failure().get().sequence());
            assertTrue(result.failure().get().reason().contains("changed after it was written"), result.toString());
            IntegrityException reading = assertThrows(IntegrityException.class, () -> events(ledger));
            assertEquals(String.valueOf(afterOpening(2)), reading.value().orElseThrow());
        }
    }

    @Test
    void aLedgerWrittenWithTheFirstPackingReadsVerifiesAndGrowsWithTheSecond() throws SQLException {
        Path file = populated();
        String before;
        try (Ledger ledger = ledger(file)) {
            before = events(ledger).stream().map(Event::canonicalText).collect(Collectors.joining());
        }
        // Every packed text as a file written before packing 2 keeps it: DEFLATE with dictionary 1.
        List<String> packedTables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            PackedSql.register(connection);
            String trigger;
            try (var rows = statement.executeQuery("SELECT sql FROM sqlite_master WHERE name"
                    + " = 'event_is_append_only_update'")) {
                trigger = rows.getString(1);
            }
            try (var rows = statement.executeQuery("SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c"
                    + " WHERE m.type = 'table' AND c.name = 'body'")) {
                while (rows.next()) {
                    packedTables.add(rows.getString(1));
                }
            }
            statement.execute("DROP TRIGGER event_is_append_only_update");
            for (String table : packedTables) {
                statement.execute("UPDATE " + table + " SET body = pack1(unpack(body))");
            }
            statement.execute(trigger);
            try (var rows = statement.executeQuery("SELECT count(*) FROM event WHERE substr(body, 1, 1) <> x'01'")) {
                assertEquals(0, rows.getInt(1), "every event is in packing 1 now");
            }
        }
        assertTrue(packedTables.containsAll(List.of("event", "case_record", "receipt")), packedTables.toString());
        try (Ledger ledger = ledger(file)) {
            assertEquals(before, events(ledger).stream().map(Event::canonicalText).collect(Collectors.joining()));
            ledger.execute(receipt("r2", "SN2", "5.00"));
            assertEquals(cny("1005.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            LedgerAudit.Result audit = LedgerAudit.of((SqlJournalStore) ledger.store());
            assertTrue(audit.ok(), audit.toString());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT hex(substr(body, 1, 1)), count(*) FROM event GROUP BY 1"
                        + " ORDER BY 1")) {
            List<String> packings = new ArrayList<>();
            while (rows.next()) {
                packings.add(rows.getString(1) + ":" + rows.getInt(2));
            }
            assertEquals(List.of("01:" + afterOpening(2), "02:1"), packings,
                    "old events kept, the new one in packing 2");
        }
    }

    @Test
    void aFileThatIsNotALedgerIsRefused() throws IOException, SQLException {
        Path noise = TemporaryLedgers.newFile();
        byte[] bytes = new byte[8192];
        new Random(7).nextBytes(bytes);
        Files.write(noise, bytes);
        StorageException random = assertThrows(StorageException.class, () -> SqlLedger.sqlite(noise));
        assertEquals(ErrorCode.NOT_A_LEDGER, random.code());
        assertTrue(random.getMessage().contains("not a SQLite database"), random.getMessage());
        assertTrue(Arrays.equals(bytes, Files.readAllBytes(noise)), "the file was not touched");

        Path other = TemporaryLedgers.newFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)");
        }
        StorageException foreign = assertThrows(StorageException.class, () -> SqlLedger.sqlite(other));
        assertEquals(ErrorCode.NOT_A_LEDGER, foreign.code());
        assertTrue(foreign.getMessage().contains("invoices"), foreign.getMessage());
    }

    @Test
    void aLedgerFromANewerVersionIsRefused() throws SQLException {
        Path file = populated();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE ledger_info SET schema_version = 99");
        }
        StorageException refused = assertThrows(StorageException.class, () -> SqlLedger.sqlite(file));
        assertEquals(ErrorCode.SCHEMA_TOO_NEW, refused.code());
        assertTrue(refused.getMessage().contains("schema 99"), refused.getMessage());
    }

    @Test
    void aReadOnlyLedgerRefusesWritesAndKeepsItsContent() throws IOException, InterruptedException {
        Path file = populated();
        Path folder = file.getParent().resolve("read-only-" + file.getFileName());
        Files.createDirectory(folder);
        Path copy = folder.resolve("ledger.db");
        Files.copy(file, copy);
        long eventsBefore;
        try (SqlJournalStore store = SqlLedger.sqlite(copy); Stream<?> events = store.read(1)) {
            eventsBefore = events.count();
        }
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        // Root ignores permissions; the immutable attribute stops root too, where the file system has it.
        boolean immutable = Files.isWritable(copy) && chattr("+i", copy, folder);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(copy) && !immutable,
                    "running as root on a file system without the immutable attribute: nothing makes the file"
                            + " read-only");
            StorageException refused = assertThrows(StorageException.class, () -> {
                try (Ledger ledger = ledger(copy)) {
                    ledger.execute(receipt("r2", "SN2", "5.00"));
                }
            });
            assertEquals(ErrorCode.STORAGE_READ_ONLY, refused.code(), refused.getMessage());
        } finally {
            if (immutable) {
                chattr("-i", copy, folder);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (SqlJournalStore store = SqlLedger.sqlite(copy); Stream<?> events = store.read(1)) {
            assertEquals(eventsBefore, events.count(), "nothing was written to the read-only file");
        }
    }

    /** Runs chattr on the paths; whether it worked. */
    private static boolean chattr(String change, Path... paths) throws InterruptedException {
        for (Path path : paths) {
            try {
                Process process = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true)
                        .start();
                process.getInputStream().readAllBytes();
                if (process.waitFor() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aLedgerLockedByAnotherWriterIsRefusedAfterTheBusyTimeout() throws SQLException {
        Path file = populated();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = other.createStatement();
                Ledger ledger = ledger(file)) {
            statement.execute("BEGIN IMMEDIATE");
            StorageException refused = assertThrows(StorageException.class,
                    () -> ledger.execute(receipt("r2", "SN2", "5.00")));
            assertEquals(ErrorCode.STORAGE_LOCKED, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("busy timeout"), refused.getMessage());
            statement.execute("ROLLBACK");
            assertEquals(afterOpening(2), ledger.view().lastSequence(), "nothing was written");
            assertFalse(ledger.execute(receipt("r2", "SN2", "5.00")).repeated(), "it works once the lock is gone");
        }
    }

    @Test
    void aFullDiskRefusesTheWholeBatchAndLosesNothing() throws SQLException {
        Path file = populated();
        long pages;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            pages = statement.executeQuery("PRAGMA page_count").getLong(1);
        }
        try (Ledger ledger = ledger(file)) {
            SqlJournalStore store = (SqlJournalStore) ledger.store();
            // SQLite's page limit on the writer's connection stands in for a full disk: SQLITE_FULL.
            store.limitPagesForTest(pages + 2);
            List<Command> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                batch.add(receipt("big-" + i, "BIG" + i, "1.00"));
            }
            StorageException refused = assertThrows(StorageException.class, () -> ledger.executeAll(batch));
            assertEquals(ErrorCode.STORAGE_FULL, refused.code(), refused.getMessage());
            assertEquals(afterOpening(2), ledger.view().lastSequence(), "nothing of the batch was written");
            assertTrue(ledger.verifyChain().ok());
            store.limitPagesForTest(1_000_000);
            BatchResult again = ledger.executeAll(batch.subList(0, 10));
            assertTrue(again.applied(), "the ledger works again once there is room");
        }
    }

    @Test
    void aCorruptFileIsRefusedWithAClearError() throws IOException, SQLException {
        Path file = populated();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            statement.execute("PRAGMA journal_mode=DELETE");
        }
        byte[] bytes = Files.readAllBytes(file);
        // Overwrite every page after the first with garbage; the header stays a SQLite header.
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        StorageException refused = assertThrows(StorageException.class, () -> {
            try (Ledger ledger = ledger(file)) {
                events(ledger);
                ledger.execute(receipt("r2", "SN2", "5.00"));
            }
        });
        assertTrue(refused.code() == ErrorCode.STORAGE_CORRUPT || refused.code() == ErrorCode.NOT_A_LEDGER,
                refused.code() + ": " + refused.getMessage());
        assertTrue(refused.getMessage().contains("damaged") || refused.getMessage().contains("not a"),
                refused.getMessage());
        assertTrue(new String(bytes, 0, 15, StandardCharsets.US_ASCII).startsWith("SQLite format 3"));
    }
}
