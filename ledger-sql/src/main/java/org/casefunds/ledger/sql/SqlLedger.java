package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.jooq.impl.DSL.inline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Table;

/**
 * The entry point for a court system that keeps its ledger in a database: a SQLite file (created and
 * migrated on first use; the zero-setup default) or a PostgreSQL schema (one per court, for a
 * province that centralises). The same code runs on both.
 *
 * <pre>{@code
 * try (Ledger ledger = SqlLedger.open(Path.of("court.db"), Policy.defaults())) { ... }
 * SqlLedger.postgresMigrate(ownerDataSource, "court_bj02", "casefunds_writer"); // as the schema's owner
 * JournalStore store = SqlLedger.postgres(writerDataSource, "court_bj02");      // as the ledger's role
 * }</pre>
 *
 * <p>A file or schema that holds other tables, or a ledger written by a newer version of this
 * library, is refused with a clear message before anything is changed.
 *
 * <p>On PostgreSQL production uses two roles: a migration role that owns each court's schema and
 * runs {@link #postgresMigrate}, and a writer role that the ledger connects as, with only the rights
 * the store uses, so that the connection that writes can neither alter a table nor drop or disable
 * the append-only triggers, nor truncate, update or delete a journal row. One role may do both
 * (tests, a single-user embedding): {@link #postgres} then creates and migrates the schema itself.
 */
public final class SqlLedger {
    /** The schema version this library writes and reads. */
    public static final long SCHEMA_VERSION = 3;

    static {
        // jOOQ prints a logo and tips on first use unless told not to; a court's logs need neither.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private SqlLedger() {
    }

    /** A ledger on a SQLite file with the default options, deciding under {@code policy}. */
    public static Ledger open(Path file, Policy policy) {
        return Ledger.open(sqlite(file, SqliteOptions.defaults()), policy, Clock.systemUTC());
    }

    /** The store of a SQLite file with the default options; see {@link #sqlite(Path, SqliteOptions)}. */
    public static SqlJournalStore sqlite(Path file) {
        return sqlite(file, SqliteOptions.defaults());
    }

    /**
     * The store of a SQLite file, creating and migrating it on first use.
     *
     * @throws StorageException if the file is not a ledger, was written by a newer version, or cannot
     *     be opened or written
     */
    public static SqlJournalStore sqlite(Path file, SqliteOptions options) {
        Database.Sqlite database = new Database.Sqlite(file, options);
        Path folder = database.file().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new StorageException(ErrorCode.STORAGE_FAILURE, "file", file,
                    "its folder " + folder + " does not exist; create it first");
        }
        prepare(database);
        return new SqlJournalStore(database);
    }

    /**
     * The store of one court in a PostgreSQL database. Each court has its own schema, journal and hash
     * chain. While it is open the store holds two connections of the data source, one for writing
     * (with its prepared statements) and one shared by readers; a connection the server ended is
     * replaced at the next use.
     *
     * <p>In production the data source connects as the ledger's writer role, which opens the schema
     * and never migrates it: the schema must exist, be a ledger of this version, and grant the role
     * every right the store needs, which {@link #postgresMigrate} does as the schema's owner. A role
     * that may migrate the schema (its owner, or for a new schema a role that may create schemas in
     * the database) creates and migrates it on first use here, as one role that does both (tests, a
     * single-user embedding); do not let the writer role create schemas, or it would own one.
     *
     * @param dataSource connections to the database (a pool is the caller's choice)
     * @param schema the court's schema: lower-case letters, digits and '_'
     * @throws StorageException ({@link ErrorCode#STORAGE_NOT_PERMITTED}) naming the schema, if the
     *     connecting role may not migrate it and it is missing or older than {@link #SCHEMA_VERSION},
     *     or the role lacks a right the store needs; if the schema is not a ledger, or is newer
     */
    public static SqlJournalStore postgres(DataSource dataSource, String schema) {
        Database.Postgres database = new Database.Postgres(dataSource, schema);
        PostgresRoles.Access access;
        try (Connection connection = database.connect()) {
            DSLContext context = database.context(connection);
            access = PostgresRoles.access(context, database.schema());
            if (!access.mayMigrate()) {
                PostgresRoles.checkOpenable(database, context, access);
            }
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e, "opening " + database.describe());
        }
        if (access.mayMigrate()) {
            prepare(database);
        }
        return new SqlJournalStore(database);
    }

    /**
     * Creates or migrates one court's PostgreSQL schema as its owner, the migration role, then gives
     * {@code writerRole} exactly the rights the ledger needs on it: {@code SELECT} and {@code INSERT}
     * on the journal ({@code event}, {@code posting}); {@code SELECT}, {@code INSERT}, {@code UPDATE}
     * and {@code DELETE} on the projections; {@code SELECT} and the update of the chain's head on
     * {@code ledger_info}; {@code USAGE} on the schema; never ownership, {@code CREATE},
     * {@code TRUNCATE} or {@code TRIGGER}. What the role held before is revoked first. The ledger
     * then connects as {@code writerRole} through {@link #postgres(DataSource, String)}.
     *
     * <p>Run it once per court, and again after each upgrade of this library (before the writers
     * open the schema); a second run on a schema of this version only grants again.
     *
     * @param migrationDataSource connections as the migration role: the schema's owner, or for a new
     *     schema a role that may create schemas in the database (which then owns it)
     * @param schema the court's schema: lower-case letters, digits and '_'
     * @param writerRole the role the ledger connects as: an existing role that is neither a superuser
     *     nor the schema's owner, nor a member of the owner's role
     * @throws InvalidInputException naming {@code writerRole} if it does not exist, or is a superuser,
     *     the owner or a member of the owner
     * @throws StorageException ({@link ErrorCode#STORAGE_NOT_PERMITTED}) if the connecting role may not
     *     migrate the schema, or the writer role still holds a right it must not (through PUBLIC or
     *     another role); if the schema is not a ledger, or is newer
     */
    public static void postgresMigrate(DataSource migrationDataSource, String schema, String writerRole) {
        Database.Postgres database = new Database.Postgres(migrationDataSource, schema);
        String writer = PostgresRoles.roleName(writerRole);
        try (Connection connection = database.connect()) {
            DSLContext context = database.context(connection);
            PostgresRoles.checkRoles(database, context, PostgresRoles.access(context, database.schema()), writer);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e, "migrating " + database.describe());
        }
        prepare(database);
        try (Connection connection = database.connect()) {
            PostgresRoles.grant(connection, database.context(connection), database.schema(), writer);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e, "granting " + writer + " its rights on " + database.describe());
        }
    }

    /** Refuses what is not a ledger or is too new; migrates what is older or empty. */
    static void prepare(Database database) {
        Long version;
        try (Connection connection = database.connect()) {
            version = schemaVersion(database, database.context(connection));
        } catch (SQLException | RuntimeException e) {
            if (e instanceof StorageException) {
                throw (StorageException) e;
            }
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("not a database") || message.contains("file is encrypted")) {
                throw new StorageException(ErrorCode.NOT_A_LEDGER, "file", database.describe(),
                        "is not a SQLite database, so not a Casefunds ledger; open a ledger file or a new path", e);
            }
            throw SqlErrors.translate(e, "opening " + database.describe());
        }
        if (version != null && version == SCHEMA_VERSION) {
            return;
        }
        try {
            Flyway.configure().configuration(database.flyway().locations(database.migrations())).load().migrate();
        } catch (FlywayException e) {
            throw SqlErrors.translate(e, "preparing " + database.describe());
        }
    }

    /**
     * The ledger's schema version, or null for an empty database.
     *
     * @throws StorageException if the database holds other tables or a newer ledger
     */
    static Long schemaVersion(Database database, DSLContext context) {
        Set<String> tables = new HashSet<>();
        for (Table<?> table : context.meta().getTables()) {
            String schema = table.getSchema() == null ? "" : table.getSchema().getName();
            if (database instanceof Database.Postgres && !schema.equals(currentSchema(context))) {
                continue;
            }
            tables.add(table.getName().toLowerCase(Locale.ROOT));
        }
        tables.remove("flyway_schema_history");
        if (tables.isEmpty()) {
            return null;
        }
        if (!tables.contains("ledger_info")) {
            throw new StorageException(ErrorCode.NOT_A_LEDGER, "file", database.describe(),
                    "holds tables (" + String.join(", ", new TreeSet<>(tables)) + ") but is not a Casefunds"
                            + " ledger; give a new path for a new ledger");
        }
        Record2<String, Long> info = context.select(LEDGER_INFO.FORMAT, LEDGER_INFO.SCHEMA_VERSION).from(LEDGER_INFO)
                .where(LEDGER_INFO.ID.eq(inline(1L))).fetchOne();
        if (info == null || !"casefunds-ledger".equals(info.value1())) {
            throw new StorageException(ErrorCode.NOT_A_LEDGER, "file", database.describe(),
                    "has a ledger_info table that is not a Casefunds ledger's");
        }
        if (info.value2() > SCHEMA_VERSION) {
            throw new StorageException(ErrorCode.SCHEMA_TOO_NEW, "file", database.describe(),
                    "was written by a newer version of Casefunds Ledger (schema " + info.value2() + "; this version"
                            + " reads up to " + SCHEMA_VERSION + "); open it with that version or a later one");
        }
        return info.value2();
    }

    private static String currentSchema(DSLContext context) {
        return context.fetchValue(org.jooq.impl.DSL.currentSchema());
    }

    /**
     * The court's reports over {@code ledger}: computed by set-based queries when its store is a SQL
     * store (memory bounded by the money waiting, not by the journal), else by folding its journal.
     */
    public static CourtReports reports(Ledger ledger, WorkingDayCalendar calendar) {
        Checks.required(ledger, "ledger");
        if (ledger.store() instanceof SqlJournalStore) {
            return CourtReports.of(SqlReportSource.of((SqlJournalStore) ledger.store()), ledger.policy(), calendar);
        }
        return CourtReports.of(ledger, calendar);
    }

    /**
     * The SQL store under {@code ledger}, for what only a database does (its set-based queries, its
     * audit, rebuilding its projections).
     *
     * @throws InvalidInputException naming {@code ledger} if its store is not a SQL store
     */
    public static SqlJournalStore store(Ledger ledger) {
        Checks.required(ledger, "ledger");
        if (!(ledger.store() instanceof SqlJournalStore)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "ledger", ledger.store().getClass().getSimpleName(),
                    "is not kept in a SQL database; open it with SqlLedger.sqlite or SqlLedger.postgres");
        }
        return (SqlJournalStore) ledger.store();
    }

    /** The set-based queries over {@code ledger}'s SQL store. */
    public static SqlReportSource reportSource(Ledger ledger) {
        return SqlReportSource.of(store(ledger));
    }

    /** The auditor's check of {@code ledger}'s SQL store (see {@link LedgerAudit}). */
    public static LedgerAudit.Result audit(Ledger ledger) {
        return LedgerAudit.of(store(ledger));
    }

    /** Checks that {@code value} is a usable schema name; for callers that build one from a court code. */
    public static String schemaFor(String courtKey) {
        String schema = "court_" + Checks.requiredText(courtKey, "court", 40).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "_");
        return schema;
    }
}
