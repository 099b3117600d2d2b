package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.EVENT;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One read transaction held open on one connection, so that everything read through it (events,
 * postings, projections, reports) is one snapshot of the database: on SQLite a deferred
 * transaction (in WAL mode, a read mark in the log), on PostgreSQL {@code REPEATABLE READ, READ
 * ONLY}. A writer in another connection or process goes on beside it and is neither blocked nor
 * seen half-way; what it commits after the snapshot was taken is not seen.
 *
 * <p>jOOQ acquires the connection for each query and releases it afterwards; queries take turns
 * on it. The event streams of the store read through the same connection.
 *
 * <p>This class is thread-safe; one audit or report uses it at a time.
 */
final class ReadSnapshot implements ConnectionProvider, AutoCloseable {
    private final Database database;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private Long sequence;
    private boolean closed;

    private ReadSnapshot(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** Starts the read transaction; its first read takes the snapshot. */
    static ReadSnapshot begin(Database database) {
        Connection connection = null;
        try {
            connection = database.connect();
            database.beginSnapshot(connection);
            return new ReadSnapshot(database, connection);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw SqlErrors.translate(e, "opening " + database.describe());
        }
    }

    /** A context whose queries run in this snapshot, one at a time. */
    DSLContext context() {
        return database.readerContext(this);
    }

    /**
     * The connection of the snapshot, for reading through plain JDBC; the caller closes what it
     * prepares on it, never the connection.
     */
    Connection connection() {
        checkOpen();
        return connection;
    }

    /**
     * The last event in the snapshot (0 for an empty journal): the journal as read ends there. The
     * first call reads it, which takes the snapshot if nothing was read before.
     */
    synchronized long sequence() {
        if (sequence == null) {
            Long last = context().select(DSL.max(EVENT.SEQUENCE)).from(EVENT).fetchOne(0, Long.class);
            sequence = last == null ? 0L : last;
        }
        return sequence;
    }

    @Override
    public Connection acquire() {
        lock.lock();
        try {
            checkOpen();
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        return connection;
    }

    @Override
    public void release(Connection released) {
        lock.unlock();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the snapshot of " + database.describe() + " was closed");
        }
    }

    /** Ends the read transaction and closes the connection. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                database.endSnapshot(connection);
            } catch (SQLException e) {
                // Nothing was written in the transaction; closing the connection ends it either way.
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // As above: a reading connection.
            }
        } finally {
            lock.unlock();
        }
    }
}
