package org.casefunds.ledger.base;

/**
 * Stored events do not verify or an invariant that protects money does not hold. This is never the
 * caller's fault: stop writing, run the verifier and investigate.
 */
public final class IntegrityException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code field} and {@code value} may be null when no field is at fault. */
    public IntegrityException(ErrorCode code, String field, Object value, String message) {
        super(code, field, value, message, null);
    }

    /** Creates the exception with its cause. */
    public IntegrityException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(code, field, value, message, cause);
    }
}
