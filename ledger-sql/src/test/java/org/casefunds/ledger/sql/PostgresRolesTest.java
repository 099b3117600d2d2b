package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.testing.Fixtures;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Goal: on PostgreSQL the ledger runs with least privilege. The schema is owned by a migration role
 * that runs the migrations and grants; the ledger connects as a writer role that appends, reads,
 * reports, audits and rebuilds, but cannot disable or drop the append-only triggers, replace their
 * function, alter, truncate, update or delete the journal, or create anything in the schema. A
 * writer never migrates: a missing or older schema, or a missing grant, is refused naming the schema,
 * the version or the right. {@code postgresMigrate} refuses a writer that could alter the schema and
 * a migration role that does not own it. The README's setup runs as written.
 *
 * <p>Method: the README's SQL creates the two roles in a database of its own on the real server
 * that {@link PostgresServer} starts; each test takes a schema of its own and connects as either role.
 */
class PostgresRolesTest {
    private static final String DATABASE = "casefunds";
    private static final String OWNER = "casefunds_owner";
    private static final String WRITER = "casefunds_writer";
    /** A role that belongs to the owner's role, so it has the owner's rights. */
    private static final String OWNER_MEMBER = "casefunds_owner_deputy";
    private static final AtomicInteger COURTS = new AtomicInteger();

    private static DataSource superuser;
    private static DataSource ownerDataSource;
    private static DataSource writerDataSource;

    @BeforeAll
    static void createTheRoles() throws SQLException, IOException {
        try (Connection connection = PostgresServer.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        superuser = PostgresServer.dataSource("postgres", DATABASE);
        execute(superuser, readmeSql().toArray(String[]::new));
        execute(superuser, "CREATE ROLE " + OWNER_MEMBER + " LOGIN IN ROLE " + OWNER);
        ownerDataSource = PostgresServer.dataSource(OWNER, DATABASE);
        writerDataSource = PostgresServer.dataSource(WRITER, DATABASE);
    }

    /** The statements of the README's role setup, its first {@code sql} block after the heading. */
    private static List<String> readmeSql() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("### PostgreSQL setup: two roles");
        assertTrue(section >= 0, "README.md has a section \"PostgreSQL setup: two roles\"");
        int from = readme.indexOf("```sql\n", section) + "```sql\n".length();
        String block = readme.substring(from, readme.indexOf("```", from));
        String code = block.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        List<String> statements = new ArrayList<>();
        for (String each : code.split(";")) {
            if (!each.isBlank()) {
                statements.add(each.strip());
            }
        }
        return statements;
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    /** Runs {@code statements} in {@code schema} as the role of {@code dataSource}. */
    private static void sql(DataSource dataSource, String schema, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    private static long count(String schema, String table) throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean schemaExists(String schema) throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema
                        + "'")) {
            rows.next();
            return rows.getLong(1) == 1;
        }
    }

    private static String newSchema() {
        return "court_roles_" + COURTS.incrementAndGet();
    }

    private static Ledger writer(String schema) {
        return Ledger.open(SqlLedger.postgres(writerDataSource, schema), Policy.defaults(), Fixtures.CLOCK);
    }

    private static Command receipt(String key, String amount) {
        return Command.of(key, ADMINISTRATOR, DAY_ONE.plusDays(1), RecordReceipt.of(BANK, key, cny(amount),
                Payer.of("债务人1", null, null), null, ReceiptSource.DEBTOR_PAYMENT, Fixtures.subAccount(1)));
    }

    /** A court migrated by the owner and written by the writer: the opening, a case and a receipt. */
    private static String populated() {
        String schema = newSchema();
        SqlLedger.postgresMigrate(ownerDataSource, schema, WRITER);
        try (Ledger ledger = writer(schema)) {
            ledger.executeAll(Fixtures.opening());
            ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
            ledger.execute(receipt("r1", "1000.00"));
        }
        return schema;
    }

    /** The README's Java, between the markers; run by {@link #theReadmeSetupRunsAsWritten()}. */
    private static void readmeExample(DataSource ownerDataSource, DataSource writerDataSource, List<Command> opening) {
        // README-ROLES-BEGIN
        // Once per court, and after each upgrade of the library, as the owner: create or migrate the
        // schema, then grant the writer what the ledger needs, and only that.
        SqlLedger.postgresMigrate(ownerDataSource, "court_bj02", "casefunds_writer");

        // The application connects as the writer: it opens the schema and never migrates it.
        try (Ledger ledger = Ledger.open(SqlLedger.postgres(writerDataSource, "court_bj02"), Policy.defaults(),
                Clock.systemUTC())) {
            ledger.executeAll(opening);
        }
        // README-ROLES-END
    }

    @Test
    void theReadmeQuotesTheSetupVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/casefunds/ledger/sql/PostgresRolesTest.java"),
                StandardCharsets.UTF_8);
        int from = source.indexOf("// README-ROLES-BEGIN\n") + "// README-ROLES-BEGIN\n".length();
        String example = source.substring(from, source.indexOf("        // README-ROLES-END", from)).stripTrailing();
        String unindented = example.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(unindented), "README.md must quote PostgresRolesTest's example verbatim:\n"
                + unindented);
    }

    @Test
    void theReadmeSetupRunsAsWritten() throws SQLException {
        readmeExample(ownerDataSource, writerDataSource, Fixtures.opening());
        assertEquals(Fixtures.OPENING_EVENTS, count("court_bj02", "event"));
        // A second run on a schema of this version grants again and changes nothing else.
        readmeExample(ownerDataSource, writerDataSource, Fixtures.opening());
        assertEquals(Fixtures.OPENING_EVENTS, count("court_bj02", "event"));
    }

    @Test
    void theOwnerOwnsTheSchemaAndItsTablesAndTheWriterOwnsNothing() throws SQLException {
        String schema = populated();
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "'"
                        + " UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + schema + "'"
                        + " UNION SELECT pg_get_userbyid(proowner) FROM pg_proc p JOIN pg_namespace n"
                        + " ON n.oid = p.pronamespace WHERE n.nspname = '" + schema + "'")) {
            List<String> owners = new ArrayList<>();
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
            assertEquals(List.of(OWNER), owners);
        }
    }

    @Test
    void theWriterAppendsReadsReportsAuditsAndRebuilds() {
        String schema = populated();
        try (Ledger ledger = writer(schema)) {
            ledger.execute(receipt("r2", "5.00"));
            assertEquals(afterOpening(3), ledger.view().lastSequence());
            assertEquals(cny("1005.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
            try (Stream<Event> events = ledger.events(1)) {
                assertEquals(afterOpening(3), events.count());
            }
            assertTrue(ledger.verifyChain().ok());
            DoubleZero doubleZero = SqlLedger.reports(ledger, WorkingDayCalendar.china())
                    .doubleZero(LocalDate.of(2025, 1, 31));
            assertEquals(1, doubleZero.currencies().size(), doubleZero.toString());
            LedgerAudit.Result audit = SqlLedger.audit(ledger);
            assertTrue(audit.ok(), audit.toString());
            assertEquals(afterOpening(3), SqlLedger.store(ledger).rebuildProjections());
            assertEquals(cny("1005.00"), ledger.balance(AccountId.ofCase(Fixtures.caseNumber(1)), CNY).posted());
        }
    }

    @Test
    void theWriterCannotDisableOrDropTheTriggersNorChangeTheJournal() throws SQLException {
        String schema = populated();
        long events = count(schema, "event");
        long postings = count(schema, "posting");
        for (String change : List.of(
                "ALTER TABLE event DISABLE TRIGGER event_is_append_only",
                "ALTER TABLE event DISABLE TRIGGER ALL",
                "ALTER TABLE posting DISABLE TRIGGER posting_is_append_only",
                "DROP TRIGGER event_is_append_only ON event",
                "DROP TRIGGER posting_is_never_truncated ON posting",
                "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RETURN NEW; END; $$",
                "DROP FUNCTION refuse_change() CASCADE",
                "SET session_replication_role = replica",
                "TRUNCATE event",
                "TRUNCATE event CASCADE",
                "TRUNCATE posting",
                "UPDATE event SET kind = 99",
                "UPDATE event SET body = 'x' WHERE sequence = " + afterOpening(2),
                "DELETE FROM event",
                "DELETE FROM event WHERE sequence = " + afterOpening(2),
                "UPDATE posting SET amount_minor = 1",
                "DELETE FROM posting",
                "ALTER TABLE event ADD COLUMN note TEXT",
                "ALTER TABLE event OWNER TO " + WRITER,
                "DROP TABLE event CASCADE",
                "TRUNCATE case_record",
                "UPDATE ledger_info SET schema_version = 1",
                "CREATE TABLE shadow (id BIGINT)")) {
            SQLException refused = assertThrows(SQLException.class, () -> sql(writerDataSource, schema, change), change);
            assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
            String message = refused.getMessage();
            assertTrue(message.contains("permission denied") || message.contains("must be owner"), message);
        }
        assertEquals(events, count(schema, "event"));
        assertEquals(postings, count(schema, "posting"));
        try (Ledger ledger = writer(schema)) {
            assertTrue(ledger.verifyChain().ok());
            ledger.execute(receipt("after", "1.00"));
        }
    }

    @Test
    void aWriterOpeningAMissingSchemaIsRefusedAndNothingIsCreated() throws SQLException {
        String schema = newSchema();
        StorageException refused = assertThrows(StorageException.class,
                () -> SqlLedger.postgres(writerDataSource, schema));
        assertEquals(ErrorCode.STORAGE_NOT_PERMITTED, refused.code(), refused.getMessage());
        assertEquals(schema, refused.value().orElseThrow());
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertTrue(refused.getMessage().contains("schema version " + SqlLedger.SCHEMA_VERSION), refused.getMessage());
        assertTrue(refused.getMessage().contains("SqlLedger.postgresMigrate(migrationDataSource, \"" + schema + "\", \""
                + WRITER + "\")"), refused.getMessage());
        assertFalse(schemaExists(schema));
    }

    @Test
    void aWriterOpeningAnOlderSchemaIsRefusedUntilTheOwnerMigratesIt() throws SQLException {
        String schema = newSchema();
        Flyway.configure().dataSource(ownerDataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/postgresql").target("2").load().migrate();
        // What a grant broader than today's would have left: every right on every table.
        sql(ownerDataSource, schema, "GRANT USAGE ON SCHEMA " + schema + " TO " + WRITER,
                "GRANT ALL ON ALL TABLES IN SCHEMA " + schema + " TO " + WRITER);
        StorageException refused = assertThrows(StorageException.class,
                () -> SqlLedger.postgres(writerDataSource, schema));
        assertEquals(ErrorCode.STORAGE_NOT_PERMITTED, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().contains("schema '" + schema + "': is at schema version 2 and this version of"
                + " Casefunds Ledger needs " + SqlLedger.SCHEMA_VERSION), refused.getMessage());
        assertTrue(refused.getMessage().contains(OWNER), refused.getMessage());
        assertEquals(2L, schemaVersion(schema));

        SqlLedger.postgresMigrate(ownerDataSource, schema, WRITER);
        assertEquals(SqlLedger.SCHEMA_VERSION, schemaVersion(schema));
        try (Ledger ledger = writer(schema)) {
            ledger.executeAll(Fixtures.opening());
        }
        // The broader grant is gone.
        SQLException update = assertThrows(SQLException.class,
                () -> sql(writerDataSource, schema, "UPDATE event SET kind = 99"));
        assertEquals("42501", update.getSQLState(), update.getMessage());
    }

    private static long schemaVersion(String schema) throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT schema_version FROM " + schema + ".ledger_info")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aWriterLackingAGrantIsRefusedNamingTheRight() throws SQLException {
        String schema = populated();
        sql(ownerDataSource, schema, "REVOKE INSERT ON posting FROM " + WRITER,
                "REVOKE UPDATE (last_hash) ON ledger_info FROM " + WRITER);
        StorageException refused = assertThrows(StorageException.class,
                () -> SqlLedger.postgres(writerDataSource, schema));
        assertEquals(ErrorCode.STORAGE_NOT_PERMITTED, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().contains("role " + WRITER + " lacks INSERT on posting; UPDATE on"
                + " ledger_info (last_hash), which the ledger needs"), refused.getMessage());

        String bare = newSchema();
        Flyway.configure().dataSource(ownerDataSource).schemas(bare).defaultSchema(bare)
                .locations("classpath:db/migration/postgresql").load().migrate();
        StorageException ungranted = assertThrows(StorageException.class,
                () -> SqlLedger.postgres(writerDataSource, bare));
        assertTrue(ungranted.getMessage().contains("lacks USAGE on the schema"), ungranted.getMessage());

        SqlLedger.postgresMigrate(ownerDataSource, schema, WRITER);
        try (Ledger ledger = writer(schema)) {
            ledger.execute(receipt("granted-again", "1.00"));
        }
    }

    @Test
    void aRightRevokedWhileTheLedgerIsOpenFailsTheWriteNamingIt() throws SQLException {
        String schema = populated();
        try (Ledger ledger = writer(schema)) {
            sql(ownerDataSource, schema, "REVOKE INSERT ON event FROM " + WRITER);
            StorageException refused = assertThrows(StorageException.class, () -> ledger.execute(receipt("r2", "1.00")));
            assertEquals(ErrorCode.STORAGE_NOT_PERMITTED, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("permission denied for table event"), refused.getMessage());
            assertTrue(refused.getMessage().contains("postgresMigrate"), refused.getMessage());
        }
        assertEquals(afterOpening(2), count(schema, "event"));
    }

    @Test
    void postgresMigrateRefusesAWriterThatCouldAlterTheSchema() {
        for (String writer : List.of(OWNER, OWNER_MEMBER, "postgres", "casefunds_nobody", "Writer-1")) {
            String schema = newSchema();
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> SqlLedger.postgresMigrate(ownerDataSource, schema, writer), writer);
            assertEquals("writerRole", refused.field().orElseThrow(), refused.getMessage());
            assertEquals(writer, refused.value().orElseThrow());
        }
    }

    @Test
    void postgresMigrateByARoleThatDoesNotOwnTheSchemaIsRefused() throws SQLException {
        String schema = populated();
        StorageException notOwner = assertThrows(StorageException.class,
                () -> SqlLedger.postgresMigrate(writerDataSource, schema, WRITER));
        assertEquals(ErrorCode.STORAGE_NOT_PERMITTED, notOwner.code(), notOwner.getMessage());
        assertTrue(notOwner.getMessage().contains("the schema is " + OWNER + "'s"), notOwner.getMessage());

        String missing = newSchema();
        StorageException mayNotCreate = assertThrows(StorageException.class,
                () -> SqlLedger.postgresMigrate(writerDataSource, missing, OWNER_MEMBER));
        assertTrue(mayNotCreate.getMessage().contains("may not create schemas in database " + DATABASE),
                mayNotCreate.getMessage());
        assertFalse(schemaExists(missing));
    }

    @Test
    void postgresMigrateRefusesAWriterThatHoldsAJournalRightThroughPublic() throws SQLException {
        String schema = populated();
        sql(ownerDataSource, schema, "GRANT UPDATE, TRUNCATE ON event TO PUBLIC");
        try {
            StorageException refused = assertThrows(StorageException.class,
                    () -> SqlLedger.postgresMigrate(ownerDataSource, schema, WRITER));
            assertEquals(ErrorCode.STORAGE_NOT_PERMITTED, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("still holds UPDATE, TRUNCATE on event through PUBLIC"),
                    refused.getMessage());
        } finally {
            sql(ownerDataSource, schema, "REVOKE UPDATE, TRUNCATE ON event FROM PUBLIC");
        }
        SqlLedger.postgresMigrate(ownerDataSource, schema, WRITER);
    }

    @Test
    void oneRoleThatMayMigrateStillCreatesAndOpensTheSchema() {
        String schema = newSchema();
        try (Ledger ledger = Ledger.open(SqlLedger.postgres(ownerDataSource, schema), Policy.defaults(),
                Fixtures.CLOCK)) {
            ledger.executeAll(Fixtures.opening());
            assertEquals(Fixtures.OPENING_EVENTS, ledger.view().lastSequence());
        }
    }
}
