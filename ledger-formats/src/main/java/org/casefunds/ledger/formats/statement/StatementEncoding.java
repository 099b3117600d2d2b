package org.casefunds.ledger.formats.statement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a statement file's bytes are read: UTF-8 (a byte-order mark allowed), GBK (what Chinese banks'
 * desktop exports often use), or {@link #AUTO}: UTF-8 if every line is valid UTF-8, else GBK. Text in
 * GBK is almost never valid UTF-8, while UTF-8 text often happens to be valid GBK, so the order matters.
 */
public enum StatementEncoding {
    UTF_8(StandardCharsets.UTF_8),
    GBK(Charset.forName("GBK")),
    AUTO(null);

    /** The longest physical line read, in bytes: a statement line is a few hundred. */
    static final int LINE_BYTES_MAX = 1 << 20;

    private final Charset charset;

    StatementEncoding(Charset charset) {
        this.charset = charset;
    }

    /** The option's value as written on the command line: {@code UTF-8}, {@code GBK} or {@code auto}. */
    public static StatementEncoding parse(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(each -> each.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not UTF-8, GBK or auto"));
    }

    /**
     * The charset to read {@code file} with, or the lines that make it unreadable, added to
     * {@code problems}: every line not valid in the encoding asked for, or, for {@link #AUTO}, in
     * either. Empty when there are problems.
     */
    Optional<Charset> resolve(Path file, StatementProblems problems) throws IOException {
        if (this != AUTO) {
            return check(file, charset, problems, "is not valid " + charset.name()
                    + (charset == StandardCharsets.UTF_8 ? "; is the file GBK? try --encoding GBK or auto"
                            : "; is the file UTF-8? try --encoding UTF-8 or auto"));
        }
        if (invalidLines(file, StandardCharsets.UTF_8, null) == 0) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        return check(file, GBK.charset, problems, "is neither valid UTF-8 nor valid GBK; save the statement in"
                + " one of them");
    }

    private static Optional<Charset> check(Path file, Charset charset, StatementProblems problems,
            String message) throws IOException {
        StatementProblems found = new StatementProblems();
        long invalid = invalidLines(file, charset, line -> found.add(line, null, null, message));
        if (invalid == 0) {
            return Optional.of(charset);
        }
        problems.addAll(found);
        return Optional.empty();
    }

    /** Receives the number of each line not valid in the charset. */
    private interface InvalidLine {
        void at(long line);
    }

    /**
     * Counts the physical lines of {@code file} that are not valid in {@code charset}, telling
     * {@code invalid} each one (or stopping at the first when it is null). Lines are split on the
     * byte 0x0A, which in UTF-8 and GBK only ever means a line feed, so a bad byte is named by the
     * line it is on.
     */
    private static long invalidLines(Path file, Charset charset, InvalidLine invalid) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[1 << 16];
        byte[] line = new byte[4096];
        CharBuffer chars = CharBuffer.allocate(line.length);
        int length = 0;
        long number = 0;
        long count = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i <= read; i++) {
                    boolean end = i < read && buffer[i] == '\n';
                    if (!end && i < read) {
                        continue;
                    }
                    int piece = i - start;
                    if (length + piece > line.length) {
                        if (length + piece > LINE_BYTES_MAX) {
                            throw new IOException("line " + (number + 1) + " is longer than " + LINE_BYTES_MAX
                                    + " bytes; is this a statement?");
                        }
                        line = Arrays.copyOf(line, Math.max(2 * line.length, length + piece));
                        chars = CharBuffer.allocate(line.length);
                    }
                    System.arraycopy(buffer, start, line, length, piece);
                    length += piece;
                    start = i + 1;
                    if (end) {
                        number++;
                        if (!valid(decoder, ByteBuffer.wrap(line, 0, length), chars) && report(++count, number,
                                invalid)) {
                            return count;
                        }
                        length = 0;
                    }
                }
            }
        }
        if (length > 0 && !valid(decoder, ByteBuffer.wrap(line, 0, length), chars)) {
            report(++count, number + 1, invalid);
        }
        return count;
    }

    /** Tells {@code invalid} of the bad line; whether to stop looking. */
    private static boolean report(long count, long number, InvalidLine invalid) {
        if (invalid == null) {
            return true;
        }
        invalid.at(number);
        return false;
    }

    private static boolean valid(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars) {
        decoder.reset();
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            return false;
        }
        return !decoder.flush(chars).isError();
    }
}
