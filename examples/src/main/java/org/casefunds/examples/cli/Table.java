package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.formats.tables.Column;
import org.casefunds.ledger.formats.tables.ReportTable;

/**
 * A plain-text table for the terminal: columns padded to the widest cell, numbers to the right.
 * Chinese characters count two columns, as terminals show them.
 */
final class Table {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these headers; a header starting with '>' is right-aligned (the '>' is dropped). */
    Table(String... headers) {
        this.headers = new ArrayList<>();
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers.add(right[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Prints {@code table}: its title, then its columns (figures to the right, amounts with thousands
     * separators, as {@link org.casefunds.ledger.formats.tables.Cells} writes them) or the sentence it
     * says when it has no row.
     */
    static void print(ReportTable table, PrintWriter out) {
        out.println(table.title());
        if (table.isEmpty()) {
            out.println(table.whenEmpty());
            return;
        }
        if (table.rows().size() == 1 && table.columns().size() > 4) {
            // One row of many figures reads better down the page: a figure per line.
            Table figures = new Table("", ">");
            for (int column = 0; column < table.columns().size(); column++) {
                figures.row(table.columns().get(column).heading(), table.text(0, column));
            }
            figures.printBody(out);
            return;
        }
        String[] headers = new String[table.columns().size()];
        for (int i = 0; i < headers.length; i++) {
            Column column = table.columns().get(i);
            headers[i] = (column.figures() ? ">" : "") + column.heading();
        }
        Table text = new Table(headers);
        for (int row = 0; row < table.rows().size(); row++) {
            Object[] cells = new Object[headers.length];
            for (int column = 0; column < headers.length; column++) {
                cells[column] = table.text(row, column);
            }
            text.row(cells);
        }
        text.print(out);
    }

    /** Prints the rows only, without headers, in the columns' widths. */
    private void printBody(PrintWriter out) {
        int[] widths = widths();
        for (List<String> row : rows) {
            line(out, row, widths);
        }
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        return widths;
    }

    void print(PrintWriter out) {
        int[] widths = widths();
        line(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
    }

    private void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            String padding = " ".repeat(widths[i] - width(cell));
            text.append(i == 0 ? "" : "  ").append(right[i] ? padding + cell : cell + padding);
        }
        out.println(text.toString().stripTrailing());
    }

    /** Display width: East Asian wide and full-width characters take two columns. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            boolean wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                    || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                    || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
            width += wide ? 2 : 1;
        }
        return width;
    }
}
