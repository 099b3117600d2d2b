package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.testing.SequenceHarness;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Goal: a ledger written at schema 3 (event texts as TEXT, hashes as hex) moves to schema 4 when it
 * is opened for writing, with every event, text and hash as it was, and verifies; a schema-3 row
 * that cannot be kept exactly stops the move, naming the event, with nothing changed.
 *
 * <p>Method: a history with money in every table is written by the ledger; its events are then
 * written into a new database migrated only to schema 3 (the library's own scripts), row for row as
 * schema 3 kept them (its event and posting rows; the projections, which the upgrade folds afresh,
 * left empty). That database is opened through {@link SqlLedger}, on SQLite and on PostgreSQL.
 */
class SchemaFourMigrationTest {
    private static final SqliteOptions FAST = SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.OFF);

    /** The events of a history with receipts, cases, disbursements, reversals and deferrals. */
    private static List<Event> history() {
        List<List<List<Integer>>> scripts = new ArrayList<>();
        qt().withFixedSeed(20250303L).withExamples(3).forAll(SequenceHarness.scripts()).checkAssert(scripts::add);
        List<Event> longest = List.of();
        for (List<List<Integer>> script : scripts) {
            Path file = TemporaryLedgers.newFile();
            new SequenceHarness(() -> SqlLedger.sqlite(file, FAST)).run(script,
                    EnumSet.noneOf(SequenceHarness.Check.class));
            try (SqlJournalStore store = SqlLedger.sqlite(file, FAST); Stream<Event> events = store.read(1)) {
                List<Event> read = events.collect(Collectors.toList());
                if (read.size() > longest.size()) {
                    longest = read;
                }
            }
        }
        assertTrue(longest.size() > 20, "a history of some length: " + longest.size());
        return longest;
    }

    /** Writes {@code events} as schema 3 kept them: the text and the hex hash, and the posting rows. */
    private static void writeSchemaThree(Connection connection, List<Event> events) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement event = connection.prepareStatement("INSERT INTO event (sequence, idempotency_key,"
                + " kind, effective_date, recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement posting = connection.prepareStatement("INSERT INTO posting (sequence, line,"
                        + " account, currency, debit, amount_minor, effective_date) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Event each : events) {
                event.setLong(1, each.sequence());
                event.setString(2, each.idempotencyKey());
                event.setString(3, each.kind().name());
                event.setLong(4, each.effectiveDate().toEpochDay());
                event.setLong(5, each.recordedAt().toEpochMilli());
                event.setString(6, each.canonicalText());
                event.setString(7, each.hash());
                event.executeUpdate();
                long line = 0;
                for (Posting each2 : each.postings()) {
                    posting.setLong(1, each.sequence());
                    posting.setLong(2, ++line);
                    posting.setString(3, each2.account().toString());
                    posting.setString(4, each2.amount().getCurrencyUnit().getCode());
                    posting.setLong(5, each2.side() == Side.DEBIT ? 1 : 0);
                    posting.setLong(6, each2.amount().getAmountMinorLong());
                    posting.setLong(7, each.effectiveDate().toEpochDay());
                    posting.executeUpdate();
                }
            }
        }
        connection.commit();
    }

    private static Path schemaThreeFile(List<Event> events) throws SQLException {
        Path file = TemporaryLedgers.newFile();
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations("classpath:db/migration/sqlite")
                .target("3").load().migrate();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            writeSchemaThree(connection, events);
        }
        return file;
    }

    private static List<Event> read(SqlJournalStore store) {
        try (Stream<Event> events = store.read(1)) {
            return events.collect(Collectors.toList());
        }
    }

    private static Object single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            assertTrue(row.next(), query);
            return row.getObject(1);
        }
    }

    @Test
    void aSchemaThreeFileMovesToSchemaFourWithItsEventsAndHashesUnchanged() throws SQLException {
        List<Event> events = history();
        Path file = schemaThreeFile(events);
        try (SqlJournalStore store = SqlLedger.sqlite(file, FAST)) {
            assertEquals(events, read(store), "every event, its text and its hash, as schema 3 held them");
            LedgerAudit.Result audit = LedgerAudit.of(store);
            assertTrue(audit.ok(), audit.toString());
            assertEquals(events.size(), audit.events());
            assertEquals(events.get(events.size() - 1).hash(), store.view().lastHash());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(4L, ((Number) single(connection, "SELECT schema_version FROM ledger_info")).longValue());
            assertEquals(0L, ((Number) single(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'event_v3'"))
                    .longValue());
            assertEquals("blob", single(connection, "SELECT DISTINCT typeof(body) || typeof(hash) FROM event")
                    .toString().substring(0, 4));
            assertEquals(32L, ((Number) single(connection, "SELECT min(length(hash)) FROM event")).longValue());
        }
        try (SqlJournalStore reopened = SqlLedger.sqliteReadOnly(file, FAST)) {
            assertTrue(LedgerAudit.of(reopened).ok(), "an audit of the moved file, read-only");
        }
    }

    @Test
    void aSchemaThreePostgresSchemaMovesToSchemaFour() throws SQLException {
        List<Event> events = history();
        String schema = "court_schema_three";
        DataSource dataSource = PostgresServer.dataSource();
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/postgresql").target("3").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            writeSchemaThree(connection, events);
        }
        try (SqlJournalStore store = SqlLedger.postgres(dataSource, schema)) {
            assertEquals(events, read(store));
            LedgerAudit.Result audit = LedgerAudit.of(store);
            assertTrue(audit.ok(), audit.toString());
        }
    }

    @Test
    void aSchemaThreeRowThatCannotBeKeptExactlyStopsTheMoveNamingIt() throws SQLException {
        List<Event> events = history();
        Path file = schemaThreeFile(events);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            // A date column that is not the date of its event's text: schema 3 did not hash its columns.
            statement.execute("DROP TRIGGER event_is_append_only_update");
            statement.execute("UPDATE event SET effective_date = effective_date + 1 WHERE sequence = 5");
        }
        IntegrityException refused = assertThrows(IntegrityException.class, () -> SqlLedger.sqlite(file, FAST));
        assertEquals(ErrorCode.INTEGRITY_VIOLATION, refused.code());
        assertEquals("5", refused.value().orElseThrow());
        assertTrue(refused.getMessage().contains("the text of event 5 has 'effectiveDate="), refused.getMessage());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(3L, ((Number) single(connection, "SELECT schema_version FROM ledger_info")).longValue(),
                    "nothing was migrated");
            assertEquals((long) events.size(), ((Number) single(connection, "SELECT count(*) FROM event"))
                    .longValue());
            assertEquals("text", single(connection, "SELECT DISTINCT typeof(body) FROM event"));
        }
        assertFalse(events.isEmpty());
    }
}
