package org.casefunds.examples.web;

/**
 * A request the dashboard refuses, with the HTTP status, a code a program can test, the field and
 * value at fault (when one is), and a message in words that says what to do. Never carries a stack
 * trace to the browser.
 */
public final class WebError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;
    private final String value;

    /** A refusal with {@code status}, {@code code}, the {@code field} and {@code value} at fault (either may be null). */
    public WebError(int status, String code, String field, String value, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.value = value;
    }

    /** 400: {@code field} has a value that cannot be used. */
    public static WebError badValue(String field, String value, String message) {
        return new WebError(400, "INVALID_VALUE", field, value, field + " '" + shorten(value) + "': " + message);
    }

    /** 404: nothing of that name. */
    public static WebError notFound(String field, String value, String message) {
        return new WebError(404, "NOT_FOUND", field, value, message);
    }

    /** 403: the viewer may not see or do this. */
    public static WebError forbidden(String code, String message) {
        return new WebError(403, code, null, null, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The code a program can test. */
    public String code() {
        return code;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    /** The value at fault, or null. */
    public String value() {
        return value;
    }

    /** {@code value} cut to 80 characters for a message. */
    static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
