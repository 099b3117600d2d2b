package org.casefunds.ledger.formats.statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in a statement file, each naming its line, field and value. All are counted;
 * the first {@link #SHOWN_MAX} are kept, so that a file of a million bad lines still reports in a
 * small heap.
 */
public final class StatementProblems {
    /** How many problems are kept for the report; the count beyond stays exact. */
    public static final int SHOWN_MAX = 1_000;

    /** One problem: the line (0 for the file as a whole), the field and value if one is at fault, and why. */
    public record Problem(long line, String field, String value, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line : "the file") + (field == null ? "" : ", " + field)
                    + (value == null ? "" : " '" + value + "'") + ": " + message;
        }
    }

    private final List<Problem> shown = new ArrayList<>();
    private long count;

    /** Adds a problem; {@code field} and {@code value} may be null. */
    public void add(long line, String field, String value, String message) {
        count++;
        if (shown.size() < SHOWN_MAX) {
            shown.add(new Problem(line, field, value, message));
        }
    }

    void addAll(StatementProblems other) {
        other.shown.forEach(problem -> add(problem.line(), problem.field(), problem.value(), problem.message()));
        count += other.count - other.shown.size();
    }

    /** How many problems were found, exactly. */
    public long count() {
        return count;
    }

    /** Whether none was. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The first problems, at most {@link #SHOWN_MAX}, in file order. */
    public List<Problem> shown() {
        return List.copyOf(shown);
    }
}
