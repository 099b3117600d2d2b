package org.casefunds.ledger.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file shipped inside the library (a class-path resource, never a file of the court's):
 * its lines without comments and blank lines, each with its line number, and the one error every
 * reader of such a file throws. A broken shipped file is a defect of the build, so it fails loudly.
 */
final class DataFile {
    private final String name;
    private final List<Line> lines;

    /** One meaningful line: its number in the file and its words (split on white space). */
    record Line(int number, String[] words, String text) {
    }

    private DataFile(String name, List<Line> lines) {
        this.name = name;
        this.lines = lines;
    }

    /** Reads the resource {@code name} beside this class. */
    static DataFile read(String name) {
        try (InputStream in = DataFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the library's data file " + name + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Line> lines = new ArrayList<>();
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                String content = text.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                lines.add(new Line(number, content.split("\\s+"), content));
            }
            return new DataFile(name, List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("the library's data file " + name + " could not be read", e);
        }
    }

    List<Line> lines() {
        return lines;
    }

    LocalDate date(Line line, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw broken(line, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    IllegalStateException broken(Line line, String problem) {
        return new IllegalStateException("the library's data file " + name + ", line " + line.number() + ": "
                + problem + "; the jar is damaged or was built from a broken file");
    }
}
