package org.casefunds.ledger.base;

/**
 * The actor may not do this: their role does not allow it, an approval the policy requires is
 * missing, or the requester tried to approve their own request.
 */
public final class PermissionDeniedException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code field} and {@code value} may be null when no field is at fault. */
    public PermissionDeniedException(ErrorCode code, String field, Object value, String message) {
        super(code, field, value, message, null);
    }

    /** Creates the exception with its cause. */
    public PermissionDeniedException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(code, field, value, message, cause);
    }
}
