package org.casefunds.ledger.sql;

import java.sql.SQLException;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.base.StorageException;

/**
 * Turns what the database reports into the ledger's storage exceptions, each saying what happened
 * and what to do. Nothing is swallowed: the original exception is the cause.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    /** The ledger exception for {@code failure}; a ledger exception passes through unchanged. */
    static RuntimeException translate(Throwable failure, String where) {
        if (failure instanceof LedgerException) {
            return (LedgerException) failure;
        }
        SQLException sql = find(failure);
        boolean fromDatabase = sql != null || failure instanceof org.jooq.exception.DataAccessException
                || failure instanceof org.flywaydb.core.api.FlywayException;
        if (!fromDatabase && failure instanceof RuntimeException) {
            // Not the database's: a bug, or a caller's signal; it passes through untouched.
            return (RuntimeException) failure;
        }
        String message = sql != null ? sql.getMessage() : String.valueOf(failure.getMessage());
        String lower = message == null ? "" : message.toLowerCase();
        int code = sql == null ? 0 : sql.getErrorCode() & 0xff;
        if (code == 5 || code == 6 || lower.contains("database is locked") || lower.contains("sqlite_busy")) {
            return new StorageException(ErrorCode.STORAGE_LOCKED, null, null, where + ": the ledger is locked by"
                    + " another writer for longer than the busy timeout; try again, or raise the timeout", failure);
        }
        if ("42501".equals(sql == null ? null : sql.getSQLState())) {
            // PostgreSQL's insufficient_privilege: the ledger's role lacks a right, or tried what only
            // the schema's owner may do.
            return new StorageException(ErrorCode.STORAGE_NOT_PERMITTED, null, null, where + ": the database role"
                    + " may not do this (" + message + "); nothing was written; the schema's owner grants the ledger's"
                    + " role its rights with SqlLedger.postgresMigrate (see the README's PostgreSQL setup)", failure);
        }
        if (code == 8 || lower.contains("readonly") || lower.contains("read-only") || lower.contains("read only")) {
            return new StorageException(ErrorCode.STORAGE_READ_ONLY, null, null, where + ": the ledger file or its"
                    + " folder cannot be written; check its permissions (nothing was written)", failure);
        }
        if (code == 14 || lower.contains("unable to open database file")) {
            // The folder was checked to exist before opening: what is left is a file or folder the
            // process may not write (SQLite in WAL mode writes beside the file even to read it).
            return new StorageException(ErrorCode.STORAGE_READ_ONLY, null, null, where + ": the ledger file cannot"
                    + " be opened for writing; the file or its folder is read-only or not the user's; check their"
                    + " permissions (nothing was written)", failure);
        }
        if (code == 13 || lower.contains("database or disk is full") || lower.contains("no space left")
                || "53100".equals(sql == null ? null : sql.getSQLState())) {
            // Only the transaction that failed is undone: earlier ones (a command file's earlier batches) stay.
            return new StorageException(ErrorCode.STORAGE_FULL, null, null, where + ": the disk is full; this"
                    + " transaction wrote nothing; free space and send the command again", failure);
        }
        if (code == 11 || code == 26 || lower.contains("malformed") || lower.contains("not a database")) {
            return new StorageException(ErrorCode.STORAGE_CORRUPT, null, null, where + ": the ledger file is"
                    + " damaged or not a database (" + message + "); restore it from a backup", failure);
        }
        return new StorageException(ErrorCode.STORAGE_FAILURE, null, null, where + ": the database failed: "
                + message, failure);
    }

    /** Whether {@code failure} came from the database (rather than from a refusal or a bug). */
    static boolean fromDatabase(Throwable failure) {
        return find(failure) != null || failure instanceof org.jooq.exception.DataAccessException
                || failure instanceof StorageException;
    }

    private static SQLException find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return (SQLException) cause;
            }
        }
        return null;
    }
}
