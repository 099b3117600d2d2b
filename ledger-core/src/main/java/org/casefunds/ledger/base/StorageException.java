package org.casefunds.ledger.base;

/**
 * The store failed: the database is locked, read-only, full, corrupt, or has a schema this version
 * does not know. Nothing was written.
 */
public final class StorageException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code field} and {@code value} may be null when no field is at fault. */
    public StorageException(ErrorCode code, String field, Object value, String message) {
        super(code, field, value, message, null);
    }

    /** Creates the exception with its cause. */
    public StorageException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(code, field, value, message, cause);
    }
}
