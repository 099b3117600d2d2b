package org.casefunds.ledger.formats.statement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casefunds.ledger.base.LedgerException;
import org.joda.money.CurrencyUnit;

/**
 * A master account's bank statement in CSV (RFC 4180: commas, double quotes around a cell that
 * holds a comma, a quote or a line break), in UTF-8 or GBK. Lines starting with {@code #} are
 * comments; the first other line is the header, which names the columns (see {@link StatementField});
 * each further line is one transaction.
 *
 * <p>Opening the file checks its encoding and its header; {@link #read} then reads its lines, as
 * often as needed, streaming: every bad line is reported with its line number, field and value,
 * and the good ones are handed on one at a time.
 */
public final class StatementFile {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setIgnoreEmptyLines(true).get();

    private final Path path;
    private final Charset charset;
    private final Columns columns;
    private final StatementProblems problems;

    private StatementFile(Path path, Charset charset, Columns columns, StatementProblems problems) {
        this.path = path;
        this.charset = charset;
        this.columns = columns;
        this.problems = problems;
    }

    /** What reading the lines gave: how many records, how many were handed on, and the problems. */
    public record Reading(long records, long accepted, StatementProblems problems) {
    }

    /**
     * Opens {@code path}: finds its encoding and maps its header to fields, the headers in
     * {@code named} first. Problems with either are in {@link #problems()}.
     *
     * @throws IOException if the file cannot be read at all
     */
    public static StatementFile open(Path path, StatementEncoding encoding, Map<StatementField, String> named)
            throws IOException {
        StatementProblems problems = new StatementProblems();
        Optional<Charset> charset = encoding.resolve(path, problems);
        if (charset.isEmpty()) {
            return new StatementFile(path, null, null, problems);
        }
        try (CSVParser parser = parser(path, charset.get())) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                problems.add(0, null, null, "holds no header line (the first line that is not a # comment)");
                return new StatementFile(path, charset.get(), null, problems);
            }
            CSVRecord header = records.next();
            Optional<Columns> columns = Columns.map(header.toList(), named, firstLine(header, parser), problems);
            return new StatementFile(path, charset.get(), columns.orElse(null), problems);
        } catch (UncheckedIOException notCsv) {
            problems.add(0, null, null, "is not CSV: " + notCsv.getCause().getMessage());
            return new StatementFile(path, charset.get(), null, problems);
        }
    }

    /** The problems of the encoding and the header; when there are any, the lines cannot be read. */
    public StatementProblems problems() {
        return problems;
    }

    /** The charset the file is read with. */
    public Charset charset() {
        requireReadable();
        return charset;
    }

    /** Whether the statement names its master account in a column. */
    public boolean hasAccountColumn() {
        requireReadable();
        return columns.has(StatementField.ACCOUNT);
    }

    /** The master account the statement's first line naming one names, if any does. */
    public Optional<String> statedAccount() throws IOException {
        requireReadable();
        if (!columns.has(StatementField.ACCOUNT)) {
            return Optional.empty();
        }
        int column = columns.of(StatementField.ACCOUNT).get(0);
        try (CSVParser parser = parser(path, charset)) {
            Iterator<CSVRecord> records = parser.iterator();
            records.next();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                String account = column < record.size() ? record.get(column).strip() : "";
                if (!account.isEmpty()) {
                    return Optional.of(account);
                }
            }
        } catch (UncheckedIOException notCsv) {
            // Reading the lines names the line where the file stops being CSV.
        }
        return Optional.empty();
    }

    /**
     * Reads every line after the header, checks it, and hands each good one to {@code entries}, in
     * file order. Amounts are read in {@code currency}; a line naming another master account than
     * {@code account} is bad. When {@code entries} refuses a line with a {@link LedgerException},
     * that is one more problem of the line.
     */
    public Reading read(CurrencyUnit currency, String account, Consumer<StatementEntry> entries) throws IOException {
        requireReadable();
        StatementProblems found = new StatementProblems();
        long records = 0;
        long accepted = 0;
        try (CSVParser parser = parser(path, charset)) {
            Iterator<CSVRecord> iterator = parser.iterator();
            iterator.next();
            try {
                while (iterator.hasNext()) {
                    CSVRecord record = iterator.next();
                    long line = firstLine(record, parser);
                    Optional<StatementEntry> entry = new StatementRow(record, line, columns, currency, account, found)
                            .entry();
                    records += entry.isPresent() || !StatementRow.blank(record) ? 1 : 0;
                    if (entry.isPresent() && accept(entries, entry.get(), found)) {
                        accepted++;
                    }
                }
            } catch (UncheckedIOException notCsv) {
                found.add(parser.getCurrentLineNumber() + 1, null, null, "the file stops being CSV here: "
                        + notCsv.getCause().getMessage());
            }
        }
        return new Reading(records, accepted, found);
    }

    private static boolean accept(Consumer<StatementEntry> entries, StatementEntry entry, StatementProblems found) {
        try {
            entries.accept(entry);
            return true;
        } catch (LedgerException refused) {
            found.add(entry.line(), null, null, refused.getMessage());
            return false;
        }
    }

    private void requireReadable() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the statement has problems and cannot be read: " + problems.shown());
        }
    }

    /** A parser of the file: a strict decoder (the encoding was checked), without the byte-order mark. */
    private static CSVParser parser(Path path, Charset charset) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return FORMAT.parse(reader);
    }

    /**
     * The physical line a record starts on: the parser counts the line breaks it has read, which
     * ends at the record's last line, so the breaks inside quoted cells are taken back off.
     */
    private static long firstLine(CSVRecord record, CSVParser parser) {
        long breaks = 0;
        for (String value : record.values()) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return parser.getCurrentLineNumber() - breaks;
    }
}
