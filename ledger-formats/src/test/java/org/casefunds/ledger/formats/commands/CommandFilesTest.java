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
 * field and the value.
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
}
