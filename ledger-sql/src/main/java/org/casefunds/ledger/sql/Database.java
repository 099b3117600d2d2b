package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.jooq.impl.DSL.inline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.casefunds.ledger.base.Checks;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StorageException;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Where a ledger's tables are and how to talk to them: a SQLite file, or one schema of a PostgreSQL
 * database (one schema per court, so a province's courts share a server but never an account or a
 * chain). The same jOOQ code runs on both; this class holds what differs.
 */
abstract class Database {

    /** The jOOQ dialect. */
    abstract SQLDialect dialect();

    /** A new connection, configured for the ledger. */
    abstract Connection connect() throws SQLException;

    /** Flyway's configuration for this database, before locations. */
    abstract FluentConfiguration flyway();

    /** Where the migration scripts of this dialect are on the classpath. */
    abstract String migrations();

    /** Starts a write transaction that no other writer, in any process, can run beside. */
    abstract void begin(Connection connection, DSLContext context) throws SQLException;

    abstract void commit(Connection connection) throws SQLException;

    abstract void rollback(Connection connection) throws SQLException;

    /** A new connection for a store's writer. */
    Connection connectWriter() throws SQLException {
        return connect();
    }

    /** What copies the writer's log into the database beside it, started; null where nothing need. */
    Checkpointer startCheckpointer() throws SQLException {
        return null;
    }

    /**
     * Starts a read transaction on {@code connection} that sees one snapshot of the database until it
     * ends: every query in it sees the same commit, and writers in other connections go on. The
     * snapshot is taken by the transaction's first read.
     */
    abstract void beginSnapshot(Connection connection) throws SQLException;

    /** Ends the read transaction {@link #beginSnapshot} started; nothing was written in it. */
    abstract void endSnapshot(Connection connection) throws SQLException;

    /** A short description for messages: the file, or the schema. */
    abstract String describe();

    /** Whether this database was opened for reading only: nothing can be written through it. */
    boolean readOnly() {
        return false;
    }

    DSLContext context(Connection connection) {
        return DSL.using(connection, dialect(), settings());
    }

    /**
     * A context for readers whose queries run on {@code provider}'s connections: a failure of the
     * database (a damaged page, a lost connection) comes out as a {@link StorageException} saying what
     * happened and what to do, not as the driver's exception.
     */
    DSLContext readerContext(ConnectionProvider provider) {
        String where = "reading " + describe();
        ExecuteListener translating = new ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void exception(ExecuteContext context) {
                if (context.exception() != null) {
                    context.exception(SqlErrors.translate(context.exception(), where));
                }
            }
        };
        return DSL.using(new DefaultConfiguration().set(provider).set(dialect()).set(settings())
                .set(new DefaultExecuteListenerProvider(translating)));
    }

    /** What a write through a database opened read-only gets. */
    static StorageException readOnlyRefusal(String where) {
        return new StorageException(ErrorCode.STORAGE_READ_ONLY, "file", where, "was opened read-only, for an"
                + " audit; nothing is written through it; open it for writing (SqlLedger.sqlite or"
                + " SqlLedger.postgres) to write");
    }

    static Settings settings() {
        return new Settings().withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }

    /**
     * A SQLite file. Opened for writing: WAL, the options' synchronous level and busy timeout, one
     * writer at a time. Opened {@linkplain #readOnly(Path, SqliteOptions) read-only}: SQLite's
     * {@code mode=ro}, the journal mode left as the file has it, and {@code immutable=1} where
     * nothing can write the file.
     */
    static final class Sqlite extends Database {
        private final Path file;
        private final SqliteOptions options;
        private final Access access;
        private final SQLiteDataSource dataSource;

        /** How the file is opened. */
        enum Access {
            /** Read and written; WAL. */
            WRITE,
            /**
             * Read and written by this process only, as a scratch file that is thrown away: a
             * rollback journal in memory, no waiting for the disk, a large page cache.
             */
            SCRATCH,
            /** {@code mode=ro}: read with SQLite's locks, beside writers in other processes. */
            READ_ONLY,
            /**
             * {@code mode=ro&immutable=1}: the file or its folder cannot be written, so no one writes
             * it and SQLite takes no lock and creates no file beside it (its {@code -shm}).
             */
            IMMUTABLE
        }

        /** The file opened for writing. */
        Sqlite(Path file, SqliteOptions options) {
            this(file, options, Access.WRITE);
        }

        private Sqlite(Path file, SqliteOptions options, Access access) {
            this.file = Checks.required(file, "file").toAbsolutePath();
            this.options = Checks.required(options, "options");
            this.access = access;
            SQLiteConfig config = new SQLiteConfig();
            if (access == Access.WRITE) {
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(options.synchronous().name()));
            } else if (access == Access.SCRATCH) {
                // Each page is written once, to the file (a write-ahead log would write it twice).
                config.setJournalMode(SQLiteConfig.JournalMode.MEMORY);
                config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
                config.setCacheSize(SCRATCH_CACHE_KIB);
            } else {
                // No journal mode and no synchronous level: setting either would write to the file.
                config.setReadOnly(true);
                config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            }
            config.setBusyTimeout((int) options.busyTimeout().toMillis());
            config.enforceForeignKeys(false);
            // The driver would otherwise query last_insert_rowid() after every insert; the ledger
            // never reads generated keys, and that query cost as much as the insert itself.
            config.setGetGeneratedKeys(false);
            dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(access == Access.WRITE || access == Access.SCRATCH ? "jdbc:sqlite:" + this.file
                    : "jdbc:sqlite:" + uri(this.file, access));
        }

        /** SQLite's page cache of a scratch file, in KiB as {@code PRAGMA cache_size} takes a negative number. */
        private static final int SCRATCH_CACHE_KIB = -64 * 1024;

        /**
         * A new scratch file, written by this process only and thrown away after: a fold
         * of projections to compare a ledger with. A crash may leave it unreadable, which does not matter.
         */
        static Sqlite scratch(Path file) {
            return new Sqlite(file, SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.OFF),
                    Access.SCRATCH);
        }

        /**
         * The file opened read-only: {@code immutable=1} when the file or its folder cannot be written
         * (a copy in a read-only folder, read-only media), unless a write-ahead log with commits still
         * lies beside it, which an immutable file would not read.
         */
        static Sqlite readOnly(Path file, SqliteOptions options) {
            Path absolute = Checks.required(file, "file").toAbsolutePath();
            Path folder = absolute.getParent();
            Path wal = absolute.resolveSibling(absolute.getFileName() + "-wal");
            boolean fixed = !writable(absolute) || (folder != null && !writable(folder));
            boolean logged;
            try {
                logged = Files.exists(wal) && Files.size(wal) > 0;
            } catch (IOException e) {
                logged = true;
            }
            return new Sqlite(absolute, options, fixed && !logged ? Access.IMMUTABLE : Access.READ_ONLY);
        }

        /**
         * Whether {@code path} can be written: the process may write it, and its permissions let
         * someone write it (a superuser may write what {@code chmod a-w} closed, but an auditor who
         * closed it meant nothing to be written).
         */
        static boolean writable(Path path) {
            if (!Files.isWritable(path)) {
                return false;
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (posix == null) {
                return true;
            }
            try {
                var permissions = posix.readAttributes().permissions();
                return permissions.contains(PosixFilePermission.OWNER_WRITE)
                        || permissions.contains(PosixFilePermission.GROUP_WRITE)
                        || permissions.contains(PosixFilePermission.OTHERS_WRITE);
            } catch (IOException e) {
                return true;
            }
        }

        /** SQLite's URI of {@code file} opened read-only; the path is percent-encoded as a URI's. */
        private static String uri(Path file, Access access) {
            return "file:" + file.toUri().getRawPath() + "?mode=ro" + (access == Access.IMMUTABLE ? "&immutable=1"
                    : "");
        }

        Path file() {
            return file;
        }

        SqliteOptions options() {
            return options;
        }

        Access access() {
            return access;
        }

        @Override
        boolean readOnly() {
            return access != Access.WRITE && access != Access.SCRATCH;
        }

        @Override
        SQLDialect dialect() {
            return SQLDialect.SQLITE;
        }

        @Override
        Connection connect() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        FluentConfiguration flyway() {
            if (readOnly()) {
                throw new IllegalStateException(describe() + " was opened read-only and is never migrated");
            }
            return new FluentConfiguration().dataSource(dataSource);
        }

        @Override
        String migrations() {
            return "classpath:db/migration/sqlite";
        }

        /**
         * Whether a {@link Checkpointer} copies the writer's log: below {@code synchronous=FULL},
         * where a checkpoint's syncs are the only ones a commit could wait for. At FULL every commit
         * syncs the log anyway, and SQLite checkpoints in the commit as it does by default: syncs
         * beside the writer's own made one caller's commits no faster (slower in one run of the
         * benchmark).
         */
        private boolean checkpointsBesideTheWriter() {
            return access == Access.WRITE && options.synchronous() != SqliteOptions.Synchronous.FULL;
        }

        /** The writer leaves checkpoints to its {@link Checkpointer}, if it has one, until its log is long. */
        @Override
        Connection connectWriter() throws SQLException {
            Connection connection = connect();
            if (checkpointsBesideTheWriter()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_PAGES);
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
            }
            return connection;
        }

        @Override
        Checkpointer startCheckpointer() throws SQLException {
            return checkpointsBesideTheWriter() ? Checkpointer.start(connect(), file.getFileName().toString()) : null;
        }

        @Override
        void begin(Connection connection, DSLContext context) throws SQLException {
            if (readOnly()) {
                throw readOnlyRefusal(describe());
            }
            // SQLite takes the write lock at BEGIN IMMEDIATE, waiting up to the busy timeout.
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
            }
        }

        @Override
        void commit(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMIT");
            }
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK");
            } catch (SQLException e) {
                // "cannot rollback - no transaction is active": BEGIN itself failed; nothing to undo.
                if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                    throw e;
                }
            }
        }

        @Override
        void beginSnapshot(Connection connection) throws SQLException {
            // A deferred transaction: its first read takes a read lock (in WAL mode, a mark in the
            // log) that keeps what it sees until it ends, and never stops a writer.
            connection.setAutoCommit(false);
        }

        @Override
        void endSnapshot(Connection connection) throws SQLException {
            connection.rollback();
            connection.setAutoCommit(true);
        }

        @Override
        String describe() {
            return file.toString();
        }
    }

    /** One schema of a PostgreSQL database; writers of one court are serialised on its ledger row. */
    static final class Postgres extends Database {
        private final DataSource dataSource;
        private final String schema;
        private final boolean readOnly;

        Postgres(DataSource dataSource, String schema) {
            this(dataSource, schema, false);
        }

        private Postgres(DataSource dataSource, String schema, boolean readOnly) {
            this.readOnly = readOnly;
            this.dataSource = Checks.required(dataSource, "dataSource");
            this.schema = checkedName(schema, "schema");
        }

        /**
         * {@code schema} if it is a court's schema name (lower-case letters, digits and '_', starting
         * with a letter, at most 63 characters: nothing PostgreSQL would need quoted); else refused,
         * naming {@code field}.
         */
        static String checkedName(String schema, String field) {
            Checks.requiredText(schema, field, 63);
            Checks.argument(schema.matches("[a-z][a-z0-9_]*"), field, schema,
                    "a court's schema name is lower-case letters, digits and '_', starting with a letter");
            return schema;
        }

        /** The court's schema. */
        String schema() {
            return schema;
        }

        /** The schema, to be read only: each reading transaction is {@code READ ONLY}; nothing is migrated. */
        static Postgres readOnly(DataSource dataSource, String schema) {
            return new Postgres(dataSource, schema, true);
        }

        @Override
        boolean readOnly() {
            return readOnly;
        }

        @Override
        SQLDialect dialect() {
            return SQLDialect.POSTGRES;
        }

        @Override
        Connection connect() throws SQLException {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                // The schema name was checked against [a-z][a-z0-9_]*: nothing here comes from a user as text.
                statement.execute("SET search_path TO " + schema);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }

        @Override
        FluentConfiguration flyway() {
            if (readOnly) {
                throw new IllegalStateException(describe() + " was opened read-only and is never migrated");
            }
            return new FluentConfiguration().dataSource(dataSource).schemas(schema).defaultSchema(schema);
        }

        @Override
        String migrations() {
            return "classpath:db/migration/postgresql";
        }

        @Override
        void begin(Connection connection, DSLContext context) throws SQLException {
            if (readOnly) {
                throw readOnlyRefusal(describe());
            }
            connection.setAutoCommit(false);
            Objects.requireNonNull(context.select(LEDGER_INFO.ID).from(LEDGER_INFO).where(LEDGER_INFO.ID.eq(inline(1L)))
                    .forUpdate().fetchOne(), "the ledger_info row");
        }

        @Override
        void commit(Connection connection) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        void beginSnapshot(Connection connection) throws SQLException {
            // REPEATABLE READ: the transaction's first query takes the snapshot every later one sees.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
        }

        @Override
        void endSnapshot(Connection connection) throws SQLException {
            // The connection may go back to a pool: it leaves as it came.
            connection.rollback();
            connection.setAutoCommit(true);
            connection.setReadOnly(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            connection.rollback();
            connection.setAutoCommit(true);
        }

        @Override
        String describe() {
            return "PostgreSQL schema " + schema;
        }
    }
}
