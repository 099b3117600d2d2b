package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Goal: the write-ahead log of a SQLite ledger at {@code synchronous=NORMAL} is copied into its file
 * beside the writer, with nothing left behind: every page of the log is copied once writes stop,
 * what a reader sees is the ledger's, and when the ledger closes, the thread has ended and SQLite has
 * removed the log. At FULL, and on a store opened read-only, there is no such thread.
 *
 * <p>Method: a ledger on a file at NORMAL, fifty receipts, then the file itself is read without its
 * log (SQLite's {@code immutable=1}) until it holds all fifty (up to half a minute); a second
 * connection reads them through the log too; the ledger closes, and the log and the thread are
 * looked for.
 */
class CheckpointerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final SqliteOptions NORMAL = SqliteOptions.defaults().withSynchronous(
            SqliteOptions.Synchronous.NORMAL);

    @Test
    void theLogIsCopiedBesideTheWriterAndGoneWhenTheLedgerCloses() throws Exception {
        Path file = TemporaryLedgers.newFile();
        Path log = file.resolveSibling(file.getFileName() + "-wal");
        String threadName = "casefunds-checkpointer " + file.getFileName();
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file, NORMAL), Policy.defaults(), Fixtures.CLOCK)) {
            Fixtures.opening().forEach(ledger::execute);
            for (int i = 0; i < 50; i++) {
                ledger.execute(Command.of("r" + i, ADMINISTRATOR, DAY_ONE.plusDays(1), RecordReceipt.of(BANK,
                        "SN" + i, cny("100.00"), Payer.of("债务人" + i, null, null), null,
                        ReceiptSource.DEBTOR_PAYMENT, null)));
            }
            Checkpointer checkpointer = SqlLedger.store(ledger).checkpointer();
            assertNotNull(checkpointer, "a SQLite writer at NORMAL has a checkpointer");
            // What the file itself holds, its log left aside (immutable=1 reads the main file only):
            // the receipts are there once the log is copied, which nothing but the checkpointer does
            // here (SQLite's own checkpoint waits for 16,000 pages; fifty receipts write about 800).
            Instant giveUp = Instant.now().plus(PATIENCE);
            int inTheFile = receiptsInTheFileItself(file);
            while (inTheFile != 50 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(20);
                inTheFile = receiptsInTheFileItself(file);
            }
            assertEquals(50, inTheFile, "every receipt copied from the log into the file");
            assertTrue(checkpointer.checkpoints() >= 1);
            long[] last = checkpointer.lastCheckpoint();
            assertArrayEquals(new long[] {0, last[1], last[1]}, last, "SQLite reports the log copied whole");
            assertTrue(isAlive(threadName), "the thread runs while the ledger is open");
            try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = reader.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM receipt")) {
                count.next();
                assertEquals(50, count.getInt(1));
            }
            LedgerAudit.Result audit = SqlLedger.audit(ledger);
            assertTrue(audit.ok(), audit.toString());
            assertEquals(ledger.view().lastSequence(), audit.events());
        }
        assertFalse(isAlive(threadName), "the checkpointer's thread ended with the ledger");
        assertFalse(Files.exists(log), "the last connection closed removed the log: none was left open");
    }

    @Test
    void aWriterAtFullAndAStoreOpenedReadOnlyHaveNone() {
        Path file = TemporaryLedgers.newFile();
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Fixtures.CLOCK)) {
            Fixtures.opening().forEach(ledger::execute);
            assertNull(SqlLedger.store(ledger).checkpointer(), "at FULL, SQLite checkpoints in the commit");
        }
        try (SqlJournalStore reading = SqlLedger.sqliteReadOnly(file, SqliteOptions.defaults())) {
            reading.view().lastSequence();
            assertNull(reading.checkpointer());
        }
    }

    /** The receipts the main file holds, read without its log; -1 while a page is being copied. */
    private static int receiptsInTheFileItself(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        try (Connection mainFileOnly = config.createConnection("jdbc:sqlite:file:" + file.toUri().getRawPath()
                + "?mode=ro&immutable=1");
                Statement statement = mainFileOnly.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM receipt")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException readWhileCopied) {
            return -1;
        }
    }

    private static boolean isAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name)
                && thread.isAlive());
    }
}
