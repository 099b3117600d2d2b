package org.casefunds.ledger.formats.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.money.AmountSpellings;
import org.casefunds.ledger.policy.Policy;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The court's timeline can be written in a command file: a calendar year with its notice and a
 * policy with every value read back as the same command; a schedule with a bad day is refused
 * naming the field. Amounts are read by the core's one parser: every good spelling of the shared
 * table gives its exact money, every bad one (and a JSON number) is refused naming the line, the
 * field and the value. A misspelt field is refused by its name and path, with the field it most
 * likely means, and with what the line then lacks.
 */
class CommandFilesTest {
    private static final Actor FINANCE = Actor.of("fin.li", Role.FINANCE);
    /** A receipt whose request fields (after the bank account) and amount are filled in. */
    private static final String RECEIPT = "{\"key\":\"k\",\"date\":\"2025-03-03\",\"actor\":{\"id\":\"adm.wang\","
            + "\"roles\":[\"FUND_ADMINISTRATOR\"]},%s\"request\":{\"type\":\"RecordReceipt\",\"bankAccount\":\"110060001\","
            + "\"bankReference\":\"SN1\",%s,\"payer\":{\"name\":\"李四\"},\"source\":\"DEBTOR_PAYMENT\"}}";

    @TempDir
    Path folder;

    private static String receipt(String amountField) {
        return String.format(RECEIPT, "", amountField);
    }

    private static String receiptOf(String amountJson) {
        return receipt("\"amount\":{\"amount\":" + amountJson + ",\"currency\":\"CNY\"}");
    }

    /** The problems of a file whose third line is {@code line}, after a comment and a blank line. */
    private CommandFiles.Reading readAsLineThree(String line) throws IOException {
        Path file = folder.resolve("commands.jsonl");
        Files.writeString(file, "# 收款\n\n" + line + "\n", StandardCharsets.UTF_8);
        return CommandFiles.read(file);
    }

    static Stream<AmountSpellings.Good> goodSpellings() {
        return AmountSpellings.GOOD.stream();
    }

    static Stream<Arguments> badSpellings() {
        List<Arguments> bad = new ArrayList<>();
        for (AmountSpellings.Bad spelling : AmountSpellings.BAD) {
            bad.add(Arguments.of("\"" + spelling.text() + "\"", "amount '" + spelling.text() + "': " , spelling.reason()));
        }
        bad.add(Arguments.of("100000", "amount '100000': ",
                "is a JSON number; write amounts as quoted decimal strings, \"100000.00\""));
        bad.add(Arguments.of("1e5", "amount '1e5': ",
                "is a JSON number; write amounts as quoted decimal strings, \"100000.00\""));
        bad.add(Arguments.of("100.5", "amount '100.5': ",
                "is a JSON number; write amounts as quoted decimal strings, \"100.50\""));
        bad.add(Arguments.of("true", "amount 'true': ", "is not an amount; write it as a quoted decimal string"));
        return bad.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSpellings")
    void aGoodSpellingOfAnAmountGivesTheExactMoney(AmountSpellings.Good spelling) throws IOException {
        CommandFiles.Reading reading = readAsLineThree(receiptOf("\"" + spelling.text() + "\""));
        assertEquals(List.of(), reading.problems());
        RecordReceipt receipt = (RecordReceipt) reading.commands().get(0).command().request();
        assertEquals(spelling.money(), receipt.amount());
        assertEquals(3, reading.commands().get(0).line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpellings")
    void aBadSpellingOfAnAmountIsRefusedNamingTheLineTheFieldAndTheValue(String json, String named, String reason)
            throws IOException {
        CommandFiles.Reading reading = readAsLineThree(receiptOf(json));
        assertEquals(List.of(), reading.commands());
        CommandFiles.Problem problem = reading.problems().get(0);
        assertEquals(3, problem.line(), problem.toString());
        assertEquals("request.amount", problem.field(), problem.toString());
        assertTrue(problem.message().startsWith(named), problem.toString());
        assertTrue(problem.message().contains(reason), problem.toString());
        assertTrue(problem.toString().startsWith("line 3, request.amount: " + named), problem.toString());
    }

    @Test
    void moneyWithoutItsCurrencyOrAmountIsRefusedNamingWhatIsMissing() {
        CommandFiles.LineException noCurrency = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(receipt("\"amount\":{\"amount\":\"100.00\"}")));
        assertEquals("request.amount", noCurrency.field);
        assertTrue(noCurrency.getMessage().contains("amount.currency (missing): money names its currency"),
                noCurrency.getMessage());
        CommandFiles.LineException plain = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(receipt("\"amount\":\"100.00\"")));
        assertTrue(plain.getMessage().contains("amount '100.00': is not money; write money as {\"amount\":"),
                plain.getMessage());
    }

    @Test
    void aTypoInARequiredFieldIsNamedWithTheFieldItMeansAndWhatIsThenMissing() throws IOException {
        CommandFiles.Reading reading = readAsLineThree(receipt("\"amout\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}"));
        CommandFiles.Problem problem = reading.problems().get(0);
        assertEquals(3, problem.line());
        assertEquals("request.amout", problem.field());
        assertTrue(problem.message().startsWith("unknown field `amout`; did you mean `amount`? The fields here: amount,"
                + " bankAccount, bankReference, caseNumber, memo, payer, source, subAccountNumber"), problem.message());
        assertTrue(problem.message().endsWith("; and then request (amount): amount (missing): is required"),
                problem.message());
    }

    @Test
    void aTypoInAnOptionalFieldIsRefusedToo() {
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receipt("\"memp\":\"执行款\",\"amount\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}")));
        assertEquals("request.memp", refused.field);
        assertTrue(refused.getMessage().startsWith("unknown field `memp`; did you mean `memo`?"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("and then"), "nothing else is wrong: " + refused.getMessage());
    }

    @Test
    void aNestedTypoIsNamedByItsPath() {
        String amount = "\"amount\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}";
        CommandFiles.LineException payer = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receipt(amount).replace("{\"name\":", "{\"nmae\":")));
        assertEquals("request.payer.nmae", payer.field);
        assertTrue(payer.getMessage().startsWith("unknown field `nmae`; did you mean `name`?"), payer.getMessage());
        CommandFiles.LineException approval = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(String.format(RECEIPT, "\"approvals\":[{\"approverId\":\"head.sun\","
                        + "\"role\":\"DIVISION_HEAD\"},{\"approver\":\"dir.zhou\",\"role\":\"BUREAU_DIRECTOR\"}],",
                        amount)));
        assertEquals("approvals[1].approver", approval.field);
        assertTrue(approval.getMessage().startsWith("unknown field `approver`; did you mean `approverId`? The fields"
                + " here: approverId, role"), approval.getMessage());
        assertTrue(approval.getMessage().contains("and then approvals[1] (approvals.approverId):"
                + " approvals.approverId (missing): is required"), approval.getMessage());
        CommandFiles.LineException money = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receipt("\"amount\":{\"amout\":\"100.00\",\"currency\":\"CNY\"}")));
        assertEquals("request.amount.amout", money.field);
        assertTrue(money.getMessage().startsWith("unknown field `amout`; did you mean `amount`? The fields here:"
                + " amount, currency"), money.getMessage());
        assertTrue(money.getMessage().contains("and then request.amount: amount.amount (missing)"), money.getMessage());
    }

    @Test
    void aTypoIsNamedByItsPathWhereverTheTypeIsWritten() {
        String line = "{\"key\":\"k\",\"date\":\"2025-03-03\",\"actor\":{\"id\":\"adm.wang\","
                + "\"roles\":[\"FUND_ADMINISTRATOR\"]},\"request\":{\"bankAccount\":\"110060001\","
                + "\"bankReference\":\"SN1\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"},"
                + "\"payer\":{\"nmae\":\"李四\"},\"sourse\":\"DEBTOR_PAYMENT\",\"type\":\"RecordReceipt\"}}";
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(line));
        assertEquals("request.payer.nmae", refused.field, refused.getMessage());
        assertTrue(refused.getMessage().contains("; also request.sourse: unknown field `sourse`; did you mean"
                + " `source`?"), refused.getMessage());
    }

    @Test
    void aMisspeltRequestTypeIsNamedWithTheRequestItMeans() {
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("\"RecordReceipt\"", "\"RecordReciept\"")));
        assertEquals("request.type", refused.field);
        assertTrue(refused.getMessage().startsWith("'RecordReciept' is not a request; did you mean `RecordReceipt`?"
                + " The requests: AdoptCalendarYear, "), refused.getMessage());
        CommandFiles.LineException twice = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\",\"currency\":\"CNY\",\"amount\":\"2.00\"")));
        assertTrue(twice.getMessage().contains("amount.amount (missing): is written twice"), twice.getMessage());
    }

    @Test
    void anUnknownFieldWithNoCloseMatchListsTheFields() {
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("{\"key\":", "{\"colour\":\"red\",\"key\":")));
        assertEquals("colour", refused.field);
        assertEquals("unknown field `colour`; the fields here: actor, approvals, date, key, metadata, request",
                refused.getMessage());
    }

    @Test
    void aCalendarYearAndAPolicyReadBackAsTheSameCommands() throws CommandFiles.LineException {
        CalendarYear year = CalendarYear.of(2027, List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 8)),
                List.of(LocalDate.of(2027, 2, 20)), CalendarSource.official(List.of(CalendarSource.Document.of(
                        LocalDate.of(2026, 11, 20), "国办发明电〔2026〕99号", "国务院办公厅关于2027年部分节假日安排的通知"))));
        Command calendar = Command.of("calendar:2027", FINANCE, LocalDate.of(2026, 11, 21),
                new AdoptCalendarYear(year, Optional.empty())).approvedBy(Approval.of("dir.zhou", Role.BUREAU_DIRECTOR));
        Command policy = Command.of("policy", FINANCE, LocalDate.of(2026, 11, 21),
                new AdoptPolicy(Policy.spc2017(), Optional.of("院党组决定"))).approvedBy(Approval.of("leader.wu",
                        Role.COURT_LEADER));
        for (Command command : List.of(calendar, policy)) {
            String line = CommandFiles.write(command);
            assertEquals(command, CommandFiles.parse(line), line);
        }
        assertTrue(!CommandFiles.write(calendar).contains("provisional"), "whether a year is provisional is derived");
        String withDerived = CommandFiles.write(calendar).replace("\"year\":{", "\"year\":{\"provisional\":false,");
        assertTrue(withDerived.contains("provisional"), withDerived);
        assertEquals(calendar, CommandFiles.parse(withDerived), "a derived field is ignored, not unknown");
    }

    @Test
    void aScheduleWithADayOutsideItsYearIsRefusedNamingTheField() {
        String line = "{\"key\":\"c\",\"date\":\"2026-11-21\",\"actor\":{\"id\":\"fin.li\",\"roles\":[\"FINANCE\"]},"
                + "\"request\":{\"type\":\"AdoptCalendarYear\",\"year\":{\"year\":2027,\"restDays\":[\"2028-01-03\"],"
                + "\"adjustedWorkingDays\":[],\"source\":{\"kind\":\"OFFICIAL\",\"documents\":[{\"title\":\"通知\"}]}}}}";
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(line));
        assertTrue(refused.getMessage().contains("2028-01-03"), refused.getMessage());
    }
}
