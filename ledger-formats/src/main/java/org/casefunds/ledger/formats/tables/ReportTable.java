package org.casefunds.ledger.formats.tables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.joda.money.Money;

/**
 * A report laid out as a table, in one language: a title, columns, rows and the notes that go under
 * it. The terminal, the spreadsheet and the web page each render the same table, so the three show
 * the same figures under the same headings; {@link ReportTables} makes one for each report.
 *
 * @param name a short name in English letters, stable across languages (a file or sheet name, an id)
 * @param title the title, in the table's language
 * @param columns the columns
 * @param rows the rows
 * @param whenEmpty what to say instead of an empty table, in the table's language
 */
public record ReportTable(String name, String title, List<Column> columns, List<Row> rows, String whenEmpty) {

    /** Checks every row has a cell per column, each of its column's type. */
    public ReportTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        Objects.requireNonNull(whenEmpty, "whenEmpty");
        for (int r = 0; r < rows.size(); r++) {
            List<Object> cells = rows.get(r).cells();
            if (cells.size() != columns.size()) {
                throw new IllegalArgumentException("table " + name + " row " + r + " has " + cells.size()
                        + " cells for " + columns.size() + " columns");
            }
            for (int c = 0; c < cells.size(); c++) {
                Object cell = cells.get(c);
                if (cell != null && !columns.get(c).kind().equals(kindOf(cell, columns.get(c).kind()))) {
                    throw new IllegalArgumentException("table " + name + " row " + r + " column '"
                            + columns.get(c).heading() + "' (" + columns.get(c).kind() + ") holds a "
                            + cell.getClass().getSimpleName());
                }
            }
        }
    }

    private static Column.Kind kindOf(Object cell, Column.Kind expected) {
        if (cell instanceof Money) {
            return Column.Kind.AMOUNT;
        }
        if (cell instanceof Long) {
            return Column.Kind.COUNT;
        }
        if (cell instanceof LocalDate) {
            return Column.Kind.DATE;
        }
        if (cell instanceof BigDecimal) {
            return Column.Kind.DECIMAL;
        }
        if (cell instanceof String) {
            return expected == Column.Kind.CASE ? Column.Kind.CASE : Column.Kind.TEXT;
        }
        return null;
    }

    /** Whether the table has no row. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The text of row {@code row}'s cell in column {@code column}, as {@link Cells#text} shows it. */
    public String text(int row, int column) {
        return Cells.text(rows.get(row).cells().get(column), columns.get(column).kind());
    }

    /** The headings, in order. */
    public List<String> headings() {
        List<String> headings = new ArrayList<>();
        columns.forEach(column -> headings.add(column.heading()));
        return headings;
    }
}
