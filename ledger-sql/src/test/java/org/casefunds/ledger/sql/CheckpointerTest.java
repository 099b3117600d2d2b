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

/**
 * Goal: the write-ahead log of a SQLite ledger at {@code synchronous=NORMAL} is copied into its file
 * beside the writer, with nothing left behind: every page of the log is copied once writes stop,
 * what a reader sees is the ledger's, and when the ledger closes, the thread has ended and SQLite has
 * removed the log. At FULL, and on a store opened read-only, there is no such thread.
 *
 * <p>Method: a ledger on a file at NORMAL, fifty receipts, then the store's checkpointer is waited
 * for (up to half a minute) until a checkpoint has copied every page of the log, as SQLite reports
 * it; a second connection reads the receipts; the ledger closes, and the log and the thread are
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
            Instant giveUp = Instant.now().plus(PATIENCE);
            long[] last = checkpointer.lastCheckpoint();
            while (!(last[0] == 0 && last[1] > 0 && last[1] == last[2]) && Instant.now().isBefore(giveUp)) {
                Thread.sleep(20);
                last = checkpointer.lastCheckpoint();
            }
            assertEquals(0, last[0], "the checkpoint ran");
            assertTrue(last[1] > 0, "the log held the receipts' pages: " + last[1]);
            assertArrayEquals(new long[] {0, last[1], last[1]}, last, "every page of the log copied into the file");
            assertTrue(checkpointer.checkpoints() >= 1);
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

    private static boolean isAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name)
                && thread.isAlive());
    }
}
