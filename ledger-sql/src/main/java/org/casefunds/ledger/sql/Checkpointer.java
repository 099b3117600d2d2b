package org.casefunds.ledger.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a SQLite writer's write-ahead log into the file, on a thread and a connection of its own,
 * so that no command waits for it; for writers below {@code synchronous=FULL} (see {@link
 * Database.Sqlite#startCheckpointer}).
 *
 * <p>SQLite copies the log into the file itself (a checkpoint) inside the commit that takes it past
 * a thousand pages: that commit, and every caller waiting for it, waits for the copy and for two
 * syncs of the disk. At {@code synchronous=NORMAL} those are the only syncs, and they were half of
 * the time commits took. Here a checkpoint runs a little after commits, beside the writer, in
 * SQLite's PASSIVE mode (it copies what no reader still needs and never waits for a writer or a
 * reader); the writer still checkpoints itself once its log passes {@link #WRITER_PAGES} pages,
 * which lets SQLite start the log again from its beginning while commits never pause (a log is
 * started again only when a write begins with every page copied). A checkpoint changes nothing a
 * reader sees and nothing a crash keeps: the log holds every commit until the file does.
 */
final class Checkpointer implements AutoCloseable {
    /**
     * The pages of log after which the writer checkpoints itself (SQLite's {@code
     * wal_autocheckpoint}; 1,000 by default): 64 MB at 4 KiB a page.
     */
    static final int WRITER_PAGES = 16_000;
    /** How long the checkpointer lets commits gather before it copies them. */
    private static final long GATHER_MILLIS = 20;
    /** How long it rests after a checkpoint failed (the writer's own checkpoints go on meanwhile). */
    private static final long REST_AFTER_FAILURE_MILLIS = 1_000;

    private final Connection connection;
    private final Thread thread;
    private volatile boolean committed;
    private volatile boolean closing;
    private volatile int checkpoints;
    private volatile long[] lastCheckpoint = {0, 0, 0};

    private Checkpointer(Connection connection, String file) {
        this.connection = connection;
        this.thread = new Thread(this::run, "casefunds-checkpointer " + file);
        thread.setDaemon(true);
    }

    /** A checkpointer of the file {@code connection} is open on (its own connection, closed with it). */
    static Checkpointer start(Connection connection, String file) {
        Checkpointer checkpointer = new Checkpointer(connection, file);
        checkpointer.thread.start();
        return checkpointer;
    }

    /** Tells the checkpointer that the writer committed: it checkpoints a little later. */
    void committed() {
        if (!committed) {
            committed = true;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closing) {
            if (!committed) {
                LockSupport.park(this);
                continue;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(GATHER_MILLIS);
            } catch (InterruptedException closed) {
                return;
            }
            committed = false;
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                result.next();
                lastCheckpoint = new long[] {result.getLong(1), result.getLong(2), result.getLong(3)};
                checkpoints++;
            } catch (SQLException | RuntimeException failure) {
                // The disk or the file failed: the writer's next commit will say so, and its own
                // checkpoints keep the log from growing past WRITER_PAGES meanwhile.
                try {
                    TimeUnit.MILLISECONDS.sleep(REST_AFTER_FAILURE_MILLIS);
                } catch (InterruptedException closed) {
                    return;
                }
            }
        }
    }

    /** For tests: how many checkpoints ran. */
    int checkpoints() {
        return checkpoints;
    }

    /**
     * For tests: what the last checkpoint reported, as SQLite's {@code wal_checkpoint} does: 1 if it
     * could not run, the pages in the log, and the pages copied into the file.
     */
    long[] lastCheckpoint() {
        return lastCheckpoint.clone();
    }

    /** Stops the thread (a checkpoint under way ends first) and closes its connection. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing was written on it that matters: the log is the writer's.
        }
    }
}
