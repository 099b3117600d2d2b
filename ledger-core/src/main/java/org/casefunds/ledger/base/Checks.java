package org.casefunds.ledger.base;

import java.util.Collection;

/**
 * The two kinds of checks, in one place. Input checks throw {@link InvalidInputException} naming
 * the field and the value; invariant checks protect money and throw {@link IntegrityException}.
 * Both stay on in production: they are not Java {@code assert}s.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Returns {@code value}, or throws if it is null.
     *
     * @throws InvalidInputException with {@link ErrorCode#MISSING_VALUE} if {@code value} is null
     */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, field, null, "is required");
        }
        return value;
    }

    /**
     * Returns {@code value} stripped of surrounding white space, or throws if it is null, blank,
     * longer than {@code lengthMax} characters, or holds a control character.
     */
    public static String requiredText(String value, String field, int lengthMax) {
        required(value, field);
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, field, value, "must not be blank");
        }
        return checkedText(stripped, field, lengthMax);
    }

    /** Like {@link #requiredText} but null stays null; a blank value becomes null. */
    public static String optionalText(String value, String field, int lengthMax) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return checkedText(value.strip(), field, lengthMax);
    }

    private static String checkedText(String value, String field, int lengthMax) {
        if (value.length() > lengthMax) {
            throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, field, abbreviate(value),
                    "is " + value.length() + " characters long; at most " + lengthMax + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, abbreviate(value),
                        "holds a control character (U+" + String.format("%04X", (int) c)
                                + ") at position " + i + "; remove it");
            }
        }
        return value;
    }

    /** Throws if {@code values} has more than {@code sizeMax} elements. */
    public static void size(Collection<?> values, String field, int sizeMax) {
        if (values.size() > sizeMax) {
            throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, field, values.size() + " entries",
                    "at most " + sizeMax + " are allowed");
        }
    }

    /** Throws {@link InvalidInputException} with {@link ErrorCode#INVALID_VALUE} unless {@code condition}. */
    public static void argument(boolean condition, String field, Object value, String message) {
        if (!condition) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, value, message);
        }
    }

    /** Throws {@link IntegrityException} unless {@code condition}: a broken invariant is a bug, never input. */
    public static void invariant(boolean condition, String message) {
        if (!condition) {
            throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, null, null,
                    "invariant violated: " + message);
        }
    }

    /** {@code value} as shown in a refusal: at most 60 characters, a longer one cut with "...". */
    public static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
