package org.casefunds.ledger.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One reading connection shared by the readers of a store: jOOQ acquires it for each query and
 * releases it afterwards, and queries take turns on it. A reader needs no write lock; on SQLite in
 * WAL mode each query sees the last commit.
 */
final class SharedConnection implements ConnectionProvider, AutoCloseable {
    private final Database database;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    SharedConnection(Database database) {
        this.database = database;
    }

    /** A context whose queries run on the shared connection, one at a time. */
    DSLContext context() {
        return DSL.using(this, database.dialect(), Database.settings());
    }

    @Override
    public Connection acquire() {
        lock.lock();
        try {
            if (connection == null || connection.isClosed()) {
                connection = database.connect();
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            lock.unlock();
            throw SqlErrors.translate(e, "reading " + database.describe());
        }
    }

    @Override
    public void release(Connection released) {
        lock.unlock();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } catch (SQLException e) {
            // Closing a reading connection: nothing was written through it.
        } finally {
            lock.unlock();
        }
    }
}
