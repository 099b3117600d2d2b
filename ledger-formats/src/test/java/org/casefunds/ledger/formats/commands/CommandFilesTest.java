package org.casefunds.ledger.formats.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
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
import org.casefunds.ledger.base.Limits;
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
 * likely means, and with what the line then lacks. The holes of a lenient reader are closed, each
 * refused naming the field in our words, never a library's: a field written twice, a date written
 * as a number, a number too large, a value of another kind (a number for text, a position for a
 * name); a byte order mark is skipped, and an over-long line is refused by its number without
 * being held in memory.
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

    @Test
    void aFieldWrittenTwiceIsRefusedNamingItsPathNotTheLastOneWins() throws IOException {
        // The amount written twice: a reader taking the last one would turn 100.00 into 999999.00.
        CommandFiles.Reading reading = readAsLineThree(receiptOf("\"100.00\",\"amount\":\"999999.00\""));
        assertEquals(List.of(), reading.commands());
        CommandFiles.Problem amount = reading.problems().get(0);
        assertEquals(3, amount.line());
        assertEquals("request.amount.amount", amount.field());
        assertEquals("line 3, request.amount.amount: is written twice in the same object; write each field once:"
                + " which of the two was meant cannot be told", amount.toString());
        CommandFiles.LineException key = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("{\"key\":\"k\",", "{\"key\":\"k\",\"key\":\"k2\",")));
        assertEquals("key", key.field);
        CommandFiles.LineException request = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("\"bankReference\":\"SN1\",",
                        "\"bankReference\":\"SN1\",\"bankReference\":\"SN2\",")));
        assertEquals("request.bankReference", request.field);
        CommandFiles.LineException metadata = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                String.format(RECEIPT, "\"metadata\":{\"source\":\"a\",\"source\":\"b\"},",
                        "\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}")));
        assertEquals("metadata.source", metadata.field);
        assertTrue(metadata.getMessage().startsWith("is written twice"), metadata.getMessage());
    }

    @Test
    void aDateWrittenAsANumberIsADateErrorNamingTheField() {
        for (String date : List.of("20250303", "45719", "1e30")) {
            CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class,
                    () -> CommandFiles.parse(receiptOf("\"1.00\"").replace("\"2025-03-03\"", date)));
            assertEquals("date", refused.field, refused.getMessage());
            assertEquals("date '" + date + "': is a number, not a date; write a date in quotes, such as"
                    + " \"2025-03-03\"", refused.getMessage());
        }
        for (String date : List.of("\"2025-3-3\"", "\"2025-03-03T08:00\"", "\"+57413-06-13\"", "[2025,3,3]")) {
            CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class,
                    () -> CommandFiles.parse(receiptOf("\"1.00\"").replace("\"2025-03-03\"", date)));
            assertEquals("date", refused.field, refused.getMessage());
            assertTrue(refused.getMessage().contains("not a date; write a date in quotes"), refused.getMessage());
        }
        CommandFiles.LineException noSuchDay = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(receiptOf("\"1.00\"").replace("\"2025-03-03\"", "\"2025-02-30\"")));
        assertEquals("date '2025-02-30': is not a day of the calendar; write a day that exists, such as"
                + " \"2025-03-03\"", noSuchDay.getMessage());
    }

    @Test
    void aNumberTooLargeOrOfAnotherKindNamesItsFieldInOurWords() {
        String policy = CommandFiles.write(Command.of("policy", FINANCE, LocalDate.of(2026, 11, 21),
                new AdoptPolicy(Policy.defaults(), Optional.empty())));
        String length = "\"noticeDeadline\":{\"length\":10,";
        assertTrue(policy.contains(length), policy);
        CommandFiles.LineException huge = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                policy.replace(length, "\"noticeDeadline\":{\"length\":1e30,")));
        assertEquals("request.policy.noticeDeadline.length", huge.field);
        assertEquals("is a number (1e30); write a whole number without quotes, such as 10", huge.getMessage());
        CommandFiles.LineException tooLarge = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                policy.replace(length, "\"noticeDeadline\":{\"length\":100000000000000000000,")));
        assertEquals("request.policy.noticeDeadline.length", tooLarge.field);
        assertEquals("is the number 100000000000000000000, too large for this field; write a whole number without"
                + " quotes, such as 10", tooLarge.getMessage());
        CommandFiles.LineException fraction = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                policy.replace(length, "\"noticeDeadline\":{\"length\":10.5,")));
        assertEquals("request.policy.noticeDeadline.length", fraction.field, "10.5 is not read as 10");
        CommandFiles.LineException position = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("\"DEBTOR_PAYMENT\"", "3")));
        assertEquals("request.source", position.field, "3 is not the fourth source");
        assertTrue(position.getMessage().startsWith("is a number (3); write one of DEBTOR_PAYMENT,"),
                position.getMessage());
        CommandFiles.LineException number = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("\"SN1\"", "12345")));
        assertEquals("request.bankReference", number.field, "a number is not text");
        assertEquals("is a number (12345); write text in quotes", number.getMessage());
        CommandFiles.LineException role = assertThrows(CommandFiles.LineException.class, () -> CommandFiles.parse(
                receiptOf("\"1.00\"").replace("\"FUND_ADMINISTRATOR\"", "\"FUND_ADMINSTRATOR\"")));
        assertEquals("actor.roles[0]", role.field);
        assertTrue(role.getMessage().startsWith("'FUND_ADMINSTRATOR' is not one of "), role.getMessage());
        assertTrue(role.getMessage().endsWith("; did you mean FUND_ADMINISTRATOR?"), role.getMessage());
    }

    static Stream<String> badLines() {
        String good = receiptOf("\"1.00\"");
        return Stream.of(good.replace("\"adm.wang\"", "true"), good.replace("\"adm.wang\"", "[1]"),
                good.replace("{\"name\":\"李四\"}", "\"李四\""), good.replace("\"2025-03-03\"", "true"),
                good.replace("\"roles\":[", "\"roles\":{\"a\":[").replace("]},", "]}},"),
                good.replace("{\"key\":", "{\"approvals\":\"head.sun\",\"key\":"), "[1,2]", "\"text\"", "null",
                good + " {}", good.replace("\"2025-03-03\"", "1" + "0".repeat(2000)), "{\"key\": ", "{\"key\":\"k\"}",
                good.replace("\"2025-03-03\"", "NaN"), good.replace("{\"key\":", "{/* note */\"key\":"),
                good.replace("\"key\"", "'key'"), good.replace("\"SN1\"", "\"SN\t1\""));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void noRefusalShowsALibrarysWords(String line) {
        CommandFiles.LineException refused = assertThrows(CommandFiles.LineException.class,
                () -> CommandFiles.parse(line));
        for (String words : List.of("`", "java.", "com.fasterxml", "Exception", "JsonToken", "Cannot deserialize",
                "Cannot construct", "Cannot coerce", "Feature", "ALLOW_", "$")) {
            assertTrue(!refused.getMessage().contains(words), words + " in: " + refused.getMessage());
        }
    }

    @Test
    void aByteOrderMarkAtTheStartOfTheFileIsSkipped() throws IOException {
        Path file = folder.resolve("notepad.jsonl");
        Files.writeString(file, "\uFEFF" + receiptOf("\"1.00\"") + "\r\n" + receiptOf("\"2.00\"").replace("\"k\"",
                "\"k2\"").replace("SN1", "SN2") + "\r\n", StandardCharsets.UTF_8);
        CommandFiles.Reading reading = CommandFiles.read(file);
        assertEquals(List.of(), reading.problems());
        assertEquals(List.of(1, 2), reading.commands().stream().map(CommandFiles.Numbered::line).toList());
        // A mark anywhere else is no part of JSON.
        Files.writeString(file, receiptOf("\"1.00\"") + "\n\uFEFF" + receiptOf("\"2.00\""), StandardCharsets.UTF_8);
        assertEquals(2, CommandFiles.read(file).problems().get(0).line());
    }

    @Test
    void aLineOverTheLimitIsRefusedByItsNumberAndTheLinesAfterItAreRead() throws IOException {
        Path file = folder.resolve("long.jsonl");
        String longLine = "{\"key\":\"" + "x".repeat(Limits.COMMAND_LINE_LENGTH_MAX) + "\"}";
        Files.writeString(file, receiptOf("\"1.00\"") + "\n" + longLine + "\n"
                + receiptOf("\"2.00\"").replace("\"k\"", "\"k2\"").replace("SN1", "SN2") + "\n", StandardCharsets.UTF_8);
        CommandFiles.Reading reading = CommandFiles.read(file);
        assertEquals(List.of(1, 3), reading.commands().stream().map(CommandFiles.Numbered::line).toList());
        CommandFiles.Problem problem = reading.problems().get(0);
        assertEquals(2, problem.line());
        assertEquals("line 2: the line is 1,048,586 characters long; a line holds one command of at most 1,048,576"
                + " characters: write one command a line", problem.toString());
    }

    @Test
    void aLineLongerThanAnyStringIsCountedWithoutBeingHeld() throws IOException {
        // More characters than a Java string can hold: held in memory, the line could not even be made.
        long length = Integer.MAX_VALUE + 10L;
        Reader endless = new Reader() {
            private long left = length;
            private char[] filled;

            @Override
            public int read(char[] buffer, int offset, int count) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                if (buffer != filled) {
                    // The reader does not write to its buffer: one fill serves every read.
                    java.util.Arrays.fill(buffer, 'x');
                    filled = buffer;
                }
                left -= n;
                if (left == 0) {
                    buffer[offset + n - 1] = '\n';
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        try (CommandFiles.BoundedLines lines = new CommandFiles.BoundedLines(new java.io.StringReader("{}\r\n\r\n"),
                Limits.COMMAND_LINE_LENGTH_MAX)) {
            assertEquals("{}", lines.next());
            assertEquals("", lines.next());
            assertEquals(null, lines.next());
        }
        try (CommandFiles.BoundedLines lines = new CommandFiles.BoundedLines(endless, Limits.COMMAND_LINE_LENGTH_MAX)) {
            assertEquals("", lines.next());
            assertTrue(lines.overLong());
            assertEquals(length - 1, lines.length());
            assertEquals(null, lines.next());
        }
    }
}
