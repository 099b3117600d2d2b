package org.casefunds.ledger.base;

/**
 * The command is well formed but does not fit the ledger's current state: already done, already
 * reversed, dated in a closed period, out of order.
 */
public final class StateConflictException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code field} and {@code value} may be null when no field is at fault. */
    public StateConflictException(ErrorCode code, String field, Object value, String message) {
        super(code, field, value, message, null);
    }

    /** Creates the exception with its cause. */
    public StateConflictException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(code, field, value, message, cause);
    }
}
