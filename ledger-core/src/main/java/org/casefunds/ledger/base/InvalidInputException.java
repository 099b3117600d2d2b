package org.casefunds.ledger.base;

/**
 * A value in a command is wrong whatever the state of the ledger: missing, malformed, out of
 * range, a bad amount or currency. Fix the input and send the command again.
 */
public final class InvalidInputException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code field} and {@code value} may be null when no field is at fault. */
    public InvalidInputException(ErrorCode code, String field, Object value, String message) {
        super(code, field, value, message, null);
    }

    /** Creates the exception with its cause. */
    public InvalidInputException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(code, field, value, message, cause);
    }
}
