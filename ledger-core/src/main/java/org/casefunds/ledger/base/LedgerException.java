package org.casefunds.ledger.base;

import java.util.Objects;
import java.util.Optional;

/**
 * The one family of exceptions the ledger throws. Each says which {@link ErrorCode}, which
 * field of the command is at fault (when one is) and the value it had, and its message says what
 * would be valid or what to do next.
 *
 * <p>When a command is refused, the journal is unchanged: every command is all-or-nothing.
 */
public abstract sealed class LedgerException extends RuntimeException
        permits InvalidInputException, NotFoundException, InsufficientFundsException,
                StateConflictException, PermissionDeniedException, IdempotencyConflictException,
                IntegrityException, StorageException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;
    private final String value;

    LedgerException(ErrorCode code, String field, Object value, String message, Throwable cause) {
        super(compose(field, value, message), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
    }

    private static String compose(String field, Object value, String message) {
        if (field == null) {
            return message;
        }
        return field + " " + (value == null ? "(missing)" : "'" + value + "'") + ": " + message;
    }

    /** The reason, never null. */
    public ErrorCode code() {
        return code;
    }

    /** The command field at fault, as written in the command (for example {@code amount}), if one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The value that field had, as text, if there was one. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }
}
