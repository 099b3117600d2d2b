package org.casefunds.ledger.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code china-official.txt}, the State Council's schedules shipped with the library: one
 * {@link CalendarYear} of kind {@link CalendarSource.Kind#OFFICIAL} a year, each with the documents
 * it comes from. The format is described at the top of the file and in {@code docs/calendar.md}.
 */
final class OfficialSchedules {
    /** The resource name, beside this class. */
    static final String RESOURCE = "china-official.txt";

    private OfficialSchedules() {
    }

    /** Every year of the file, ascending. */
    static List<CalendarYear> china() {
        DataFile file = DataFile.read(RESOURCE);
        List<CalendarYear> years = new ArrayList<>();
        YearBuilder current = null;
        for (DataFile.Line line : file.lines()) {
            String[] words = line.words();
            switch (words[0]) {
                case "year":
                    if (current != null) {
                        years.add(current.build(file));
                    }
                    current = new YearBuilder(line, parseYear(file, line));
                    break;
                case "document":
                    requireYear(file, line, current).documents.add(document(file, line));
                    break;
                case "rest":
                    YearBuilder year = requireYear(file, line, current);
                    addRange(file, line, year.rest);
                    break;
                case "work":
                    requireYear(file, line, current).work.add(file.date(line, word(file, line, 1)));
                    break;
                default:
                    throw file.broken(line, "'" + words[0] + "' is not one of year, document, rest, work");
            }
        }
        if (current != null) {
            years.add(current.build(file));
        }
        return List.copyOf(years);
    }

    private static final class YearBuilder {
        final DataFile.Line line;
        final int year;
        final List<CalendarSource.Document> documents = new ArrayList<>();
        final List<LocalDate> rest = new ArrayList<>();
        final List<LocalDate> work = new ArrayList<>();

        YearBuilder(DataFile.Line line, int year) {
            this.line = line;
            this.year = year;
        }

        CalendarYear build(DataFile file) {
            try {
                return CalendarYear.of(year, rest, work, CalendarSource.official(documents));
            } catch (RuntimeException invalid) {
                throw file.broken(line, "year " + year + ": " + invalid.getMessage());
            }
        }
    }

    private static YearBuilder requireYear(DataFile file, DataFile.Line line, YearBuilder current) {
        if (current == null) {
            throw file.broken(line, "a 'year' line comes first");
        }
        return current;
    }

    private static int parseYear(DataFile file, DataFile.Line line) {
        try {
            return Integer.parseInt(word(file, line, 1));
        } catch (NumberFormatException e) {
            throw file.broken(line, "'" + line.words()[1] + "' is not a year");
        }
    }

    private static String word(DataFile file, DataFile.Line line, int index) {
        if (line.words().length <= index) {
            throw file.broken(line, "the line is too short");
        }
        return line.words()[index];
    }

    /** {@code document DATE|- NUMBER|- TITLE}: the title is the rest of the line. */
    private static CalendarSource.Document document(DataFile file, DataFile.Line line) {
        String[] parts = line.text().split("\\s+", 4);
        if (parts.length < 4) {
            throw file.broken(line, "a document line is: document DATE NUMBER TITLE ('-' for an unknown date or number)");
        }
        Optional<LocalDate> date = parts[1].equals("-") ? Optional.empty() : Optional.of(file.date(line, parts[1]));
        Optional<String> number = parts[2].equals("-") ? Optional.empty() : Optional.of(parts[2]);
        return new CalendarSource.Document(date, number, parts[3]);
    }

    /** {@code rest FROM[..TO] [NAME]}. */
    private static void addRange(DataFile file, DataFile.Line line, List<LocalDate> days) {
        String range = word(file, line, 1);
        int dots = range.indexOf("..");
        LocalDate from = file.date(line, dots < 0 ? range : range.substring(0, dots));
        LocalDate to = dots < 0 ? from : file.date(line, range.substring(dots + 2));
        if (to.isBefore(from) || to.isAfter(from.plusDays(31))) {
            throw file.broken(line, "the range " + range + " runs backwards or is longer than a month");
        }
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
    }
}
