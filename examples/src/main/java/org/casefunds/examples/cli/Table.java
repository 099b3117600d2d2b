package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.formats.tables.Column;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.tables.Tone;
import picocli.CommandLine;

/**
 * A plain-text table for the terminal: columns padded to the widest cell, numbers to the right.
 * Chinese characters count two columns, as terminals show them. A cell may be picocli's coloured
 * text ({@link CommandLine.Help.Ansi.Text}): it is padded by the width of its letters, and shows its
 * colours only where its {@link CommandLine.Help.Ansi} is enabled.
 */
final class Table {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<Cell>> rows = new ArrayList<>();

    /** A cell's text as it takes room, and as it is printed (with colour codes, if any). */
    private record Cell(String plain, String shown) {
    }

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
        List<Cell> row = new ArrayList<>();
        for (Object cell : cells) {
            if (cell instanceof CommandLine.Help.Ansi.Text text) {
                row.add(new Cell(text.plainString(), text.toString()));
            } else {
                String plain = cell == null ? "" : cell.toString();
                row.add(new Cell(plain, plain));
            }
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints {@code table} without colours; see {@link #print(ReportTable, PrintWriter, CommandLine.Help.Ansi)}. */
    static void print(ReportTable table, PrintWriter out) {
        print(table, out, CommandLine.Help.Ansi.OFF);
    }

    /**
     * Prints {@code table}: its title, then its columns (figures to the right, amounts with thousands
     * separators, as {@link org.casefunds.ledger.formats.tables.Cells} writes them) or the sentence it
     * says when it has no row. A row marked red, yellow or green has its first cell in that colour where
     * {@code ansi} is enabled (a terminal, no NO_COLOR).
     */
    static void print(ReportTable table, PrintWriter out, CommandLine.Help.Ansi ansi) {
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
            String colour = colour(table.rows().get(row).tone());
            if (colour != null && !cells[0].toString().isEmpty()) {
                cells[0] = ansi.text("@|" + colour + " " + cells[0] + "|@");
            }
            text.row(cells);
        }
        text.print(out);
    }

    private static String colour(Tone tone) {
        switch (tone) {
            case RED:
                return "red";
            case YELLOW:
                return "yellow";
            case GREEN:
                return "green";
            default:
                return null;
        }
    }

    /** Prints the rows only, without headers, in the columns' widths. */
    private void printBody(PrintWriter out) {
        int[] widths = widths();
        for (List<Cell> row : rows) {
            line(out, row, widths);
        }
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
        }
        for (List<Cell> row : rows) {
            for (int i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i).plain()));
            }
        }
        return widths;
    }

    void print(PrintWriter out) {
        int[] widths = widths();
        line(out, headers.stream().map(header -> new Cell(header, header)).toList(), widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<Cell> row : rows) {
            line(out, row, widths);
        }
    }

    private void line(PrintWriter out, List<Cell> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            Cell cell = i < cells.size() ? cells.get(i) : new Cell("", "");
            String padding = " ".repeat(widths[i] - width(cell.plain()));
            text.append(i == 0 ? "" : "  ").append(right[i] ? padding + cell.shown() : cell.shown() + padding);
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
