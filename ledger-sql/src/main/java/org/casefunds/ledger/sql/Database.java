package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.jooq.impl.DSL.inline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.casefunds.ledger.base.Checks;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

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

    /** A short description for messages: the file, or the schema. */
    abstract String describe();

    DSLContext context(Connection connection) {
        return DSL.using(connection, dialect(), settings());
    }

    static Settings settings() {
        return new Settings().withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }

    /** A SQLite file: WAL, the options' synchronous level and busy timeout, one writer at a time. */
    static final class Sqlite extends Database {
        private final Path file;
        private final SqliteOptions options;
        private final SQLiteDataSource dataSource;

        Sqlite(Path file, SqliteOptions options) {
            this.file = Checks.required(file, "file").toAbsolutePath();
            this.options = Checks.required(options, "options");
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(options.synchronous().name()));
            config.setBusyTimeout((int) options.busyTimeout().toMillis());
            config.enforceForeignKeys(false);
            // The driver would otherwise query last_insert_rowid() after every insert; the ledger
            // never reads generated keys, and that query cost as much as the insert itself.
            config.setGetGeneratedKeys(false);
            dataSource = new SQLiteDataSource(config);
            dataSource.setUrl("jdbc:sqlite:" + this.file);
        }

        Path file() {
            return file;
        }

        SqliteOptions options() {
            return options;
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
            return new FluentConfiguration().dataSource(dataSource);
        }

        @Override
        String migrations() {
            return "classpath:db/migration/sqlite";
        }

        @Override
        void begin(Connection connection, DSLContext context) throws SQLException {
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
        String describe() {
            return file.toString();
        }
    }

    /** One schema of a PostgreSQL database; writers of one court are serialised on its ledger row. */
    static final class Postgres extends Database {
        private final DataSource dataSource;
        private final String schema;

        Postgres(DataSource dataSource, String schema) {
            this.dataSource = Checks.required(dataSource, "dataSource");
            this.schema = Checks.requiredText(schema, "schema", 63);
            Checks.argument(schema.matches("[a-z][a-z0-9_]*"), "schema", schema,
                    "a court's schema name is lower-case letters, digits and '_', starting with a letter");
        }

        /** The court's schema. */
        String schema() {
            return schema;
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
            return new FluentConfiguration().dataSource(dataSource).schemas(schema).defaultSchema(schema);
        }

        @Override
        String migrations() {
            return "classpath:db/migration/postgresql";
        }

        @Override
        void begin(Connection connection, DSLContext context) throws SQLException {
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
