package org.casefunds.ledger.sql;

import java.time.Duration;
import org.casefunds.ledger.base.Checks;

/**
 * How a SQLite ledger file is opened. The file always uses write-ahead logging (WAL) and one writer
 * at a time ({@code BEGIN IMMEDIATE}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param synchronous how hard SQLite waits for the disk at each commit: {@code FULL} (the default:
 *     a committed command survives a power cut), {@code NORMAL} (survives a crash of the process,
 *     may lose the last commits on a power cut), or {@code OFF} (for tests only)
 * @param busyTimeout how long a writer waits for another writer before giving up
 */
public record SqliteOptions(Synchronous synchronous, Duration busyTimeout) {

    /** SQLite's {@code PRAGMA synchronous} levels the ledger allows. */
    public enum Synchronous {
        FULL,
        NORMAL,
        OFF
    }

    /** Checks the values. */
    public SqliteOptions {
        Checks.required(synchronous, "synchronous");
        Checks.required(busyTimeout, "busyTimeout");
        Checks.argument(!busyTimeout.isNegative() && busyTimeout.toMillis() <= Integer.MAX_VALUE, "busyTimeout",
                busyTimeout, "must be between 0 and about 24 days");
    }

    /** {@code synchronous=FULL} and a 10-second busy timeout. */
    public static SqliteOptions defaults() {
        return new SqliteOptions(Synchronous.FULL, Duration.ofSeconds(10));
    }

    /** These options with another synchronous level. */
    public SqliteOptions withSynchronous(Synchronous level) {
        return new SqliteOptions(level, busyTimeout);
    }

    /** These options with another busy timeout. */
    public SqliteOptions withBusyTimeout(Duration timeout) {
        return new SqliteOptions(synchronous, timeout);
    }
}
