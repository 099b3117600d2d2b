package org.casefunds.ledger.formats.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.casefunds.ledger.formats.tables.Cells;
import org.casefunds.ledger.formats.tables.Column;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.tables.Row;
import org.casefunds.ledger.formats.tables.Tone;
import org.dhatim.fastexcel.BorderSide;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.StyleSetter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Reports as an Excel workbook (.xlsx): the third rendering of a {@link ReportTable}, beside the
 * terminal's and the web page's, with the same headings and figures.
 *
 * <p>Each sheet holds one table, or several one under another (the weekly report's movements, what
 * is held at the end and the figures per handler), and optionally a few lines of text under them
 * (the journal's digest that ends the weekly report). Each table is written as its title in bold,
 * merged across its columns; its headings in bold on a grey fill; then its rows. The title and the
 * headings stay in view when a sheet of one table is scrolled. Cells are typed, so that finance can
 * add and sort them: amounts are numbers shown {@code #,##0.00} (as many decimals as the currency
 * has), counts whole numbers shown {@code #,##0}, dates Excel dates shown {@code yyyy-mm-dd}, decimal
 * figures plain numbers, words and case numbers text. An empty cell stays empty. An amount column
 * of one currency other than yuan names it in its heading ({@code 金额（USD）}); a column mixing
 * currencies shows each amount other than yuan with its code, as {@link Cells#amount} does. A row
 * marked red, yellow or green (the three-colour list, 三色预警) is filled light red, light yellow or
 * light green. A table without rows says its {@link ReportTable#whenEmpty()} sentence under the
 * headings. Columns are as wide as their widest cell, a Chinese character counting as two.
 *
 * <p>Amounts are written from {@link Money#getAmount()}, a {@link BigDecimal}, as their decimal
 * text: the file holds the exact amount. (Excel itself computes with 15 significant digits, which
 * holds every amount below 10<sup>13</sup> yuan to the fen.)
 *
 * <p>A workbook is immutable: {@link #table} and {@link #sheet} return a new workbook with one more
 * sheet. Sheet names are made valid for Excel ({@link #sheetName}) and unique: a name already taken,
 * in any case, gets a suffix {@code " (2)"}, {@code " (3)"}, ... instead of failing.
 *
 * <pre>{@code
 * ReportTables tables = ReportTables.in(Language.CHINESE);
 * ReportWorkbook.titled(weeklyTitle)
 *         .sheet("周报", List.of(tables.weeklyFlows(weekly), tables.weeklyHeld(weekly),
 *                 tables.handlers(weekly.handlers())), List.of(digestLine))
 *         .write(out);
 * }</pre>
 */
public final class ReportWorkbook {
    /** The application the workbook's properties name as having written it. */
    public static final String APPLICATION = "Casefunds Ledger";
    /** The longest sheet name Excel accepts, in UTF-16 characters. */
    public static final int SHEET_NAME_LENGTH_MAX = 31;
    /** The characters Excel refuses in a sheet name. */
    public static final String SHEET_NAME_FORBIDDEN = "[]:*?/\\";

    private static final CurrencyUnit YUAN = CurrencyUnit.of("CNY");
    private static final String COUNT_FORMAT = "#,##0";
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final String HEADING_FILL = "D9D9D9";
    private static final Map<Tone, String> TONE_FILLS = Map.of(Tone.RED, "FFC7CE", Tone.YELLOW, "FFEB9C",
            Tone.GREEN, "C6EFCE");
    private static final int TITLE_FONT_SIZE = 14;
    /** How much wider than its text a title in {@link #TITLE_FONT_SIZE} points is than body text. */
    private static final double TITLE_WIDTH_FACTOR = 1.3;
    private static final double COLUMN_WIDTH_MIN = 8;
    private static final double COLUMN_WIDTH_MAX = 80;
    private static final double COLUMN_PADDING = 2;
    /** Rows are handed to the output in batches of this many, so a long table does not stay in memory. */
    private static final int ROWS_PER_FLUSH = 1000;

    private final String title;
    private final List<Sheet> sheets;

    /** A sheet to write: its name (already valid and unique), its tables and the lines under them. */
    private record Sheet(String name, List<ReportTable> tables, List<String> footer) {
    }

    private ReportWorkbook(String title, List<Sheet> sheets) {
        this.title = title;
        this.sheets = List.copyOf(sheets);
    }

    /**
     * A workbook without sheets yet, whose properties carry {@code title}; add sheets with
     * {@link #table} and {@link #sheet}.
     *
     * @throws NullPointerException naming {@code title} when it is null
     */
    public static ReportWorkbook titled(String title) {
        return new ReportWorkbook(Objects.requireNonNull(title, "title"), List.of());
    }

    /**
     * A workbook of {@code tables}, one sheet per table, each named after its table's
     * {@link ReportTable#name()}.
     *
     * @throws NullPointerException naming the title or the table ({@code tables[2]}) that is null
     */
    public static ReportWorkbook of(String title, List<ReportTable> tables) {
        Objects.requireNonNull(tables, "tables");
        ReportWorkbook workbook = titled(title);
        for (int t = 0; t < tables.size(); t++) {
            workbook = workbook.table(Objects.requireNonNull(tables.get(t), "tables[" + t + "]"));
        }
        return workbook;
    }

    /**
     * This workbook with one more sheet holding {@code table}, named after its
     * {@link ReportTable#name()}.
     *
     * @throws NullPointerException naming {@code table} when it is null
     */
    public ReportWorkbook table(ReportTable table) {
        Objects.requireNonNull(table, "table");
        return sheet(table.name(), List.of(table), List.of());
    }

    /**
     * This workbook with one more sheet named {@code name} holding {@code tables} one under another,
     * a blank row between two.
     *
     * @throws NullPointerException naming the sheet name, the list or the table that is null
     * @throws IllegalArgumentException when {@code tables} is empty or the sheet would not fit in Excel
     */
    public ReportWorkbook sheet(String name, List<ReportTable> tables) {
        return sheet(name, tables, List.of());
    }

    /**
     * This workbook with one more sheet named {@code name} holding {@code tables} one under another,
     * a blank row between two, and {@code footer}'s lines of text under the last, after a blank row.
     * The name is made valid for Excel and unique in the workbook (see the class description).
     *
     * @throws NullPointerException naming the sheet name, a list, a table ({@code tables[1] of sheet
     *     '周报'}) or a line that is null
     * @throws IllegalArgumentException when {@code tables} is empty, or the sheet would have more rows
     *     or columns than Excel holds
     */
    public ReportWorkbook sheet(String name, List<ReportTable> tables, List<String> footer) {
        Objects.requireNonNull(name, "sheet name");
        Objects.requireNonNull(tables, "tables of sheet '" + name + "'");
        Objects.requireNonNull(footer, "footer of sheet '" + name + "'");
        for (int t = 0; t < tables.size(); t++) {
            Objects.requireNonNull(tables.get(t), "tables[" + t + "] of sheet '" + name + "'");
        }
        for (int l = 0; l < footer.size(); l++) {
            Objects.requireNonNull(footer.get(l), "footer[" + l + "] of sheet '" + name + "'");
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("sheet '" + name + "' has no table: give it at least one");
        }
        long rows = (tables.size() - 1) + (footer.isEmpty() ? 0 : 1 + footer.size());
        for (ReportTable table : tables) {
            rows += 2 + Math.max(1, table.rows().size());
            if (table.columns().size() > Worksheet.MAX_COLS) {
                throw new IllegalArgumentException("table " + table.name() + " of sheet '" + name + "' has "
                        + table.columns().size() + " columns; an Excel sheet holds at most " + Worksheet.MAX_COLS);
            }
        }
        if (rows > Worksheet.MAX_ROWS) {
            throw new IllegalArgumentException("sheet '" + name + "' needs " + rows
                    + " rows; an Excel sheet holds at most " + Worksheet.MAX_ROWS);
        }
        List<Sheet> more = new ArrayList<>(sheets);
        more.add(new Sheet(unique(sheetName(name)), List.copyOf(tables), List.copyOf(footer)));
        return new ReportWorkbook(title, more);
    }

    /** The title the workbook's properties carry. */
    public String title() {
        return title;
    }

    /** The sheets' names as Excel will show them, in order: valid and unique. */
    public List<String> sheetNames() {
        return sheets.stream().map(Sheet::name).toList();
    }

    /**
     * {@code wanted} made a valid Excel sheet name: each of {@code []:*?/\} and each control
     * character replaced by {@code _}, the spaces and apostrophes at either end removed (Excel refuses
     * a name beginning or ending with an apostrophe), cut to {@value #SHEET_NAME_LENGTH_MAX}
     * characters; {@code sheet} when nothing is left, and {@code History_} for {@code History}, which
     * Excel keeps for itself. Uniqueness is the workbook's business ({@link #sheet}).
     *
     * @throws NullPointerException when {@code wanted} is null
     */
    public static String sheetName(String wanted) {
        Objects.requireNonNull(wanted, "sheet name");
        StringBuilder valid = new StringBuilder();
        wanted.codePoints().forEach(c -> valid.appendCodePoint(
                SHEET_NAME_FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c) ? '_' : c));
        String name = trimEnds(cut(trimEnds(valid.toString()), SHEET_NAME_LENGTH_MAX));
        if (name.isEmpty()) {
            return "sheet";
        }
        return name.equalsIgnoreCase("History") ? name + "_" : name;
    }

    private static String trimEnds(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (Character.isWhitespace(name.charAt(start)) || name.charAt(start) == '\'')) {
            start++;
        }
        while (end > start && (Character.isWhitespace(name.charAt(end - 1)) || name.charAt(end - 1) == '\'')) {
            end--;
        }
        return name.substring(start, end);
    }

    /** The first {@code length} characters of {@code text}, never half of a character beyond the BMP. */
    private static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }

    /** {@code name}, or it with a suffix " (2)", " (3)", ... when a sheet already has it (in any case). */
    private String unique(String name) {
        Set<String> taken = new HashSet<>();
        sheets.forEach(sheet -> taken.add(sheet.name().toLowerCase(Locale.ROOT)));
        String candidate = name;
        for (int n = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            candidate = cut(name, SHEET_NAME_LENGTH_MAX - suffix.length()) + suffix;
        }
        return candidate;
    }

    /**
     * Writes the workbook to {@code out}, which stays open: the caller closes it.
     *
     * @throws IllegalStateException when the workbook has no sheet (Excel opens none without)
     * @throws IOException when {@code out} fails
     */
    public void write(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (sheets.isEmpty()) {
            throw new IllegalStateException("workbook '" + title + "' has no sheet: add a table before writing it");
        }
        Workbook workbook = new Workbook(out, APPLICATION, null);
        workbook.properties().setTitle(title);
        for (Sheet sheet : sheets) {
            writeSheet(workbook, sheet);
        }
        workbook.finish();
        out.flush();
    }

    private static void writeSheet(Workbook workbook, Sheet sheet) throws IOException {
        Worksheet worksheet = workbook.newWorksheet(sheet.name());
        List<Layout> layouts = sheet.tables().stream().map(Layout::of).toList();
        double[] widths = widths(layouts);
        for (int c = 0; c < widths.length; c++) {
            worksheet.width(c, widths[c]);
        }
        if (layouts.size() == 1) {
            worksheet.freezePane(0, 2);
        }
        int row = 0;
        for (int t = 0; t < layouts.size(); t++) {
            row = writeTable(worksheet, layouts.get(t), t == 0 ? row : row + 1);
        }
        if (!sheet.footer().isEmpty()) {
            row++;
            for (String line : sheet.footer()) {
                worksheet.value(row++, 0, line);
            }
        }
        worksheet.finish();
    }

    /** Writes the table from row {@code top} on; returns the first row under it. */
    private static int writeTable(Worksheet worksheet, Layout layout, int top) throws IOException {
        ReportTable table = layout.table();
        int span = Math.max(1, table.columns().size());
        worksheet.value(top, 0, table.title());
        worksheet.style(top, 0).bold().fontSize(TITLE_FONT_SIZE).horizontalAlignment("center").set();
        merge(worksheet, top, span);
        for (int c = 0; c < table.columns().size(); c++) {
            worksheet.value(top + 1, c, layout.headings().get(c));
            worksheet.style(top + 1, c).bold().fillColor(HEADING_FILL).horizontalAlignment("center")
                    .borderStyle(BorderSide.BOTTOM, BorderStyle.THIN).set();
        }
        int row = top + 2;
        if (table.isEmpty()) {
            worksheet.value(row, 0, table.whenEmpty());
            worksheet.style(row, 0).italic().set();
            merge(worksheet, row, span);
            return row + 1;
        }
        for (Row each : table.rows()) {
            String fill = TONE_FILLS.get(each.tone());
            for (int c = 0; c < table.columns().size(); c++) {
                writeCell(worksheet, row, c, each.cells().get(c), layout.namesCurrencies(c), fill);
            }
            row++;
            if ((row - top) % ROWS_PER_FLUSH == 0) {
                worksheet.flush();
            }
        }
        return row;
    }

    private static void merge(Worksheet worksheet, int row, int span) {
        if (span > 1) {
            worksheet.range(row, 0, row, span - 1).merge();
        }
    }

    /**
     * Writes one cell, typed; {@code withCurrency} when its column mixes currencies, so that an amount
     * other than yuan shows its code; {@code fill} the row's colour or null.
     */
    private static void writeCell(Worksheet worksheet, int row, int column, Object cell, boolean withCurrency,
            String fill) {
        String format = null;
        if (cell instanceof Money money) {
            worksheet.value(row, column, money.getAmount());
            format = amountFormat(money.getCurrencyUnit(), withCurrency && !money.getCurrencyUnit().equals(YUAN));
        } else if (cell instanceof Long count) {
            worksheet.value(row, column, count);
            format = COUNT_FORMAT;
        } else if (cell instanceof LocalDate date) {
            worksheet.value(row, column, date);
            format = DATE_FORMAT;
        } else if (cell instanceof BigDecimal decimal) {
            worksheet.value(row, column, decimal);
        } else if (cell instanceof String text && !text.isEmpty()) {
            worksheet.value(row, column, text);
        }
        if (format == null && fill == null) {
            return;
        }
        StyleSetter style = worksheet.style(row, column);
        if (format != null) {
            style = style.format(format);
        }
        if (fill != null) {
            style = style.fillColor(fill);
        }
        style.set();
    }

    /**
     * The number format of an amount in {@code currency}: thousands separators and the currency's
     * decimals ({@code #,##0.00} for yuan), its code before it when {@code withCurrency}
     * ({@code [$USD] #,##0.00;[$USD] -#,##0.00}, which shows {@code USD -2.25} as {@link Cells#amount} does).
     */
    static String amountFormat(CurrencyUnit currency, boolean withCurrency) {
        int decimals = Math.max(0, currency.getDecimalPlaces());
        String number = decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
        if (!withCurrency) {
            return number;
        }
        // Excel's currency token, not a quoted literal: fastexcel writes the format into the styles' XML as it is.
        String code = "[$" + currency.getCode() + "] ";
        return code + number + ";" + code + "-" + number;
    }

    /**
     * A table ready to write: its headings, an amount column's naming its one currency when not yuan,
     * and which amount columns mix currencies, so that each of their amounts other than yuan shows its
     * code.
     */
    private record Layout(ReportTable table, List<String> headings, Set<Integer> mixedCurrencyColumns) {

        static Layout of(ReportTable table) {
            List<String> headings = new ArrayList<>();
            Set<Integer> mixed = new HashSet<>();
            for (int c = 0; c < table.columns().size(); c++) {
                Column column = table.columns().get(c);
                Set<CurrencyUnit> currencies = new HashSet<>();
                if (column.kind() == Column.Kind.AMOUNT) {
                    for (Row row : table.rows()) {
                        if (row.cells().get(c) instanceof Money money) {
                            currencies.add(money.getCurrencyUnit());
                        }
                    }
                }
                String heading = column.heading();
                if (currencies.size() == 1 && !currencies.contains(YUAN)) {
                    String code = currencies.iterator().next().getCode();
                    heading = wide(heading) ? heading + "（" + code + "）" : heading + " (" + code + ")";
                } else if (currencies.size() > 1) {
                    mixed.add(c);
                }
                headings.add(heading);
            }
            return new Layout(table, List.copyOf(headings), Set.copyOf(mixed));
        }

        boolean namesCurrencies(int column) {
            return mixedCurrencyColumns.contains(column);
        }

        /** The text of a cell as wide as it shows. */
        String text(int row, int column) {
            Object cell = table.rows().get(row).cells().get(column);
            String text = table.text(row, column);
            if (cell instanceof Money money && !namesCurrencies(column) && !money.getCurrencyUnit().equals(YUAN)) {
                return text.substring(money.getCurrencyUnit().getCode().length() + 1);
            }
            return text;
        }
    }

    private static boolean wide(String text) {
        return text.codePoints().anyMatch(c -> width(c) == 2);
    }

    /** Each column's width: its widest heading or cell, widened when a title would not fit above. */
    private static double[] widths(List<Layout> layouts) {
        int columns = 1;
        for (Layout layout : layouts) {
            columns = Math.max(columns, layout.table().columns().size());
        }
        double[] widths = new double[columns];
        Arrays.fill(widths, COLUMN_WIDTH_MIN);
        for (Layout layout : layouts) {
            ReportTable table = layout.table();
            for (int c = 0; c < table.columns().size(); c++) {
                double widest = width(layout.headings().get(c));
                for (int r = 0; r < table.rows().size(); r++) {
                    widest = Math.max(widest, width(layout.text(r, c)));
                }
                widths[c] = Math.min(COLUMN_WIDTH_MAX, Math.max(widths[c], widest + COLUMN_PADDING));
            }
        }
        for (Layout layout : layouts) {
            int span = Math.max(1, layout.table().columns().size());
            widen(widths, span, width(layout.table().title()) * TITLE_WIDTH_FACTOR + COLUMN_PADDING);
            if (layout.table().isEmpty()) {
                widen(widths, span, width(layout.table().whenEmpty()) + COLUMN_PADDING);
            }
        }
        return widths;
    }

    /** Widens the first {@code span} columns evenly until together they are {@code needed} wide. */
    private static void widen(double[] widths, int span, double needed) {
        double have = 0;
        for (int c = 0; c < span; c++) {
            have += widths[c];
        }
        if (have >= needed) {
            return;
        }
        double more = Math.ceil((needed - have) / span);
        for (int c = 0; c < span; c++) {
            widths[c] = Math.min(COLUMN_WIDTH_MAX, widths[c] + more);
        }
    }

    /** How many column-width units {@code text} takes: two for a Chinese (wide) character, one otherwise. */
    static int width(String text) {
        return text.codePoints().map(ReportWorkbook::width).sum();
    }

    private static int width(int codePoint) {
        boolean wide = (codePoint >= 0x1100 && codePoint <= 0x115F) || (codePoint >= 0x2E80 && codePoint <= 0xA4CF)
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3) || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
                || (codePoint >= 0xFE30 && codePoint <= 0xFE4F) || (codePoint >= 0xFF00 && codePoint <= 0xFF60)
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6) || (codePoint >= 0x20000 && codePoint <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
