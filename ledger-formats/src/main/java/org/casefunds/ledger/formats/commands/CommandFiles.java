package org.casefunds.ledger.formats.commands;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.formats.FieldNames;
import org.casefunds.ledger.formats.Json;

/**
 * Command files: JSON Lines, one command per line, UTF-8. Each line is
 * <pre>{@code
 * {"key": "...", "date": "2025-03-03", "actor": {"id": "adm.wang", "roles": ["FUND_ADMINISTRATOR"]},
 *  "approvals": [{"approverId": "head.sun", "role": "DIVISION_HEAD"}], "metadata": {"source": "..."},
 *  "request": {"type": "RecordReceipt", ...the request's fields...}}
 * }</pre>
 * {@code approvals} and {@code metadata} may be left out. Money is
 * {@code {"amount": "65000.00", "currency": "CNY"}}, the amount a quoted plain decimal string read by
 * {@link org.casefunds.ledger.money.Amounts#parse} (a JSON number, a sign, an exponent, a separator
 * or more decimals than the currency has is refused); a case number is its text in any written form;
 * a field that may be absent is left out; an unknown field is refused by its name, with the closest
 * field of its place, and a field written twice is refused (which of the two was meant cannot be
 * told). Dates are written {@code "2025-03-03"}, never as numbers. Blank lines and lines starting
 * with {@code #} are skipped; a byte order mark at the start of the file is skipped; a line holds at
 * most {@link Limits#COMMAND_LINE_LENGTH_MAX} characters.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CommandFiles {
    /** What Windows Notepad writes at the start of a UTF-8 file; skipped. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private CommandFiles() {
    }

    /** One line of a command file. */
    public record Line(String key, LocalDate date, Actor actor, List<Approval> approvals, Map<String, String> metadata,
            Request request) {

        /** The command the line describes. */
        public Command command() {
            return new Command(key, actor, date, approvals == null ? List.of() : approvals,
                    metadata == null ? Map.of() : metadata, request);
        }

        /** The line that describes {@code command}. */
        public static Line of(Command command) {
            return new Line(command.idempotencyKey(), command.effectiveDate(), command.actor(),
                    command.approvals().isEmpty() ? null : command.approvals(),
                    command.metadata().isEmpty() ? null : command.metadata(), command.request());
        }
    }

    /** A command read from a file, with its line number. */
    public record Numbered(int line, Command command) {
    }

    /** A line that could not be read, with why. */
    public record Problem(int line, String field, String message) {
        @Override
        public String toString() {
            return "line " + line + (field == null ? "" : ", " + field) + ": " + message;
        }
    }

    /** What reading a file gave: the commands, and the lines that could not be read. */
    public record Reading(List<Numbered> commands, List<Problem> problems) {
    }

    /**
     * Reads every line of {@code file}, collecting every problem rather than stopping at the first.
     * A byte order mark at the start (which Windows Notepad writes) is skipped; a line longer than
     * {@link Limits#COMMAND_LINE_LENGTH_MAX} characters is refused by its number without being held
     * in memory.
     */
    public static Reading read(Path file) {
        List<Numbered> commands = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int number = 0;
        try (BoundedLines lines = new BoundedLines(new InputStreamReader(Files.newInputStream(file), decoder),
                Limits.COMMAND_LINE_LENGTH_MAX)) {
            for (String text = lines.next(); text != null; text = lines.next()) {
                number++;
                if (number == 1 && text.startsWith(BYTE_ORDER_MARK)) {
                    text = text.substring(1);
                }
                if (lines.overLong()) {
                    problems.add(new Problem(number, null, "the line is " + String.format(Locale.ROOT, "%,d",
                            lines.length()) + " characters long; a line holds one command of at most "
                            + String.format(Locale.ROOT, "%,d", Limits.COMMAND_LINE_LENGTH_MAX)
                            + " characters: write one command a line"));
                    continue;
                }
                if (text.isBlank() || text.strip().startsWith("#")) {
                    continue;
                }
                try {
                    commands.add(new Numbered(number, parse(text)));
                } catch (LineException problem) {
                    problems.add(new Problem(number, problem.field, problem.getMessage()));
                }
            }
        } catch (CharacterCodingException e) {
            problems.add(new Problem(number + 1, null,
                    "the file is not UTF-8 (" + e.getMessage() + "); save it as UTF-8"));
        } catch (IOException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "file", file, "cannot be read ("
                    + e.getMessage() + "); check the path and that the file may be read", e);
        }
        return new Reading(commands, problems);
    }

    /** A line that does not make a command. */
    public static final class LineException extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        LineException(String field, String message, Throwable cause) {
            super(message, cause);
            this.field = field;
        }
    }

    /**
     * Parses one line into a command. A field that its place does not have is refused by its path
     * and name, with the closest field of that place ("did you mean"), together with whatever the
     * line then lacks, such as the required field that was misspelt.
     */
    public static Command parse(String text) throws LineException {
        List<Json.UnknownField> unknown = new ArrayList<>();
        Command command;
        try {
            command = read(text, unknown);
        } catch (LineException then) {
            if (unknown.isEmpty()) {
                throw then;
            }
            throw unknownFields(unknown, then);
        }
        if (!unknown.isEmpty()) {
            throw unknownFields(unknown, null);
        }
        return command;
    }

    private static LineException unknownFields(List<Json.UnknownField> unknown, LineException then) {
        StringBuilder message = new StringBuilder(unknown.get(0).message());
        for (Json.UnknownField other : unknown.subList(1, unknown.size())) {
            message.append("; also ").append(other.path()).append(": ").append(other.message());
        }
        if (then != null) {
            message.append("; and then ").append(then.field == null ? "" : then.field + ": ").append(then.getMessage());
        }
        return new LineException(unknown.get(0).path(), message.toString(), then);
    }

    /**
     * The lines of a text, each at most {@code lengthMax} characters: a longer line is read to its end
     * and counted, not kept ({@link #overLong}). Lines end with {@code \n}, {@code \r\n} or {@code \r}.
     */
    static final class BoundedLines implements AutoCloseable {
        private final Reader reader;
        private final int lengthMax;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        private boolean skipNewline;
        private long length;

        BoundedLines(Reader reader, int lengthMax) {
            this.reader = reader;
            this.lengthMax = lengthMax;
        }

        /** The next line, without its end; empty (its length in {@link #length}) if it is over long; null at the end. */
        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            length = 0;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = Math.max(0, reader.read(buffer, 0, buffer.length));
                    position = 0;
                    if (limit == 0) {
                        return any ? kept(line) : null;
                    }
                }
                if (skipNewline) {
                    skipNewline = false;
                    if (buffer[position] == '\n') {
                        position++;
                        continue;
                    }
                }
                any = true;
                int end = position;
                while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                    end++;
                }
                int count = end - position;
                if (length + count <= lengthMax) {
                    line.append(buffer, position, count);
                } else if (line.length() > 0) {
                    // Over long: what was kept is let go, the rest is only counted.
                    line.setLength(0);
                    line.trimToSize();
                }
                length += count;
                position = end;
                if (end < limit) {
                    skipNewline = buffer[end] == '\r';
                    position++;
                    return kept(line);
                }
            }
        }

        private String kept(StringBuilder line) {
            return overLong() ? "" : line.toString();
        }

        /** Whether the line last read was longer than the limit. */
        boolean overLong() {
            return length > lengthMax;
        }

        /** The length of the line last read, in characters. */
        long length() {
            return length;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static Command read(String text, List<Json.UnknownField> unknown) throws LineException {
        try {
            Line line = Json.read(Json.MAPPER, text, Line.class, unknown);
            if (line == null) {
                throw new LineException(null, "is null, not a command: write one JSON object a line, {\"key\": ...,"
                        + " \"request\": {...}}", null);
            }
            if (line.request() == null) {
                throw new LineException("request", "is missing: each line has a request with its \"type\"", null);
            }
            return line.command();
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerException) {
                LedgerException refused = (LedgerException) cause;
                String where = Json.fieldPath(e);
                return rethrow(where.isEmpty() ? refused.field().orElse(null) : where
                        + refused.field().map(field -> " (" + field + ")").orElse(""), refused.getMessage(), e);
            }
            throw problem(e, text);
        } catch (InvalidTypeIdException e) {
            throw unknownType(e);
        } catch (JsonProcessingException e) {
            throw problem(e, text);
        } catch (LedgerException refused) {
            throw new LineException(refused.field().orElse(null), refused.getMessage(), refused);
        }
    }

    /** What Jackson could not read, in our words: the field and what to write there. */
    private static LineException problem(JsonProcessingException e, String text) {
        Json.Problem problem = Json.problem(e, text);
        return new LineException(problem.path().isEmpty() ? null : problem.path(), problem.message(), e);
    }

    /** A request type that is missing or is no request's, with the closest request's name. */
    private static LineException unknownType(InvalidTypeIdException e) {
        String where = Json.fieldPath(e);
        String field = (where.isEmpty() ? "request" : where) + ".type";
        if (e.getTypeId() == null) {
            return new LineException(field, "is missing: a request names its type, such as \"RecordReceipt\"", e);
        }
        List<String> kinds = new ArrayList<>();
        for (Class<?> kind : Request.class.getPermittedSubclasses()) {
            kinds.add(kind.getSimpleName());
        }
        kinds.sort(null);
        return new LineException(field, "'" + e.getTypeId() + "' is not a request"
                + FieldNames.closest(e.getTypeId(), kinds).map(meant -> "; did you mean `" + meant + "`?").orElse("")
                + " The requests: " + String.join(", ", kinds), e);
    }

    private static Command rethrow(String field, String message, Throwable cause) throws LineException {
        throw new LineException(field, message, cause);
    }

    /** The command as one line of a command file. */
    public static String write(Command command) {
        try {
            return Json.COMPACT.writeValueAsString(Line.of(command));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("every command writes as JSON", e);
        }
    }
}
