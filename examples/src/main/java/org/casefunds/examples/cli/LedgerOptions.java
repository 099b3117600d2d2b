package org.casefunds.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.sql.IntegrityRecord;
import org.casefunds.ledger.sql.SqlJournalStore;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqliteOptions;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * The options every command that opens a ledger takes, and the one place that knows how to open
 * it: a SQLite file (the default), or one court's schema in a PostgreSQL database, named by a JDBC
 * URL, for a province that keeps its courts on one server.
 */
final class LedgerOptions {
    /** How {@code --db} names a PostgreSQL database rather than a file. */
    static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";
    /** The schema a PostgreSQL ledger is kept in when {@code --schema} is not given. */
    static final String DEFAULT_SCHEMA = "casefunds";

    /** {@code password=...} in a JDBC URL's parameters (sslpassword too), up to the next parameter. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&]*");
    /** {@code user:password@} before the host, which some URLs carry. */
    private static final Pattern PASSWORD_BEFORE_HOST = Pattern.compile("(//[^/@:]*):[^/@]*@");
    /**
     * The PostgreSQL driver's own log (java.util.logging), silenced as Flyway's and jOOQ's are: what
     * goes wrong reaches the user as the command's message. Held here, so that the setting stays.
     */
    private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

    @Option(names = "--db", required = true, paramLabel = "FILE|JDBC_URL",
            description = "The ledger: a SQLite file, or a PostgreSQL database as a JDBC URL,"
                + " jdbc:postgresql://HOST[:PORT]/DATABASE?user=NAME&password=SECRET (the password may instead"
                + " be kept in ~/.pgpass), whose schema --schema holds the court's ledger.")
    String db;

    @Option(names = "--schema", paramLabel = "NAME",
            description = "With a PostgreSQL --db: the schema of the court's ledger, lower-case letters, digits"
                + " and '_'. Default: " + DEFAULT_SCHEMA + ".")
    String schema;

    @Option(names = "--policy", paramLabel = "FILE|PRESET",
            description = "What if: compute the reports under this policy (a file or a preset) on every date instead"
                + " of the policies the ledger adopted; every figure is labelled as such. Default: as recorded.")
    String whatIfPolicy;

    @Option(names = "--synchronous", paramLabel = "LEVEL",
            description = "With a SQLite --db: its commit durability, FULL (default, survives a power cut) or NORMAL.")
    SqliteOptions.Synchronous synchronous;

    /** The policy commands are decided under where the journal records none: the default preset. */
    Policy policy() {
        return Policy.defaults();
    }

    SqliteOptions sqliteOptions() {
        return SqliteOptions.defaults().withSynchronous(synchronous == null ? SqliteOptions.Synchronous.FULL
                : synchronous);
    }

    /** Whether {@code --db} names a PostgreSQL database rather than a SQLite file. */
    boolean isPostgres() {
        return db.startsWith(POSTGRES_URL_PREFIX);
    }

    /** The SQLite ledger file; empty when the ledger is in PostgreSQL. */
    Optional<Path> file() {
        checkOptions();
        return isPostgres() ? Optional.empty() : Optional.of(Path.of(db));
    }

    /** The court's schema of a PostgreSQL ledger: {@code --schema}, else {@value #DEFAULT_SCHEMA}. */
    String schema() {
        return schema == null ? DEFAULT_SCHEMA : schema;
    }

    /**
     * Where the ledger is, to show a person: the file as given, or the JDBC URL with its password
     * masked. Never the password.
     */
    String location() {
        return isPostgres() ? masked(db) : db;
    }

    /** The ledger in words, for messages: the file, or the schema and the (masked) URL. */
    String describe() {
        return isPostgres() ? "schema " + schema() + " of " + location() : db;
    }

    /**
     * The options that name this ledger again, for the commands a message suggests: {@code --db
     * FILE}, or {@code --db 'URL' --schema NAME} with the password masked.
     */
    String dbOptions() {
        return isPostgres() ? "--db '" + location() + "' --schema " + schema() : "--db " + db;
    }

    /**
     * {@code url} with the value of every password parameter ({@code password=}, {@code
     * sslpassword=}) and any password before the host replaced by {@code ***}.
     */
    static String masked(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return PASSWORD_BEFORE_HOST.matcher(masked).replaceAll("$1:***@");
    }

    /**
     * The existing ledger, opened to write commands to it. A command is decided under the policy
     * the ledger adopted, so a "what if" policy is refused here rather than ignored. A file whose
     * pages were found damaged ({@link IntegrityRecord}) is refused until it is restored; a schema
     * that holds no ledger is refused rather than created.
     */
    Ledger openForWriting() {
        refuseWhatIf();
        requireLedger();
        return create();
    }

    /**
     * Compares the tables of {@code opened} (from {@link #openForWriting()}) with its journal now, as
     * its first write would, under a progress bar when a person watches: on a journal of a million
     * events it takes about a minute, which would otherwise pass without a word inside the first
     * command.
     *
     * @throws org.casefunds.ledger.base.StorageException when the tables differ from the journal:
     *     nothing is written
     */
    static void checkBeforeWriting(Ledger opened) {
        long last = opened.view().lastSequence();
        try (TerminalProgress progress = TerminalProgress.startIfLong("checking the tables against the journal",
                "events", last)) {
            SqlLedger.store(opened).checkBeforeWriting(sequence -> {
                progress.stepTo(sequence);
                if (sequence == last) {
                    // A fifth of the check comes after the last event is read (2.5 of 12.5 s at 197,858
                    // events): the fold's last batches, then every row compared. Say so at 100%.
                    progress.stage("comparing every row");
                }
            });
        }
    }

    /** The ledger, created if it does not exist (a new file, or a new schema), to write commands to it. */
    Ledger createForWriting() {
        refuseWhatIf();
        return create();
    }

    void refuseWhatIf() {
        if (whatIfPolicy != null) {
            throw new Casefunds.BadInput("--policy " + whatIfPolicy + ": a command is decided under the policy the"
                    + " ledger adopted, never a \"what if\"; adopt a policy with `casefunds policy adopt FILE|PRESET"
                    + " --from DATE`, and use --policy with the reading commands (double-zero, report, calendar check)");
        }
    }

    /**
     * The existing ledger, opened read-only for the commands that only read it (verify, the
     * reports, export, reconcile, digest, ...), everything the command reads in one snapshot, while
     * writers go on beside it; no schema is created or migrated. A file is opened with SQLite's
     * {@code mode=ro} ({@code immutable=1} on a read-only copy), its journal mode untouched; a
     * PostgreSQL schema in a {@code REPEATABLE READ, READ ONLY} transaction.
     */
    Ledger openForReading() {
        if (isPostgres()) {
            return Ledger.open(postgres(() -> SqlLedger.postgresReadOnly(dataSource(), schema())), policy(),
                    Clock.systemUTC());
        }
        requireFile();
        return Ledger.open(SqlLedger.sqliteReadOnly(Path.of(db), sqliteOptions()), policy(), Clock.systemUTC());
    }

    /** The last event of the snapshot {@code opened} (from {@link #openForReading()}) reads. */
    static long snapshotSequence(Ledger opened) {
        return SqlLedger.store(opened).snapshotSequence().orElseThrow();
    }

    /** The ledger, created if it does not exist. */
    Ledger create() {
        return create(Clock.systemUTC());
    }

    /** The ledger (a file or a schema, created if it does not exist), recording events at {@code clock}'s instants. */
    Ledger create(InstantSource clock) {
        if (isPostgres()) {
            return Ledger.open(postgres(() -> SqlLedger.postgres(dataSource(), schema())), policy(), clock);
        }
        return create(Path.of(db), clock);
    }

    /** The ledger file {@code file} (created if it does not exist), recording events at {@code clock}'s instants. */
    Ledger create(Path file, InstantSource clock) {
        checkOptions();
        return Ledger.open(SqlLedger.sqlite(file, sqliteOptions()), policy(), clock);
    }

    /**
     * Whether the PostgreSQL schema holds a Casefunds ledger, of this version or another; false for
     * a schema that does not exist, is empty, or holds other tables.
     */
    boolean schemaHoldsLedger() {
        return refusalOfSchema().map(refused -> refused.code() != ErrorCode.NOT_A_LEDGER).orElse(true);
    }

    /**
     * Drops the PostgreSQL schema with everything in it, for {@code demo --replace}: only a schema
     * that {@linkplain #schemaHoldsLedger() holds a ledger}, as its owner; any other is refused.
     */
    void dropLedgerSchema() {
        if (!schemaHoldsLedger()) {
            throw new Casefunds.BadInput("--schema " + schema() + " of --db " + location() + " holds no Casefunds"
                    + " ledger: it is not dropped; choose another --schema");
        }
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            // The name was checked against [a-z][a-z0-9_]*: nothing here needs quoting.
            statement.execute("DROP SCHEMA " + schema() + " CASCADE");
        } catch (SQLException e) {
            throw new StorageException(ErrorCode.STORAGE_FAILURE, "--schema", schema(), "could not be dropped to"
                    + " build it again (" + e.getMessage() + "); drop it as its owner, or choose another --schema", e);
        }
    }

    /**
     * The court's reports over {@code ledger}, computed by set-based queries under the calendar and
     * policies the journal records, or under {@code --policy} on every date (what if).
     */
    CourtReports reports(Ledger ledger) {
        CourtReports reports = SqlLedger.reports(ledger, WorkingDayCalendar.china());
        return whatIfPolicy == null ? reports : reports.whatIf(PolicyCommand.fileOrPreset(whatIfPolicy));
    }

    /** Refuses options that do not go with the kind of {@code --db}, before anything is opened. */
    private void checkOptions() {
        if (isPostgres()) {
            SqlLedger.checkedSchema(schema(), "--schema");
            if (synchronous != null) {
                throw new Casefunds.BadInput("--synchronous " + synchronous + ": sets a SQLite file's commit"
                        + " durability; a PostgreSQL --db commits as its server is set up (synchronous_commit):"
                        + " leave the option out");
            }
        } else if (db.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new Casefunds.BadInput("--db " + masked(db) + ": of the JDBC URLs only PostgreSQL's ("
                    + POSTGRES_URL_PREFIX + "//HOST/DATABASE) are taken; a SQLite ledger is named by its file");
        } else if (schema != null) {
            throw new Casefunds.BadInput("--schema " + schema + ": a SQLite ledger file has no schemas; --schema goes"
                    + " with a PostgreSQL --db " + POSTGRES_URL_PREFIX + "//HOST/DATABASE: leave it out");
        }
    }

    private void requireLedger() {
        if (!isPostgres()) {
            requireFile();
            return;
        }
        Optional<StorageException> refused = refusalOfSchema();
        // A ledger of an older version is refused for reading only: opening it for writing migrates it.
        if (refused.isPresent() && refused.get().code() != ErrorCode.STORAGE_READ_ONLY) {
            throw said(refused.get());
        }
    }

    /**
     * Why the PostgreSQL schema cannot be read as a ledger of this version: it holds none ({@link
     * ErrorCode#NOT_A_LEDGER}), or one of a newer or older version; empty when it can. A failure
     * to reach the database is thrown.
     */
    private Optional<StorageException> refusalOfSchema() {
        checkOptions();
        try (SqlJournalStore probe = SqlLedger.postgresReadOnly(dataSource(), schema())) {
            probe.snapshotSequence();
            return Optional.empty();
        } catch (StorageException e) {
            if (e.code() == ErrorCode.NOT_A_LEDGER || e.code() == ErrorCode.SCHEMA_TOO_NEW
                    || e.code() == ErrorCode.STORAGE_READ_ONLY) {
                return Optional.of(e);
            }
            throw said(e);
        }
    }

    private void requireFile() {
        checkOptions();
        if (!Files.isRegularFile(Path.of(db))) {
            throw new Casefunds.BadInput("there is no ledger file at " + db
                    + "; create one with `casefunds init --db " + db + " ...` or `casefunds demo --db " + db + "`");
        }
    }

    /** Connections to the database {@code --db} names, as the user and password it holds. */
    private DataSource dataSource() {
        DRIVER_LOG.setLevel(Level.OFF);
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setUrl(db);
        } catch (IllegalArgumentException e) {
            // The driver's message holds the URL as given, password and all: it is not repeated.
            throw new Casefunds.BadInput("--db " + location() + ": is not a PostgreSQL JDBC URL the driver reads;"
                    + " write it as " + POSTGRES_URL_PREFIX + "//HOST[:PORT]/DATABASE?user=NAME");
        }
        // The writer sends each table's rows as one batch: the driver makes it one multi-row insert.
        source.setReWriteBatchedInserts(true);
        return source;
    }

    /** The store {@code open} opens on the PostgreSQL database, once the options are checked. */
    private SqlJournalStore postgres(Supplier<SqlJournalStore> open) {
        checkOptions();
        try {
            return open.get();
        } catch (StorageException e) {
            throw said(e);
        }
    }

    /**
     * What opening the PostgreSQL schema failed with, said naming {@code --db} and {@code --schema}:
     * a schema that holds no ledger is bad input, anything else the database's failure.
     */
    private RuntimeException said(StorageException failure) {
        if (failure.code() == ErrorCode.NOT_A_LEDGER) {
            return new Casefunds.BadInput("--schema " + schema() + " of --db " + location() + " holds no Casefunds"
                    + " ledger (" + failure.getMessage() + "); create one there with `casefunds init " + dbOptions()
                    + " ...` or `casefunds demo " + dbOptions() + "`", failure);
        }
        return new StorageException(failure.code(), "--db", location(), "--schema " + schema() + ": "
                + failure.getMessage() + rootCause(failure), failure);
    }

    /** What the driver found at the bottom of {@code failure}, when its message does not say it already. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String said = root.getMessage();
        if (root == failure || said == null || failure.getMessage().contains(said)) {
            return "";
        }
        return " (" + root.getClass().getSimpleName() + ": " + masked(said) + ")";
    }
}
