package org.casefunds.ledger.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.ConnectionProvider;

/**
 * One reading connection shared by the readers of a store: jOOQ acquires it for each query and
 * releases it afterwards, and queries take turns on it. A reader needs no write lock; on SQLite in
 * WAL mode each query sees the last commit. ({@link ReadSnapshot} is the reader that sees one
 * commit for as long as it is open.) Contexts over it come from {@link Database#readerContext}.
 */
final class SharedConnection implements ConnectionProvider, AutoCloseable {
    private final Database database;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    SharedConnection(Database database) {
        this.database = database;
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
