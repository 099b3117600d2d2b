package org.casefunds.ledger.base;

/**
 * The idempotency key was already used by a different command. Use a new key for a new command;
 * resend the very same command to get the first result.
 */
public final class IdempotencyConflictException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code field} and {@code value} may be null when no field is at fault. */
    public IdempotencyConflictException(ErrorCode code, String field, Object value, String message) {
        super(code, field, value, message, null);
    }

    /** Creates the exception with its cause. */
    public IdempotencyConflictException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(code, field, value, message, cause);
    }
}
