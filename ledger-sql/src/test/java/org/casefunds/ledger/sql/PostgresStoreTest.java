package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.commands.Command;
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
 * Goal: on PostgreSQL the journal is append-only (UPDATE, DELETE and TRUNCATE refused), each court's
 * schema is its own journal, projections rebuild to the same state, a tampered event is named, a
 * newer schema is refused, writes and reads after the server ended the store's connections succeed, and concurrent writers of one court never lose or double an event.
 *
 * <p>Method: scenarios on schemas of the real server that {@link PostgresServer} starts.
 */
class PostgresStoreTest {
    private static final AtomicInteger COURTS = new AtomicInteger();

    private static String newSchema() {
        return "court_store_" + COURTS.incrementAndGet();
    }

    private static Ledger ledger(String schema) {
        return Ledger.open(SqlLedger.postgres(PostgresServer.dataSource(), schema), Policy.defaults(), Fixtures.CLOCK);
    }

    private static Command receipt(String key, String amount) {
        return Command.of(key, ADMINISTRATOR, DAY_ONE.plusDays(1), RecordReceipt.of(BANK, key, cny(amount),
                Payer.of("债务人1", null, null), null, ReceiptSource.DEBTOR_PAYMENT, Fixtures.subAccount(1)));
    }

    private static String populated() {
        String schema = newSchema();
        try (Ledger ledger = ledger(schema)) {
            Fixtures.opening().forEach(ledger::execute);
            ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
            ledger.execute(receipt("r1", "1000.00"));
        }
        return schema;
    }

    private static void sql(String schema, String... statements) throws SQLException {
        DataSource dataSource = PostgresServer.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    @Test
    void theStoredHashesAreTheEventsHashesInOrderAndNameTheSameTree() {
        String schema = populated();
        try (Ledger ledger = ledger(schema)) {
            ledger.execute(receipt("r2", "5.00"));
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
    void eventsAndPostingsRefuseUpdateDeleteAndTruncate() {
        String schema = populated();
        for (String change : List.of("UPDATE event SET kind = 99", "DELETE FROM event WHERE sequence = " + afterOpening(2),
                "TRUNCATE event CASCADE", "UPDATE posting SET amount_minor = 1", "DELETE FROM posting",
                "TRUNCATE posting")) {
            SQLException refused = assertThrows(SQLException.class, () -> sql(schema, change), change);
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    @Test
    void aCourtsSchemaIsJudgedByItsOwnTablesOnly() throws SQLException {
        // Other courts' ledgers in the same database neither make a new schema look like a ledger nor
        // hide another application's tables in the schema named.
        populated();
        String fresh = newSchema();
        try (Ledger ledger = ledger(fresh)) {
            assertEquals(0, ledger.view().lastSequence(), "a new court's ledger is empty");
        }
        String foreign = newSchema();
        sql("public", "CREATE SCHEMA " + foreign, "CREATE TABLE " + foreign + ".payroll (id integer)");
        StorageException refused = assertThrows(StorageException.class,
                () -> SqlLedger.postgres(PostgresServer.dataSource(), foreign));
        assertEquals(ErrorCode.NOT_A_LEDGER, refused.code());
        assertTrue(refused.getMessage().contains("payroll"), refused.getMessage());
    }

    @Test
    void eachCourtHasItsOwnJournal() {
        String first = populated();
        String second = populated();
        try (Ledger one = ledger(first); Ledger other = ledger(second)) {
            one.execute(receipt("r2", "5.00"));
            assertEquals(afterOpening(3), one.view().lastSequence());
            assertEquals(afterOpening(2), other.view().lastSequence());
            assertEquals(cny("1005.00"), one.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            assertEquals(cny("1000.00"), other.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
        }
    }

    @Test
    void projectionsRebuildToTheSameStateAndEqualTheFold() {
        String schema = populated();
        try (Ledger ledger = ledger(schema)) {
            String before = StateSnapshot.of((LedgerState) ledger.view());
            assertEquals(afterOpening(2), ((SqlJournalStore) ledger.store()).rebuildProjections());
            assertEquals(before, StateSnapshot.of((LedgerState) ledger.view()));
            List<Event> events;
            try (Stream<Event> stream = ledger.events(1)) {
                events = stream.collect(Collectors.toList());
            }
            assertEquals(StateSnapshot.of(LedgerState.fold(events)), before);
        }
    }

    @Test
    void aChangedStoredEventIsNamed() throws SQLException {
        String schema = populated();
        sql(schema, "ALTER TABLE event DISABLE TRIGGER event_is_append_only");
        try (Connection connection = PostgresServer.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            assertEquals(1, PackedSql.edit(connection, "event", "sequence = ?", afterOpening(2),
                    text -> text.replace("CNY 1000.00", "CNY 9000.00")));
        }
        try (Ledger ledger = ledger(schema)) {
            ChainVerifier.Result result = ledger.verifyChain();
            assertFalse(result.ok());
            assertEquals(afterOpening(2), result.failure().get().sequence());
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws SQLException {
        String schema = populated();
        sql(schema, "UPDATE ledger_info SET schema_version = 7");
        StorageException refused = assertThrows(StorageException.class,
                () -> SqlLedger.postgres(PostgresServer.dataSource(), schema));
        assertEquals(ErrorCode.SCHEMA_TOO_NEW, refused.code());
    }

    @Test
    void concurrentWritersOfOneCourtNeverLoseOrDoubleAnEvent() throws InterruptedException {
        String schema = populated();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (String prefix : List.of("a", "b", "c")) {
            // Each writer has its own store, as separate application servers would.
            Thread thread = new Thread(() -> {
                try (Ledger ledger = ledger(schema)) {
                    for (int i = 0; i < 60; i++) {
                        ledger.execute(receipt(i % 2 == 0 ? "shared-" + i : prefix + "-" + i, "1.00"));
                    }
                }
            });
            thread.setUncaughtExceptionHandler((t, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        try (Ledger ledger = ledger(schema)) {
            // 5 events, then 30 shared receipts once each and 30 own receipts per writer.
            assertEquals(afterOpening(2) + 30 + 3 * 30, ledger.view().lastSequence());
            assertTrue(ledger.verifyChain().ok());
            assertEquals(cny("1120.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
        }
    }

    @Test
    void writesAndReadsAfterTheServerEndedTheStoresConnectionsStartOnNewOnes() throws SQLException {
        String schema = populated();
        try (Ledger ledger = ledger(schema)) {
            ledger.execute(receipt("before", "1.00"));
            assertEquals(cny("1001.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            // As a server restart or an idle timeout would: end every other connection to the database.
            sql(schema, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
            ledger.execute(receipt("after", "2.00"));
            assertEquals(cny("1003.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            assertEquals(afterOpening(4), ledger.view().lastSequence());
        }
    }
}
