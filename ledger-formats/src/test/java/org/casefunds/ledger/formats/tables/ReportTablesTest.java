package org.casefunds.ledger.formats.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.reports.DeferralWatch;
import org.casefunds.ledger.reports.Flow;
import org.casefunds.ledger.reports.LargeBalance;
import org.casefunds.ledger.reports.PayoutTime;
import org.casefunds.ledger.reports.SubAccountUsage;
import org.casefunds.ledger.reports.WeeklyReport;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.unidentified.Suggestion;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: the reports read the same in every rendering and both languages say everything: amounts
 * with thousands separators, the two label files with the same keys, a Chinese name for every state,
 * reason, role and event kind a finance officer sees, and a table that refuses a cell of the wrong
 * kind.
 *
 * <p>Method: report records made by hand, laid out in both languages; the label files read as
 * properties and compared key by key.
 */
class ReportTablesTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    private static final LocalDate MONDAY = LocalDate.of(2025, 12, 22);
    private static final LocalDate SUNDAY = LocalDate.of(2025, 12, 28);

    @Test
    void amountsHaveThousandsSeparatorsAndTheirMinorDigits() {
        assertEquals("38,505,530.75", Cells.amount(Money.parse("CNY 38505530.75")));
        assertEquals("0.00", Cells.amount(Money.zero(CNY)));
        assertEquals("-1,000.50", Cells.amount(Money.parse("CNY -1000.5")));
        assertEquals("USD 1,234,567.89", Cells.amount(Money.parse("USD 1234567.89")));
        assertEquals("JPY 1,200", Cells.amount(Money.parse("JPY 1200")));
        assertEquals("12,345", Cells.text(12_345L, Column.Kind.COUNT));
        assertEquals("97.5", Cells.text(new BigDecimal("97.5"), Column.Kind.DECIMAL));
        assertEquals("", Cells.text(null, Column.Kind.AMOUNT));
    }

    @Test
    void bothLabelFilesHaveTheSameKeys() throws IOException {
        Properties english = read("labels.properties");
        Properties chinese = read("labels_zh.properties");
        Set<Object> onlyEnglish = new java.util.TreeSet<>(english.keySet());
        onlyEnglish.removeIf(key -> chinese.containsKey(key) || key.toString().startsWith("enum."));
        assertEquals(Set.of(), onlyEnglish, "keys with no Chinese text");
        Set<Object> onlyChinese = new java.util.TreeSet<>(chinese.keySet());
        onlyChinese.removeIf(key -> english.containsKey(key) || key.toString().startsWith("enum."));
        assertEquals(Set.of(), onlyChinese, "keys with no English text");
    }

    @Test
    void everyNameFinanceSeesIsWrittenInChinese() throws IOException {
        Properties chinese = read("labels_zh.properties");
        List<Class<? extends Enum<?>>> types = List.of(Role.class, EventKind.class, LotStatus.State.class,
                LotStatus.Colour.class, Lot.Origin.class, LargeBalance.Reason.class, DeferralWatch.Status.class,
                DisbursementRecord.Status.class, Disbursement.class, DeferralReason.class, Suggestion.Reason.class);
        Labels labels = Labels.of(Language.CHINESE);
        for (Class<? extends Enum<?>> type : types) {
            for (Enum<?> value : type.getEnumConstants()) {
                String name = labels.name(value);
                assertTrue(name.isEmpty() || name.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF),
                        type.getName() + "." + value + " reads '" + name + "' in Chinese");
            }
        }
        assertTrue(chinese.size() > 150);
        assertEquals("fund administrator", Labels.of(Language.ENGLISH).name(Role.FUND_ADMINISTRATOR));
        assertEquals("red (overdue)", Labels.of(Language.ENGLISH).name(LotStatus.Colour.RED));
        assertEquals("超期", labels.name(LotStatus.Colour.RED));
    }

    @Test
    void theWeeklyReportReadsTheSameFiguresInBothLanguages() {
        WeeklyReport weekly = new WeeklyReport(MONDAY, SUNDAY, CNY, flow(12, "38505530.75"), flow(1, "500.00"),
                flow(9, "1200000.00"), flow(8, "1000000.00"), flow(0, "0.00"), flow(0, "0.00"),
                Money.parse("CNY 38505530.75"), Money.parse("CNY 20000.00"), Money.parse("CNY 200000.00"), 148,
                List.of());
        ReportTable chinese = ReportTables.in(Language.CHINESE).weeklyFlows(weekly);
        ReportTable english = ReportTables.in(Language.ENGLISH).weeklyFlows(weekly);
        assertEquals(List.of("收支项目", "笔数", "金额"), chinese.headings());
        assertEquals(List.of("movement", "count", "amount"), english.headings());
        assertEquals("案款周报 2025-12-22 至 2025-12-28（CNY）", chinese.title());
        assertEquals("银行到账", chinese.text(0, 0));
        for (int row = 0; row < chinese.rows().size(); row++) {
            for (int column = 1; column < 3; column++) {
                assertEquals(english.text(row, column), chinese.text(row, column));
            }
        }
        assertEquals("38,505,530.75", chinese.text(0, 2));
        ReportTable held = ReportTables.in(Language.CHINESE).weeklyHeld(weekly);
        assertEquals("148", held.text(0, 1));
        assertTrue(held.columns().get(0).figures());
        assertFalse(chinese.columns().get(0).figures());
    }

    @Test
    void oneRowReportsHaveACellPerColumn() {
        PayoutTime time = new PayoutTime(MONDAY, SUNDAY, CNY, 3, Money.parse("CNY 3000.00"),
                Optional.of(new BigDecimal("4.5")), Optional.empty(), 2, Optional.of(new BigDecimal("6")),
                Optional.of(new BigDecimal("6.2")), 3, Optional.of(new BigDecimal("100.0")),
                Optional.of(new BigDecimal("100.0")));
        for (Language language : Language.values()) {
            ReportTable table = ReportTables.in(language).payoutTime(time);
            assertEquals(10, table.columns().size());
            assertEquals("", table.text(0, 3), "an empty figure is an empty cell");
            assertEquals("3,000.00", table.text(0, 1));
        }
        SubAccountUsage usage = new SubAccountUsage(MONDAY, SUNDAY, CNY, 10, 7, 2, 1, Money.parse("CNY 100.00"),
                Money.parse("CNY 70.00"), Optional.of(new BigDecimal("70.0")), Optional.of(new BigDecimal("70.0")));
        assertEquals("70.0", ReportTables.in(Language.CHINESE).usage(usage).text(0, 6));
    }

    @Test
    void aCellOfTheWrongKindIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ReportTable("t", "T", List.of(new Column("amount", Column.Kind.AMOUNT)),
                        List.of(Row.of("12.00")), "none"));
        assertTrue(refused.getMessage().contains("column 'amount' (AMOUNT) holds a String"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReportTable("t", "T",
                List.of(new Column("a", Column.Kind.TEXT)), List.of(Row.of("x", "y")), "none"));
    }

    @Test
    void languagesAreParsedStrictly() {
        assertEquals(Language.CHINESE, Language.parse("zh-CN", "--lang"));
        assertEquals(Language.ENGLISH, Language.parse("EN", "--lang"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Language.parse("fr", "--lang"));
        assertEquals("--lang 'fr': the reports speak zh (中文, the default) or en", refused.getMessage());
    }

    private static Flow flow(int count, String amount) {
        return new Flow(count, Money.parse("CNY " + amount));
    }

    private static Properties read(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReportTables.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
