package org.casefunds.ledger.formats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;

/**
 * Says in the project's words what Jackson could not read: the field, what was written there and
 * what to write instead. No library's class name, token name or option reaches the user; the
 * project's own refusals (money, dates, case numbers, the checks of the records) pass through with
 * their code and message.
 *
 * <p>This class is immutable and thread-safe.
 */
final class ReadProblems {
    /** How Jackson's parser begins the message of a field written twice (its {@code DupDetector}). */
    private static final String DUPLICATE = "Duplicate field '";
    /** How Jackson begins the message of a value followed by more (FAIL_ON_TRAILING_TOKENS). */
    private static final String TRAILING = "Trailing token";

    /** A parser factory without the mappers' checks, to find what a document holds at a field. */
    private static final JsonFactory PLAIN = new JsonFactory();

    private ReadProblems() {
    }

    /**
     * The problem of {@code e}; {@code text}, the document read (null if not at hand), tells what was
     * written at the field, which Jackson's exceptions do not always keep.
     */
    static Json.Problem of(JsonProcessingException e, String text) {
        int line = line(e.getLocation());
        String path = e instanceof JsonMappingException mapping ? Json.fieldPath(mapping) : "";
        LedgerException refused = find(e, LedgerException.class);
        if (refused != null) {
            return new Json.Problem(path.isEmpty() ? refused.field().orElse("") : path, refused.code(),
                    refused.value().orElse(null), refused.getMessage(), line);
        }
        JsonParseException syntax = find(e, JsonParseException.class);
        if (syntax != null && syntax.getOriginalMessage().startsWith(DUPLICATE)) {
            return duplicate(syntax);
        }
        StreamConstraintsException tooLarge = find(e, StreamConstraintsException.class);
        if (tooLarge != null) {
            return new Json.Problem(path, ErrorCode.LIMIT_EXCEEDED, null, "holds a number, a text or a nesting too large"
                    + " to be read; no field of the ledger needs one this large", line(tooLarge.getLocation(), line));
        }
        InputCoercionException outOfRange = find(e, InputCoercionException.class);
        if (outOfRange != null) {
            String number = number(outOfRange);
            return new Json.Problem(path, ErrorCode.INVALID_VALUE, number, "is " + (number == null ? "a number"
                    : "the number " + number) + ", too large for this field; " + expected(outOfRange.getTargetType(),
                    null), line(outOfRange.getLocation(), line));
        }
        if (syntax != null || !(e instanceof JsonMappingException)) {
            JsonProcessingException broken = syntax != null ? syntax : e;
            JsonLocation at = broken.getLocation();
            if (path.isEmpty() && syntax != null && syntax.getProcessor() != null) {
                // Where the parser stopped: the field whose value is broken, if it is in one.
                path = UnknownFields.path(syntax.getProcessor().getParsingContext());
            }
            return new Json.Problem(path, ErrorCode.INVALID_VALUE, null, "is not valid JSON: "
                    + withoutOptions(broken.getOriginalMessage())
                    + (at == null || at.getColumnNr() <= 0 ? "" : " (column " + at.getColumnNr() + ")"),
                    line(at, line));
        }
        return mapping((JsonMappingException) e, path, line, text);
    }

    private static Json.Problem mapping(JsonMappingException e, String path, int line, String text) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException wrong
                && wrong.getMessage() != null) {
            return new Json.Problem(path, ErrorCode.INVALID_VALUE, null, wrong.getMessage(), line);
        }
        if (e instanceof InvalidTypeIdException) {
            return new Json.Problem(path, ErrorCode.INVALID_VALUE, null, "names no type this place has; check its"
                    + " \"type\" field", line);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getOriginalMessage() != null && mismatch.getOriginalMessage().startsWith(TRAILING)) {
                return new Json.Problem(path, ErrorCode.INVALID_VALUE, null, "goes on after the end of its JSON value;"
                        + " write one value (in a command file, one command a line)", line);
            }
            Class<?> target = mismatch.getTargetType();
            Written written = at(text, path);
            if (written == null && mismatch instanceof InvalidFormatException format) {
                written = Written.of(format.getValue());
            }
            if (target != null && target.isEnum() && written != null && written.token() == JsonToken.VALUE_STRING) {
                return new Json.Problem(path, ErrorCode.INVALID_VALUE, written.value(),
                        notOneOf(written.value(), target), line);
            }
            if (written == null) {
                return new Json.Problem(path, ErrorCode.INVALID_VALUE, null, "is not what this field takes; "
                        + expected(target, path), line);
            }
            return new Json.Problem(path, ErrorCode.INVALID_VALUE, written.value(), "is " + written(written.token())
                    + (written.token().isScalarValue() && written.token() != JsonToken.VALUE_NULL ? " ("
                    + written.value() + ")" : "") + "; " + expected(target, path), line);
        }
        return new Json.Problem(path, ErrorCode.INVALID_VALUE, null, "cannot be read here; check it against the format in"
                + " the README", line);
    }

    /**
     * The parser's description of broken JSON without the parser options it suggests turning on
     * (comments, {@code NaN}, single quotes): the ledger reads standard JSON only.
     */
    private static String withoutOptions(String message) {
        String words = String.valueOf(message);
        for (String option : List.of(" (not recognized as one since Feature", "enable `", "Feature '")) {
            int at = words.indexOf(option);
            if (at >= 0) {
                words = words.substring(0, at);
            }
        }
        return words.strip().replaceAll("[:;,]+$", "");
    }

    /** A field written twice in one object: its path (with the name), and the line of the second time (in {@link Json.Problem#line}). */
    private static Json.Problem duplicate(JsonParseException e) {
        String message = e.getOriginalMessage();
        String name = message.substring(DUPLICATE.length(), Math.max(DUPLICATE.length(), message.lastIndexOf('\'')));
        String path = name;
        JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            // The parser stands on the second occurrence: its context names the field.
            path = UnknownFields.path(parser.getParsingContext());
        }
        int line = line(e.getLocation());
        return new Json.Problem(path, ErrorCode.INVALID_VALUE, Checks.abbreviate(name), "is written twice in the same"
                + " object; write each field once: which of the two was meant cannot be told", line);
    }

    /**
     * What was written at a field: its token, and its text abbreviated ({@code [...]} for a list,
     * {@code {...}} for an object, null for null).
     */
    record Written(JsonToken token, String value) {
        static Written of(Object value) {
            if (value instanceof Number) {
                return new Written(JsonToken.VALUE_NUMBER_FLOAT, Checks.abbreviate(String.valueOf(value)));
            }
            if (value instanceof Boolean) {
                return new Written(JsonToken.VALUE_TRUE, String.valueOf(value));
            }
            return value == null ? null : new Written(JsonToken.VALUE_STRING, Checks.abbreviate(String.valueOf(value)));
        }
    }

    /** What {@code text} holds at {@code path}, the first time; null if the text is not at hand or never reaches it. */
    private static Written at(String text, String path) {
        if (text == null) {
            return null;
        }
        try (JsonParser parser = PLAIN.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token.isStructEnd()
                        || !UnknownFields.path(UnknownFields.valueContext(parser)).equals(path)) {
                    continue;
                }
                String value = token == JsonToken.START_ARRAY ? "[...]" : token == JsonToken.START_OBJECT ? "{...}"
                        : token == JsonToken.VALUE_NULL ? null : Checks.abbreviate(parser.getText());
                return new Written(token, value);
            }
        } catch (java.io.IOException brokenLater) {
            // The text breaks before the field: what was written there is not known.
        }
        return null;
    }

    private static String notOneOf(String written, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        String meant = FieldNames.closest(written, names).map(name -> "; did you mean " + name + "?").orElse("");
        return "'" + Checks.abbreviate(written) + "' is not one of " + String.join(", ", names) + meant;
    }

    /** What a token is, in words: "a number", "a list", "text". */
    static String written(JsonToken token) {
        switch (token) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_STRING:
                return "text";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "true or false";
            case VALUE_NULL:
                return "null";
            case START_ARRAY:
                return "a list";
            case START_OBJECT:
            case FIELD_NAME:
                return "an object";
            default:
                return "not a value";
        }
    }

    /** What a field of {@code type} takes, and how to write it. */
    private static String expected(Class<?> type, String path) {
        if (type == null) {
            return "check it against the format in the README";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "write a whole number without quotes, such as 10";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "write true or false, without quotes";
        }
        if (type == java.time.Instant.class) {
            return "write an instant in quotes, such as \"2025-01-03T09:30:00Z\"";
        }
        if (type == java.time.LocalDate.class) {
            return "write a date in quotes, such as \"2025-03-03\"";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "write text in quotes";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return "write one of " + String.join(", ", names) + ", in quotes";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "write a list in brackets, [...]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "write an object in braces, {\"name\": value, ...}";
        }
        if (path != null && path.isEmpty()) {
            return "write one JSON object in braces, {...}, as the format in the README shows";
        }
        return "write an object in braces with its fields, {\"name\": value, ...}";
    }

    /** The number written, or null if it cannot be told. */
    private static String number(InputCoercionException e) {
        String text = e.getProcessor() == null ? null : text(e.getProcessor());
        return text == null ? null : Checks.abbreviate(text);
    }

    private static String text(JsonParser parser) {
        try {
            return parser.getText();
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static int line(JsonLocation location) {
        return line(location, 0);
    }

    private static int line(JsonLocation location, int otherwise) {
        return location == null || location.getLineNr() <= 0 ? otherwise : location.getLineNr();
    }

    /** The first cause of {@code e} (itself included) that is a {@code type}. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (!(cause instanceof JacksonException) && !(cause instanceof LedgerException)) {
                return null;
            }
        }
        return null;
    }
}
