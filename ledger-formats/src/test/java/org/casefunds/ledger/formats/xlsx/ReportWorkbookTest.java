package org.casefunds.ledger.formats.xlsx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.formats.tables.Column;
import org.casefunds.ledger.formats.tables.Language;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.tables.ReportTables;
import org.casefunds.ledger.formats.tables.Row;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.Flow;
import org.casefunds.ledger.reports.HandlerFigures;
import org.casefunds.ledger.reports.PayoutTime;
import org.casefunds.ledger.reports.SubAccountUsage;
import org.casefunds.ledger.reports.WeeklyReport;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.testing.Fixtures;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Goal: a report opened in Excel shows what the terminal and the web page show, in cells finance
 * can compute with: the Chinese headings, every amount exactly the report's (a number shown
 * {@code #,##0.00}), counts and dates typed, the headings frozen, the three-colour list coloured,
 * valid and unique sheet names, and an empty table's sentence.
 *
 * <p>Method: report records made by hand, laid out in Chinese by {@link ReportTables}, written with
 * {@link ReportWorkbook} and read back with fastexcel-reader; what the reader does not expose (the
 * frozen pane, fills, merges, properties) is read from the workbook's XML parts. Amounts are also
 * checked as a property: random amounts in fen, negative, zero and up to 10<sup>15</sup>, survive
 * the round trip exactly.
 */
class ReportWorkbookTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    private static final LocalDate MONDAY = LocalDate.of(2025, 12, 22);
    private static final LocalDate SUNDAY = LocalDate.of(2025, 12, 28);
    private static final ReportTables CHINESE = ReportTables.in(Language.CHINESE);
    private static final int EXAMPLES = Integer.getInteger("property.examples", 200);

    @Test
    void theWeeklyReportIsOneSheetOfThreeTablesAndTheDigest() throws IOException {
        WeeklyReport weekly = weekly(CNY);
        String digest = "流水摘要 sha256:9f2c…e41a（第 1 至 4,812 条）";
        ReportWorkbook workbook = ReportWorkbook.titled("案款周报 2025-12-22 至 2025-12-28")
                .sheet("周报", List.of(CHINESE.weeklyFlows(weekly), CHINESE.weeklyHeld(weekly),
                        CHINESE.handlers(weekly.handlers())), List.of(digest));
        Xlsx xlsx = Xlsx.read(workbook);
        assertEquals(List.of("周报"), xlsx.sheetNames());
        List<List<Cell>> rows = xlsx.rows("周报");

        assertEquals("案款周报 2025-12-22 至 2025-12-28（CNY）", rows.get(0).get(0).asString());
        assertEquals(List.of("收支项目", "笔数", "金额"), texts(rows.get(1)));
        assertEquals("银行到账", rows.get(2).get(0).asString());
        Cell received = rows.get(2).get(2);
        assertEquals(CellType.NUMBER, received.getType());
        assertEquals(new BigDecimal("38505530.75"), received.asNumber());
        assertEquals("38505530.75", received.getRawValue(), "the amount's own digits, never a double's");
        assertEquals("#,##0.00", received.getDataFormatString());
        assertEquals(new BigDecimal("12"), rows.get(2).get(1).asNumber());
        assertEquals("#,##0", rows.get(2).get(1).getDataFormatString());
        assertEquals(new BigDecimal("0.00"), rows.get(7).get(2).asNumber(), "a zero is written, not left empty");

        // Six movements end on row 7; a blank row; what is held from row 9; a blank row; the handlers from row 13.
        assertTrue(rows.get(8).isEmpty());
        assertEquals("2025-12-28 期末结存", rows.get(9).get(0).asString());
        assertEquals(new BigDecimal("148"), rows.get(11).get(1).asNumber());
        assertEquals(new BigDecimal("20000.00"), rows.get(11).get(2).asNumber());
        assertEquals("承办人情况", rows.get(13).get(0).asString());
        assertEquals("张法官", rows.get(15).get(0).asString());
        assertEquals(new BigDecimal("2.5"), rows.get(15).get(7).asNumber());
        assertTrue(rows.get(16).isEmpty());
        assertEquals(digest, rows.get(17).get(0).asString());
        assertEquals(18, rows.size());

        String sheet = xlsx.part("xl/worksheets/sheet1.xml");
        assertFalse(sheet.contains("<pane"), "a sheet of several tables scrolls as a whole");
        assertTrue(sheet.contains("<mergeCell ref=\"A1:C1\"/>"), "the title is merged across its table");
        assertEquals("Casefunds Ledger", xlsx.element("docProps/app.xml", "Application"));
        assertEquals("案款周报 2025-12-22 至 2025-12-28", xlsx.element("docProps/core.xml", "dc:title"));
    }

    @Test
    void eachTableGetsASheetWithItsHeadingsFrozen() throws IOException {
        PayoutTime time = new PayoutTime(MONDAY, SUNDAY, CNY, 3, Money.parse("CNY 3000.00"),
                Optional.of(new BigDecimal("4.5")), Optional.empty(), 2, Optional.of(new BigDecimal("6")),
                Optional.of(new BigDecimal("6.2")), 3, Optional.of(new BigDecimal("100.0")),
                Optional.of(new BigDecimal("100.0")));
        SubAccountUsage usage = new SubAccountUsage(MONDAY, SUNDAY, CNY, 10, 7, 2, 1, Money.parse("CNY 100.00"),
                Money.parse("CNY 70.00"), Optional.of(new BigDecimal("70.0")), Optional.of(new BigDecimal("70.0")));
        ReportWorkbook workbook = ReportWorkbook.of("2025 年第 52 周", List.of(CHINESE.payoutTime(time),
                CHINESE.usage(usage)));
        assertEquals(List.of("payout-time", "usage"), workbook.sheetNames());
        Xlsx xlsx = Xlsx.read(workbook);
        assertEquals(List.of("payout-time", "usage"), xlsx.sheetNames());

        List<List<Cell>> payout = xlsx.rows("payout-time");
        assertEquals(List.of("通知发款笔数", "已通知发款", "到账至通知发款平均天数（按笔）"),
                texts(payout.get(1)).subList(0, 3));
        assertTrue(payout.get(1).stream().allMatch(cell -> cell.asString().codePoints()
                .anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)), "every heading is Chinese: " + texts(payout.get(1)));
        assertEquals(new BigDecimal("3000.00"), payout.get(2).get(1).asNumber());
        assertEquals(new BigDecimal("4.5"), payout.get(2).get(2).asNumber());
        assertTrue(empty(payout.get(2), 3), "an empty figure is an empty cell");
        assertEquals(new BigDecimal("100.0"), payout.get(2).get(9).asNumber());
        assertEquals(new BigDecimal("70.0"), xlsx.rows("usage").get(2).get(6).asNumber());

        for (String part : List.of("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml")) {
            assertTrue(xlsx.part(part).matches("(?s).*<pane [^>]*ySplit=\"2\"[^>]*state=\"frozen\".*"),
                    part + " keeps its title and headings in view");
        }
    }

    @Test
    void theThreeColourListIsColouredAndItsDatesAreDates() throws IOException {
        List<CaseLotStatus> list = List.of(
                line(1, "张法官", "1200000.00", LocalDate.of(2025, 11, 3), LotStatus.State.OVERDUE, -3, false),
                line(2, "李法官", "5000.50", LocalDate.of(2025, 12, 1), LotStatus.State.NEAR_DEADLINE, 2, false),
                line(3, "王法官", "88.00", SUNDAY, LotStatus.State.IN_TIME, 30, true));
        Xlsx xlsx = Xlsx.read(ReportWorkbook.of("三色预警", List.of(CHINESE.threeColourList(SUNDAY, list))));
        List<List<Cell>> rows = xlsx.rows("three-colour-list");
        assertEquals("2025-12-28 三色预警清单", rows.get(0).get(0).asString());
        assertEquals("超期", rows.get(2).get(0).asString());
        assertEquals("（2025）京02执1号", rows.get(2).get(1).asString());
        assertEquals(new BigDecimal("1200000.00"), rows.get(2).get(3).asNumber());

        Cell arrived = rows.get(2).get(4);
        assertEquals(CellType.NUMBER, arrived.getType(), "a date is an Excel date, not text");
        assertEquals("yyyy-mm-dd", arrived.getDataFormatString());
        assertEquals(LocalDate.of(2025, 11, 3), arrived.asDate().toLocalDate());
        assertEquals(new BigDecimal("-3"), rows.get(2).get(6).asNumber());
        assertTrue(empty(rows.get(2), 7), "an empty note stays empty");

        assertEquals("FFC7CE", xlsx.fill("xl/worksheets/sheet1.xml", "A3"), "the red row is light red");
        assertEquals("FFC7CE", xlsx.fill("xl/worksheets/sheet1.xml", "H3"), "to its last cell, empty or not");
        assertEquals("FFEB9C", xlsx.fill("xl/worksheets/sheet1.xml", "D4"), "the yellow row is light yellow");
        assertEquals("C6EFCE", xlsx.fill("xl/worksheets/sheet1.xml", "E5"), "the green row is light green");
        assertEquals("D9D9D9", xlsx.fill("xl/worksheets/sheet1.xml", "A2"), "the headings are shaded");
        assertEquals(null, xlsx.fill("xl/worksheets/sheet1.xml", "A1"));
    }

    @Test
    void anEmptyTableWritesItsSentenceUnderTheHeadings() throws IOException {
        Xlsx xlsx = Xlsx.read(ReportWorkbook.of("三色预警", List.of(CHINESE.threeColourList(SUNDAY, List.of()))));
        List<List<Cell>> rows = xlsx.rows("three-colour-list");
        assertEquals(List.of("预警", "案号", "承办人", "金额", "到账日期", "发放期限", "剩余工作日", "备注"),
                texts(rows.get(1)));
        assertEquals("没有超期、临期或新到账的款项。", rows.get(2).get(0).asString());
        assertEquals(3, rows.size());
        assertTrue(xlsx.part("xl/worksheets/sheet1.xml").contains("<mergeCell ref=\"A3:H3\"/>"));
    }

    @Test
    void anAmountOtherThanYuanNamesItsCurrencyAndKeepsItsDecimals() throws IOException {
        WeeklyReport dollars = weekly(CurrencyUnit.USD);
        ReportTable yen = new ReportTable("yen", "日元", List.of(new Column("金额", Column.Kind.AMOUNT)),
                List.of(Row.of(Money.parse("JPY 1200"))), "无");
        ReportTable mixed = new ReportTable("mixed", "Mixed", List.of(new Column("amount", Column.Kind.AMOUNT)),
                List.of(Row.of(Money.parse("CNY 1.50")), Row.of(Money.parse("USD -2.25")), Row.of((Object) null)),
                "none");
        Xlsx xlsx = Xlsx.read(ReportWorkbook.of("外币", List.of(CHINESE.weeklyFlows(dollars), yen, mixed)));

        List<List<Cell>> weekly = xlsx.rows("weekly");
        assertEquals("金额（USD）", weekly.get(1).get(2).asString());
        assertEquals("#,##0.00", weekly.get(2).get(2).getDataFormatString());
        assertEquals(new BigDecimal("38505530.75"), weekly.get(2).get(2).asNumber());
        assertEquals("金额（JPY）", xlsx.rows("yen").get(1).get(0).asString());
        assertEquals("#,##0", xlsx.rows("yen").get(2).get(0).getDataFormatString());
        assertEquals(new BigDecimal("1200"), xlsx.rows("yen").get(2).get(0).asNumber());

        List<List<Cell>> rows = xlsx.rows("mixed");
        assertEquals("amount", rows.get(1).get(0).asString(), "a column of several currencies names none");
        assertEquals("#,##0.00", rows.get(2).get(0).getDataFormatString());
        assertEquals("[$USD] #,##0.00;[$USD] -#,##0.00", rows.get(3).get(0).getDataFormatString());
        assertEquals(new BigDecimal("-2.25"), rows.get(3).get(0).asNumber());
        assertTrue(rows.size() < 5 || empty(rows.get(4), 0));
    }

    @Test
    void aLongTableIsWrittenWholeWithATableUnderIt() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (long n = 1; n <= 2_500; n++) {
            rows.add(Row.of(Money.ofMinor(CNY, n * 101), n, MONDAY.plusDays(n)));
        }
        ReportTable longTable = new ReportTable("long", "长表", List.of(new Column("金额", Column.Kind.AMOUNT),
                new Column("序号", Column.Kind.COUNT), new Column("日期", Column.Kind.DATE)), rows, "无");
        ReportTable after = CHINESE.weeklyHeld(weekly(CNY));
        List<List<Cell>> read = Xlsx.read(ReportWorkbook.titled("长表").sheet("长表", List.of(longTable, after)))
                .rows("长表");
        assertEquals(2 + 2_500 + 1 + 3, read.size());
        assertEquals(new BigDecimal("2525.00"), read.get(2 + 2_499).get(0).asNumber());
        assertEquals(MONDAY.plusDays(2_500), read.get(2 + 2_499).get(2).asDate().toLocalDate());
        assertEquals("2025-12-28 期末结存", read.get(2 + 2_500 + 1).get(0).asString());
        assertEquals(new BigDecimal("38505530.75"), read.get(2 + 2_500 + 3).get(0).asNumber());
    }

    @Test
    void sheetNamesAreMadeValidForExcelAndUnique() throws IOException {
        assertEquals("a_b__c_d_e_f_g", ReportWorkbook.sheetName("a[b]:c*d?e/f\\g"));
        assertEquals("quoted", ReportWorkbook.sheetName(" 'quoted' "));
        assertEquals("sheet", ReportWorkbook.sheetName("  "));
        assertEquals("History_", ReportWorkbook.sheetName("History"), "Excel keeps History for itself");
        assertEquals("history_", ReportWorkbook.sheetName("history"));
        assertEquals("tab_here", ReportWorkbook.sheetName("tab\there"));
        String long40 = "large-balances-of-the-month-2025-12-over";
        assertEquals(long40.substring(0, 31), ReportWorkbook.sheetName(long40));
        assertEquals(31, ReportWorkbook.sheetName("案".repeat(40)).length());
        String emoji = "a".repeat(30) + "\uD83D\uDCB0";
        assertEquals("a".repeat(30), ReportWorkbook.sheetName(emoji), "never half a character");

        ReportTable weekly = CHINESE.weeklyFlows(weekly(CNY));
        ReportWorkbook workbook = ReportWorkbook.titled("名称").table(weekly).table(weekly)
                .sheet("WEEKLY", List.of(weekly)).sheet(long40, List.of(weekly)).sheet(long40, List.of(weekly))
                .sheet("3/4 周报?", List.of(weekly));
        List<String> expected = List.of("weekly", "weekly (2)", "WEEKLY (3)", long40.substring(0, 31),
                long40.substring(0, 27) + " (2)", "3_4 周报_");
        assertEquals(expected, workbook.sheetNames());
        assertEquals(expected, Xlsx.read(workbook).sheetNames(), "Excel shows the names given");
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        ReportTable weekly = CHINESE.weeklyFlows(weekly(CNY));
        assertEquals("title", assertThrows(NullPointerException.class, () -> ReportWorkbook.titled(null))
                .getMessage());
        ReportWorkbook workbook = ReportWorkbook.titled("周报");
        assertEquals("table", assertThrows(NullPointerException.class, () -> workbook.table(null)).getMessage());
        assertEquals("tables[1] of sheet '周报'", assertThrows(NullPointerException.class,
                () -> workbook.sheet("周报", Arrays.asList(weekly, null))).getMessage());
        assertEquals("tables[0]", assertThrows(NullPointerException.class,
                () -> ReportWorkbook.of("周报", Arrays.asList((ReportTable) null))).getMessage());
        assertEquals("footer[0] of sheet '周报'", assertThrows(NullPointerException.class,
                () -> workbook.sheet("周报", List.of(weekly), Arrays.asList((String) null))).getMessage());
        assertEquals("sheet '周报' has no table: give it at least one", assertThrows(
                IllegalArgumentException.class, () -> workbook.sheet("周报", List.of())).getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> workbook.write(new ByteArrayOutputStream()));
        assertEquals("workbook '周报' has no sheet: add a table before writing it", empty.getMessage());
        assertEquals(List.of(), workbook.sheetNames(), "adding a sheet leaves the workbook as it was");
    }

    @Test
    void everyAmountSurvivesTheRoundTripExactly() {
        long limit = 1_000_000_000_000_000L;
        List<Long> edges = List.of(0L, 1L, -1L, 99L, -100L, limit, -limit, limit - 1, -(limit - 1));
        assertRoundTrip(edges, CNY);
        List<CurrencyUnit> currencies = List.of(CNY, CurrencyUnit.USD, CurrencyUnit.JPY, CurrencyUnit.of("BHD"));
        qt().withExamples(EXAMPLES)
                .forAll(lists().of(longs().between(-limit, limit)).ofSizeBetween(1, 30),
                        integers().between(0, currencies.size() - 1))
                .checkAssert((minors, currency) -> assertRoundTrip(minors, currencies.get(currency)));
    }

    private static void assertRoundTrip(List<Long> minors, CurrencyUnit currency) {
        List<Row> rows = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        for (long minor : minors) {
            Money money = Money.ofMinor(currency, minor);
            rows.add(Row.of(money, minor));
            amounts.add(money.getAmount());
        }
        ReportTable table = new ReportTable("amounts", "金额", List.of(new Column("金额", Column.Kind.AMOUNT),
                new Column("分", Column.Kind.COUNT)), rows, "无");
        try {
            List<List<Cell>> read = Xlsx.read(ReportWorkbook.of("金额", List.of(table))).rows("amounts");
            for (int r = 0; r < amounts.size(); r++) {
                Cell amount = read.get(r + 2).get(0);
                assertEquals(amounts.get(r), amount.asNumber(), "amount " + amounts.get(r));
                assertEquals(amounts.get(r).toPlainString(), amount.getRawValue(), "the file holds the decimal text");
                assertEquals(BigDecimal.valueOf(minors.get(r)), read.get(r + 2).get(1).asNumber());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WeeklyReport weekly(CurrencyUnit currency) {
        HandlerFigures zhang = new HandlerFigures("张法官", 3, flow(currency, 5, "800000.00"),
                flow(currency, 4, "600000.00"), flow(currency, 4, "600000.00"), money(currency, "200000.00"),
                money(currency, "0.00"), Optional.of(new BigDecimal("2.5")));
        return new WeeklyReport(MONDAY, SUNDAY, currency, flow(currency, 12, "38505530.75"),
                flow(currency, 1, "500.00"), flow(currency, 9, "1200000.00"), flow(currency, 8, "1000000.00"),
                flow(currency, 0, "0.00"), flow(currency, 0, "0.00"), money(currency, "38505530.75"),
                money(currency, "20000.00"), money(currency, "200000.00"), 148, List.of(zhang));
    }

    private static Flow flow(CurrencyUnit currency, int count, String amount) {
        return new Flow(count, money(currency, amount));
    }

    private static Money money(CurrencyUnit currency, String amount) {
        return Money.of(currency, new BigDecimal(amount));
    }

    private static CaseLotStatus line(int n, String handler, String amount, LocalDate arrived, LotStatus.State state,
            int daysLeft, boolean newlyArrived) {
        Money money = Money.parse("CNY " + amount);
        Lot lot = new Lot(new LotId(n, 1), AccountId.ofCase(Fixtures.caseNumber(n)), money, money, arrived, arrived,
                arrived, "receipt-" + n, arrived, Lot.Origin.RECEIPT);
        return new CaseLotStatus(Fixtures.caseNumber(n), handler,
                new LotStatus(lot, money, arrived.plusDays(30), state, daysLeft, newlyArrived, Optional.empty(),
                        false));
    }

    private static List<String> texts(List<Cell> row) {
        return row.stream().map(cell -> cell == null ? null : cell.getText()).toList();
    }

    private static boolean empty(List<Cell> row, int column) {
        return column >= row.size() || row.get(column) == null || row.get(column).getType() == CellType.EMPTY;
    }

    /** A written workbook, read back: its sheets' cells through fastexcel-reader, and its XML parts. */
    private record Xlsx(List<String> sheetNames, Map<String, List<List<Cell>>> sheets,
            Map<String, String> parts) {

        static Xlsx read(ReportWorkbook workbook) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return read(out.toByteArray());
        }

        static Xlsx read(byte[] bytes) throws IOException {
            List<String> names = new ArrayList<>();
            Map<String, List<List<Cell>>> sheets = new HashMap<>();
            try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes),
                    new ReadingOptions(true, false))) {
                for (Sheet sheet : workbook.getSheets().toList()) {
                    names.add(sheet.getName());
                    List<List<Cell>> rows = new ArrayList<>();
                    for (org.dhatim.fastexcel.reader.Row row : sheet.read()) {
                        while (rows.size() < row.getRowNum() - 1) {
                            rows.add(List.of());
                        }
                        List<Cell> cells = new ArrayList<>();
                        for (int c = 0; c < row.getCellCount(); c++) {
                            cells.add(row.getCell(c));
                        }
                        rows.add(cells);
                    }
                    sheets.put(sheet.getName(), rows);
                }
            }
            // Read through the central directory: the entries are streamed with Zip64 data descriptors,
            // which ZipInputStream does not follow.
            Map<String, String> parts = new HashMap<>();
            Path file = Files.createTempFile("report", ".xlsx");
            try {
                Files.write(file, bytes);
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            parts.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            } finally {
                Files.delete(file);
            }
            return new Xlsx(List.copyOf(names), sheets, parts);
        }

        List<List<Cell>> rows(String sheet) {
            return sheets.get(sheet);
        }

        String part(String name) {
            assertTrue(parts.containsKey(name), name + " in " + parts.keySet());
            return parts.get(name);
        }

        /** The text of the first element named {@code tag} in a part. */
        String element(String name, String tag) {
            return xml(part(name)).getElementsByTagName(tag).item(0).getTextContent();
        }

        /** The fill colour of cell {@code ref} (A3) of a sheet part, null when it has none. */
        String fill(String sheetPart, String ref) {
            Document sheet = xml(part(sheetPart));
            NodeList cells = sheet.getElementsByTagName("c");
            String style = null;
            for (int i = 0; i < cells.getLength(); i++) {
                Element cell = (Element) cells.item(i);
                if (cell.getAttribute("r").equals(ref)) {
                    style = cell.getAttribute("s");
                }
            }
            if (style == null || style.isEmpty()) {
                return null;
            }
            Document styles = xml(part("xl/styles.xml"));
            Element cellXfs = (Element) styles.getElementsByTagName("cellXfs").item(0);
            Element xf = (Element) cellXfs.getElementsByTagName("xf").item(Integer.parseInt(style));
            Element fills = (Element) styles.getElementsByTagName("fills").item(0);
            int fillId = Integer.parseInt(xf.getAttribute("fillId"));
            Element fill = (Element) fills.getElementsByTagName("fill").item(fillId);
            NodeList colours = fill.getElementsByTagName("fgColor");
            return colours.getLength() == 0 ? null : ((Element) colours.item(0)).getAttribute("rgb");
        }

        private static Document xml(String text) {
            try {
                return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException("unreadable XML part", e);
            }
        }
    }
}
