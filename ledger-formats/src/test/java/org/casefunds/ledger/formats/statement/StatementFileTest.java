package org.casefunds.ledger.formats.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.casefunds.ledger.money.AmountSpellings;
import org.casefunds.ledger.reconciliation.Direction;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: statements are read by header, in the forms banks export them, and every bad cell is named
 * by its physical line, field and value. Amounts go through the core's one parser: the shared table
 * of spellings is read as the core reads it, except what a statement allows beyond it (stripped
 * cells, thousands in groups of three, a sign in a signed column).
 *
 * <p>Method: small statements written by hand are read; the entries and problems are compared with
 * what each line says.
 */
class StatementFileTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    @TempDir
    Path folder;

    private Path write(Charset charset, String... lines) throws IOException {
        Path file = folder.resolve("statement.csv");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", charset);
        return file;
    }

    private static StatementFile open(Path file, Map<StatementField, String> named) throws IOException {
        return StatementFile.open(file, StatementEncoding.AUTO, named);
    }

    private static List<StatementEntry> read(StatementFile file, StatementProblems[] problems) throws IOException {
        List<StatementEntry> entries = new ArrayList<>();
        problems[0] = file.read(CNY, "110060001", entries::add).problems();
        return entries;
    }

    @Test
    void aSignedAmountWithADirectionAndQuotedLineBreaksKeepTheirLineNumbers() throws IOException {
        Path file = write(StandardCharsets.UTF_8, "\uFEFF# exported 2025-03-31", "Serial No,Value Date,Amount(元),D/C,"
                + "Memo,Remark,Balance", "A1,20250303,\"1,000.00\",C,\"two", "lines\",(2025)京02执1号,1000.00",
                "", "A2,2025/3/4,-200.5,D,,,799.50", "A3,2025-03-05 10:21:00,5,贷,x,x,804.50");
        StatementProblems[] problems = new StatementProblems[1];
        List<StatementEntry> entries = read(open(file, Map.of()), problems);
        assertTrue(problems[0].isEmpty(), problems[0].shown().toString());
        assertEquals(List.of(3L, 6L, 7L), entries.stream().map(StatementEntry::line).collect(Collectors.toList()));
        StatementEntry first = entries.get(0);
        assertEquals(LocalDate.of(2025, 3, 3), first.valueDate());
        assertEquals(Direction.CREDIT, first.direction());
        assertEquals(Money.of(CNY, 1000), first.amount());
        assertEquals(Optional.of("two lines / (2025)京02执1号"), first.memo(), "both memo columns, joined");
        assertEquals(Direction.DEBIT, entries.get(1).direction());
        assertEquals(Money.of(CNY, 200.5), entries.get(1).amount());
        assertEquals(Optional.of("x"), entries.get(2).memo(), "a repeated text is kept once");
    }

    @Test
    void everyBadCellOfEveryLineIsNamed() throws IOException {
        // Line 2's unquoted "1,23.00" shifts its cells: the extra cell and the shifted values are named.
        Path file = write(StandardCharsets.UTF_8, "流水号,记账日期,借方发生额,贷方发生额,币种,本方账号",
                "S1,2025-03-03,,1,23.00,CNY,110060001",
                "S2,2025-13-01,0.00,10.001,USD,110060002",
                ",2025-03-03,5.00,6.00,,",
                "S4,2025-03-03,0.00,0.00,,,extra");
        StatementProblems[] problems = new StatementProblems[1];
        List<StatementEntry> entries = read(open(file, Map.of()), problems);
        assertEquals(List.of(), entries);
        List<String> found = problems[0].shown().stream().map(Object::toString).collect(Collectors.toList());
        assertEquals(List.of(
                "line 2: has 7 cells but the header has 6; is a comma inside a cell without double quotes around it?",
                "line 2, currency (币种) '23.00': is not a currency: write its ISO code (CNY, USD, HKD) or its name"
                        + " (人民币)",
                "line 2, account (本方账号) 'CNY': is not the master account 110060001 this statement is read for",
                "line 3, value_date (记账日期) '2025-13-01': is not a date: write yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd (a"
                        + " real day of the calendar)",
                "line 3, credit (贷方发生额) '10.001': has more decimals than CNY allows (2)",
                "line 3, currency (币种) 'USD': is not CNY, the currency of master account 110060001",
                "line 3, account (本方账号) '110060002': is not the master account 110060001 this statement is read for",
                "line 4, serial (流水号): is missing: every line needs one",
                "line 4, credit/debit '6.00 / 5.00': the line has both a credit and a debit amount; a line moves money"
                        + " one way",
                "line 5: has 7 cells but the header has 6; is a comma inside a cell without double quotes around it?",
                "line 5, credit/debit: the line has neither a credit nor a debit amount"), found);
    }

    /** The spellings a statement reads unlike the core parser: its cells are stripped, and banks group by thousands. */
    private static final Map<String, Money> READ_IN_A_STATEMENT = Map.of(" 100.00", Money.of(CNY, 100),
            "100.00 ", Money.of(CNY, 100), "1,000.00", Money.of(CNY, 1000));

    /** The entries and problems of a one-line statement whose credit column holds {@code credit}. */
    private List<String> readCredit(String credit, List<StatementEntry> entries) throws IOException {
        Path file = write(StandardCharsets.UTF_8, "流水号,记账日期,借方发生额,贷方发生额", "S1,2025-03-03,,\"" + credit + "\"");
        StatementProblems[] problems = new StatementProblems[1];
        entries.addAll(read(open(file, Map.of()), problems));
        return problems[0].shown().stream().map(Object::toString).collect(Collectors.toList());
    }

    @Test
    void everySpellingOfTheSharedTableIsReadOrRefusedNamingTheLineTheColumnAndTheValue() throws IOException {
        for (AmountSpellings.Good good : AmountSpellings.GOOD) {
            List<StatementEntry> entries = new ArrayList<>();
            assertEquals(List.of(), readCredit(good.text(), entries), good.text());
            assertEquals(good.money(), entries.get(0).amount(), good.text());
        }
        for (AmountSpellings.Bad bad : AmountSpellings.BAD) {
            List<StatementEntry> entries = new ArrayList<>();
            List<String> problems = readCredit(bad.text(), entries);
            if (READ_IN_A_STATEMENT.containsKey(bad.text())) {
                assertEquals(List.of(), problems, bad.text());
                assertEquals(READ_IN_A_STATEMENT.get(bad.text()), entries.get(0).amount(), bad.text());
            } else if (bad.text().isEmpty()) {
                assertEquals(List.of("line 2, credit/debit: the line has neither a credit nor a debit amount"), problems);
            } else if (bad.text().startsWith("+") || bad.text().startsWith("-")) {
                assertEquals(List.of("line 2, credit (贷方发生额) '" + bad.text() + "': has a sign: the credit column holds"
                        + " amounts without one"), problems);
            } else {
                assertEquals(1, problems.size(), problems.toString());
                assertTrue(problems.get(0).startsWith("line 2, credit (贷方发生额) '" + bad.text().strip() + "': "),
                        problems.get(0));
                assertTrue(problems.get(0).contains(bad.reason()), problems.get(0));
            }
        }
    }

    @Test
    void aSignedColumnTakesASignAndGroupsOnlyInThrees() throws IOException {
        Path file = write(StandardCharsets.UTF_8, "流水号,记账日期,交易金额", "S1,2025-03-03,-1", "S2,2025-03-03,+100",
                "S3,2025-03-03,\"-1,000.50\"", "S4,2025-03-03,-1e5", "S5,2025-03-03,\"1,00.00\"", "S6,2025-03-03,--5");
        StatementProblems[] problems = new StatementProblems[1];
        List<StatementEntry> entries = read(open(file, Map.of()), problems);
        assertEquals(List.of(Direction.DEBIT, Direction.CREDIT, Direction.DEBIT),
                entries.stream().map(StatementEntry::direction).collect(Collectors.toList()));
        assertEquals(List.of(Money.of(CNY, 1), Money.of(CNY, 100), Money.of(CNY, 1000.5)),
                entries.stream().map(StatementEntry::amount).collect(Collectors.toList()));
        assertEquals(List.of("line 5, amount (交易金额) '-1e5': is in exponent notation; write the digits in full: 100000",
                "line 6, amount (交易金额) '1,00.00': is not an amount such as 65000.00 or 65,000.00 (digits, thousands"
                        + " separators in groups of three, one point)",
                "line 7, amount (交易金额) '--5': has a sign (-); an amount is written without one, such as 65000.00"),
                problems[0].shown().stream().map(Object::toString).collect(Collectors.toList()));
    }

    @Test
    void headersNamedByTheUserWinAndUnknownOnesAreNamed() throws IOException {
        Path file = write(StandardCharsets.UTF_8, "编号,日期,收款,付款", "S1,2025-03-03,10.00,");
        StatementFile unmapped = open(file, Map.of());
        assertEquals(List.of("serial", "value_date", "credit/debit/amount"), unmapped.problems().shown().stream()
                .map(StatementProblems.Problem::field).collect(Collectors.toList()));
        StatementFile mapped = open(file, Map.of(StatementField.SERIAL, "编号", StatementField.VALUE_DATE, "日期",
                StatementField.CREDIT, "收款", StatementField.DEBIT, "付款"));
        StatementProblems[] problems = new StatementProblems[1];
        assertEquals("S1", read(mapped, problems).get(0).serial());
        StatementFile misnamed = open(file, Map.of(StatementField.SERIAL, "流水"));
        assertEquals("流水", misnamed.problems().shown().get(0).value());
    }

    @Test
    void gbkIsToldFromUtf8AndAFileInNeitherIsRefusedByLine() throws IOException {
        String[] lines = {"交易流水号,交易日期,贷方发生额,附言", "S1,2025-03-03,10.00,（2025）京02执1号"};
        assertEquals(StandardCharsets.UTF_8, open(write(StandardCharsets.UTF_8, lines), Map.of()).charset());
        assertEquals(Charset.forName("GBK"), open(write(Charset.forName("GBK"), lines), Map.of()).charset());
        Path broken = folder.resolve("broken.csv");
        Files.write(broken, new byte[] {'a', ',', 'b', '\n', 'c', (byte) 0xFF, (byte) 0xFF, '\n'});
        StatementFile neither = open(broken, Map.of());
        assertEquals("line 2: is neither valid UTF-8 nor valid GBK; save the statement in one of them",
                neither.problems().shown().get(0).toString());
        StatementFile asked = StatementFile.open(write(Charset.forName("GBK"), lines), StatementEncoding.UTF_8,
                Map.of());
        assertEquals(List.of(1L, 2L), asked.problems().shown().stream().map(StatementProblems.Problem::line)
                .collect(Collectors.toList()));
    }
}
