package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.jooq.impl.DSL.inline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * try (SqlJournalStore audit = SqlLedger.sqliteReadOnly(Path.of("/audit/court.db"), SqliteOptions.defaults())) {
 *     LedgerAudit.Result result = LedgerAudit.of(audit);   // one snapshot, nothing written
 * }
 * }</pre>
 *
 * <p>A file or schema that holds other tables, or a ledger written by a newer version of this
 * library, is refused with a clear message before anything is changed. Audits, reports and exports
 * open the ledger {@linkplain #sqliteReadOnly read-only}: they never create a schema, migrate, or
 * change the journal mode, and they read one snapshot while writers go on.
 *
 * <p>On PostgreSQL production uses two roles: a migration role that owns each court's schema and
 * runs {@link #postgresMigrate}, and a writer role that the ledger connects as, with only the rights
 * the store uses, so that the connection that writes can neither alter a table nor drop or disable
 * the append-only triggers, nor truncate, update or delete a journal row. One role may do both
 * (tests, a single-user embedding): {@link #postgres} then creates and migrates the schema itself.
 */
public final class SqlLedger {
    /** The schema version this library writes and reads. */
    public static final long SCHEMA_VERSION = 4;

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
        boolean exists = Files.exists(database.file());
        if ((exists && !Database.Sqlite.writable(database.file()))
                || (folder != null && !Database.Sqlite.writable(folder))) {
            // Checked before SQLite opens it: a superuser's SQLite would write what chmod a-w closed.
            throw new StorageException(ErrorCode.STORAGE_READ_ONLY, "file", file, (exists ? "is read-only" : "is in a"
                    + " read-only folder") + " (no one may write " + (exists ? "it or its folder" : "there") + "):"
                    + " nothing was written; audits read it as it is; apply commands to a copy that can be written");
        }
        IntegrityRecord.refuseWriting(database.file());
        return storeOf(database, prepare(database));
    }

    /**
     * The store of an existing SQLite ledger file, opened read-only and reading one snapshot of it
     * until it is closed: for audits, reports and exports. The file is opened with SQLite's {@code
     * mode=ro} (and {@code immutable=1} when it or its folder cannot be written, as on read-only
     * media or a copy in a {@code chmod -R a-w} folder); no schema is created, nothing is migrated,
     * the journal mode is left as it is, and not a byte of the file is written. Writers in other
     * processes go on beside it, neither blocked nor seen half-way.
     *
     * @throws StorageException if the file does not exist, is empty or is not a ledger ({@link
     *     ErrorCode#NOT_A_LEDGER}), was written by another version, or cannot be read
     */
    public static SqlJournalStore sqliteReadOnly(Path file, SqliteOptions options) {
        Checks.required(file, "file");
        Checks.required(options, "options");
        if (!Files.isRegularFile(file)) {
            throw new StorageException(ErrorCode.STORAGE_FAILURE, "file", file, "there is no ledger file there;"
                    + " name an existing ledger file (an audit never creates one)");
        }
        Database.Sqlite database = Database.Sqlite.readOnly(file, options);
        try {
            return SqlJournalStore.snapshotOf(database, context -> requireLedger(database, context));
        } catch (StorageException e) {
            Path folder = database.file().getParent();
            if (e.code() != ErrorCode.STORAGE_READ_ONLY || database.access() != Database.Sqlite.Access.READ_ONLY
                    || folder == null || Database.Sqlite.writable(folder)) {
                throw e;
            }
            // Read-only, yet SQLite wanted to write: the shared-memory file of a write-ahead log that
            // still holds commits, in a folder that cannot be written.
            throw new StorageException(ErrorCode.STORAGE_READ_ONLY, "file", file, "cannot be read where it is: its"
                    + " write-ahead log (" + file.getFileName() + "-wal) holds commits not yet in the file, and SQLite"
                    + " needs to write beside it to read them; take a copy with `casefunds backup` (SqlLedger.backup)"
                    + " where it can be written, or let its writer close it first; nothing was written", e);
        }
    }

    /**
     * The store of one court's existing PostgreSQL schema, read-only and reading one snapshot ({@code
     * REPEATABLE READ, READ ONLY}) until it is closed: for audits and reports. Nothing is created or
     * migrated. It holds one connection of the data source while it is open.
     */
    public static SqlJournalStore postgresReadOnly(DataSource dataSource, String schema) {
        Database.Postgres database = Database.Postgres.readOnly(dataSource, schema);
        return SqlJournalStore.snapshotOf(database, context -> requireLedger(database, context));
    }

    /**
     * Copies the SQLite ledger {@code file} to the new file {@code copy}: one consistent snapshot of
     * it (SQLite's {@code VACUUM INTO}), taken while writers go on, written beside {@code copy} and put
     * in its place only once complete and on disk. The ledger is opened read-only. Check the copy with
     * {@link LedgerAudit} on {@link #sqliteReadOnly}.
     *
     * @return the copy's path
     * @throws InvalidInputException ({@link ErrorCode#ALREADY_EXISTS}) if {@code copy} exists: a backup
     *     never replaces a file; ({@link ErrorCode#INVALID_VALUE}) if its folder does not exist
     * @throws StorageException if the file is not a ledger or cannot be read (a damaged page among
     *     them), or the copy cannot be written; then no copy is left
     */
    public static Path backup(Path file, Path copy, SqliteOptions options) {
        Checks.required(copy, "copy");
        Path target = copy.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "copy", copy, "exists; a backup never"
                    + " replaces a file: name a new file, or move the old one away first");
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "copy", copy, "its folder " + folder
                    + " does not exist; create it first");
        }
        try (SqlJournalStore checked = sqliteReadOnly(file, options)) {
            // Opened only to refuse, before anything is written, what is not a ledger of this version.
            checked.snapshotSequence();
        }
        Database.Sqlite database = Database.Sqlite.readOnly(file, options);
        Path partial;
        try {
            partial = Files.createTempFile(folder, "." + target.getFileName(), ".partial");
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_READ_ONLY, "copy", copy, "cannot be written in " + folder
                    + " (" + e.getMessage() + "); choose a folder you can write", e);
        }
        boolean done = false;
        try {
            try (Connection connection = database.connect();
                    PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                // One statement, one read transaction: the copy is the ledger as of one commit.
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "copying " + database.describe() + " to " + copy);
            }
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(partial, target);
            done = true;
            syncFolder(folder);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "copy", copy, "was created by someone else"
                    + " during the backup; a backup never replaces a file: name a new file", e);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_FAILURE, "copy", copy, "could not be written ("
                    + e.getMessage() + "); no copy was left", e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // The failure above is what is reported; a stray partial file is named by its suffix.
                }
            }
        }
    }

    /** Makes a rename in {@code folder} durable, where the system allows opening a folder. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every system opens folders (Windows does not); the copy itself is on disk.
        }
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
     * <p>Each transaction costs a bounded number of round trips whatever its size: the head's row
     * lock, one batch per table written, the head's update and the commit. Give the data source
     * {@code reWriteBatchedInserts=true} (PGJDBC) so that each batch of inserts becomes multi-row
     * inserts. Courts in their own schemas share no row and no lock, so they never wait for each
     * other.
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
        return storeOf(database, access.mayMigrate() && prepare(database));
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
        if (prepare(database)) {
            storeOf(database, true).close();
        }
        try (Connection connection = database.connect()) {
            PostgresRoles.grant(connection, database.context(connection), database.schema(), writer);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e, "granting " + writer + " its rights on " + database.describe());
        }
    }

    /** Refuses what is not a ledger or is too new; migrates what is older or empty. */
    static boolean prepare(Database database) {
        Long version;
        try (Connection connection = database.connect()) {
            version = schemaVersion(database, database.context(connection));
        } catch (SQLException | RuntimeException e) {
            throw notADatabase(database, e);
        }
        if (version != null && version == SCHEMA_VERSION) {
            return false;
        }
        try {
            // The scripts, and the move of a schema-3 journal's events to packed rows, which needs Java;
            // all in one transaction, so that a move that stops leaves the ledger as it was.
            Flyway.configure().configuration(database.flyway().locations(database.migrations())
                    .javaMigrations(new PackEvents()).group(true)).load().migrate();
        } catch (FlywayException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.casefunds.ledger.base.LedgerException) {
                    // The migration's own refusal (a journal that cannot be moved as it is) says it best.
                    throw (org.casefunds.ledger.base.LedgerException) cause;
                }
            }
            throw SqlErrors.translate(e, "preparing " + database.describe());
        }
        return version != null;
    }

    /**
     * The store of a prepared database; a ledger that an older version wrote has its projections
     * folded afresh from its journal, so that they are exactly what this version's code makes of it,
     * and a SQLite file is then compacted: the upgrade to schema 4 leaves the pages of the old tables
     * free, about two thirds of the file, which SQLite would otherwise keep until new rows fill them.
     */
    private static SqlJournalStore storeOf(Database database, boolean upgraded) {
        SqlJournalStore store = new SqlJournalStore(database);
        if (upgraded) {
            store.rebuildProjections();
            if (database instanceof Database.Sqlite) {
                try (Connection connection = database.connect(); java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("VACUUM");
                } catch (SQLException e) {
                    store.close();
                    throw SqlErrors.translate(e, "compacting " + database.describe() + " after its upgrade (the upgrade"
                            + " itself is complete)");
                }
            }
        }
        return store;
    }

    /** What opening {@code database} failed with: a file that is no SQLite database is not a ledger. */
    private static RuntimeException notADatabase(Database database, Exception e) {
        if (e instanceof StorageException && ((StorageException) e).code() != ErrorCode.STORAGE_CORRUPT) {
            return (StorageException) e;
        }
        Throwable cause = e;
        while (!(cause instanceof SQLException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("not a database") || message.contains("file is encrypted")) {
            return new StorageException(ErrorCode.NOT_A_LEDGER, "file", database.describe(),
                    "is not a SQLite database, so not a Casefunds ledger; open a ledger file or a new path", e);
        }
        return SqlErrors.translate(e, "opening " + database.describe());
    }

    /**
     * Refuses, for a read-only store, what cannot be read without writing: an empty file or
     * schema, anything that is not a ledger, and a ledger of another schema version (an older one
     * would need migrating).
     */
    private static void requireLedger(Database database, DSLContext context) {
        Long version;
        try {
            version = schemaVersion(database, context);
        } catch (RuntimeException e) {
            throw notADatabase(database, e);
        }
        if (version == null) {
            throw new StorageException(ErrorCode.NOT_A_LEDGER, "file", database.describe(), "holds no tables: it is"
                    + " empty, not a Casefunds ledger, and was left as it is; name a ledger file (a new ledger is"
                    + " made by `casefunds init`, or SqlLedger.sqlite)");
        }
        if (version < SCHEMA_VERSION) {
            throw new StorageException(ErrorCode.STORAGE_READ_ONLY, "file", database.describe(), "is a ledger of"
                    + " schema " + version + ", written by an older version; this version reads schema "
                    + SCHEMA_VERSION + " and migrates a ledger only when it opens it for writing, never for an"
                    + " audit: audit it with the version that wrote it, or open a copy of it once for writing"
                    + " (which migrates the copy) and audit the copy");
        }
    }

    /**
     * The ledger's schema version, or null for an empty database.
     *
     * @throws StorageException if the database holds other tables or a newer ledger
     */
    static Long schemaVersion(Database database, DSLContext context) {
        Set<String> tables = new HashSet<>();
        org.jooq.Meta meta = context.meta();
        if (database instanceof Database.Postgres) {
            // Only the court's own schema: a province's database holds one schema per court, and reading
            // every schema's tables made opening one court's ledger slower with each court added.
            String current = currentSchema(context);
            meta = meta.filterSchemas(schema -> schema.getName().equals(current));
        }
        for (Table<?> table : meta.getTables()) {
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

    /** The auditor's check of {@code ledger}'s SQL store, telling {@code progress} how far it has read. */
    public static LedgerAudit.Result audit(Ledger ledger, LedgerAudit.Progress progress) {
        return LedgerAudit.of(store(ledger), progress);
    }

    /**
     * {@code schema} if it is a name {@link #postgres} and {@link #postgresReadOnly} take for a
     * court's schema: lower-case letters, digits and '_', starting with a letter, at most 63
     * characters. For callers that read the name from a person (an option, a setting) and want it
     * refused before anything connects.
     *
     * @param field the name the refusal gives the value, such as {@code --schema}
     * @throws InvalidInputException naming {@code field} if {@code schema} is not such a name
     */
    public static String checkedSchema(String schema, String field) {
        return Database.Postgres.checkedName(schema, field);
    }

    /** Checks that {@code value} is a usable schema name; for callers that build one from a court code. */
    public static String schemaFor(String courtKey) {
        String schema = "court_" + Checks.requiredText(courtKey, "court", 40).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "_");
        return schema;
    }
}
