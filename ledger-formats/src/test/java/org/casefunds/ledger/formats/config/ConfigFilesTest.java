package org.casefunds.ledger.formats.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.money.AmountSpellings;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Period;
import org.casefunds.ledger.policy.Policy;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: a court's policy and calendar load from JSON files, and every bad file is refused with the
 * field and the file named.
 *
 * <p>Method: parse small documents: overrides on each preset, the printed defaults read back, and
 * one refusal for each kind of mistake (unknown field, field written twice, wrong type, number too
 * large, impossible value, bad date or a date written as a number, a file too large); a
 * misspelt field, required, optional or nested, named with the field it most likely means; and the
 * shared table of amount spellings read as the large-balance threshold.
 */
class ConfigFilesTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");

    @Test
    void anEmptyDocumentIsTheDefaultPolicyAndThePrintedDefaultsReadBack() {
        assertEquals(Policy.defaults(), ConfigFiles.parsePolicy("{}", "policy.json"));
        assertEquals(Policy.defaults(), ConfigFiles.parsePolicy(ConfigFiles.writePolicy(Policy.defaults()), "t"));
        assertEquals(Policy.spc2017(), ConfigFiles.parsePolicy(ConfigFiles.writePolicy(Policy.spc2017()), "t"));
    }

    @Test
    void fieldsOverrideThePreset() {
        Policy policy = ConfigFiles.parsePolicy("{\"preset\": \"SPC 2017\", \"warningHorizon\": \"5 calendar days\","
                + " \"deferralMaximumMonths\": {\"DISPUTED\": 6},"
                + " \"largeBalanceThreshold\": {\"amount\": \"500000.00\", \"currency\": \"CNY\"},"
                + " \"amountTiers\": [{\"from\": {\"amount\": \"100000.00\", \"currency\": \"CNY\"},"
                + " \"noticeDeadline\": \"5 working days\"}]}", "policy.json");
        assertEquals(Period.calendarDays(30), policy.noticeDeadline());
        assertEquals(Period.calendarDays(5), policy.warningHorizon());
        assertEquals(6, policy.deferralMaximumMonths(DeferralReason.DISPUTED));
        assertEquals(3, policy.deferralMaximumMonths(DeferralReason.FROZEN));
        assertEquals(Money.of(CNY, 500_000), policy.largeBalanceThreshold());
        assertEquals(Period.workingDays(5), policy.noticeDeadlineFor(Money.of(CNY, 100_000)));
        assertEquals(Period.calendarDays(30), policy.noticeDeadlineFor(Money.of(CNY, 99_999)));
    }

    private static InvalidInputException refused(String json) {
        return assertThrows(InvalidInputException.class, () -> ConfigFiles.parsePolicy(json, "court.json"));
    }

    @Test
    void anUnknownFieldIsRefusedWithTheKnownFields() {
        InvalidInputException e = refused("{\"noticeDeadlines\": \"10 working days\"}");
        assertEquals("noticeDeadlines", e.field().orElseThrow());
        assertEquals("noticeDeadlines", e.value().orElseThrow());
        assertTrue(e.getMessage().contains("unknown field `noticeDeadlines`; did you mean `noticeDeadline`? The fields"
                + " here: amountTiers, "), e.getMessage());
        assertTrue(e.getMessage().contains("noticeDeadline,"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(in court.json, line 1)"), e.getMessage());
        InvalidInputException nested = refused("{\"approvalTiers\": [{\"from\": {\"amount\": \"0.00\","
                + " \"currency\": \"CNY\"}, \"role\": [\"DIVISION_HEAD\"]}]}");
        assertEquals("approvalTiers[0].role", nested.field().orElseThrow());
        assertTrue(nested.getMessage().contains("unknown field `role`; did you mean `roles`? The fields here: from,"
                + " roles"), nested.getMessage());
    }

    @Test
    void aTypoInARequiredFieldIsNamedWithWhatIsThenMissing() {
        InvalidInputException year = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [\n  {\"yaer\": 2027,\n   \"documents\": [{\"title\": \"通知\"}]}]}", "2027.json"));
        assertEquals("years[0].yaer", year.field().orElseThrow());
        assertEquals("years[0].yaer 'yaer': unknown field `yaer`; did you mean `year`? The fields here:"
                + " adjustedWorkingDays, documents, kind, restDays, year (in 2027.json, line 2); and then years[0].year"
                + " (missing): each year says which year it is (in 2027.json)", year.getMessage());
    }

    @Test
    void aTypoInAnOptionalOrANestedFieldIsNamedByItsPathAndLine() {
        InvalidInputException optional = refused("{\"warningHorizn\": \"3 working days\"}");
        assertEquals("warningHorizn", optional.field().orElseThrow());
        assertTrue(optional.getMessage().contains("did you mean `warningHorizon`?"), optional.getMessage());
        InvalidInputException nested = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 2027,\n  \"documents\": [{\"number\": \"国办发明电〔2026〕9号\",\n"
                        + "    \"titel\": \"通知\"}]}]}", "2027.json"));
        assertEquals("years[0].documents[0].titel", nested.field().orElseThrow());
        assertTrue(nested.getMessage().startsWith("years[0].documents[0].titel 'titel': unknown field `titel`; did you"
                + " mean `title`? The fields here: date, number, title (in 2027.json, line 3)"), nested.getMessage());
        assertTrue(nested.getMessage().contains("and then years[0].documents[0].title (missing): each notice has its"
                + " title"), nested.getMessage());
        InvalidInputException money = refused("{\"largeBalanceThreshold\": {\"amout\": \"1.00\", \"currency\": \"CNY\"}}");
        assertEquals("largeBalanceThreshold.amout", money.field().orElseThrow());
        assertTrue(money.getMessage().contains("did you mean `amount`? The fields here: amount, currency"),
                money.getMessage());
    }

    @Test
    void anUnknownFieldWithNoCloseMatchHasNoSuggestion() {
        InvalidInputException e = refused("{\"name\": \"北京二中院\", \"colour\": \"red\"}");
        assertEquals("colour", e.field().orElseThrow());
        assertTrue(e.getMessage().startsWith("colour 'colour': unknown field `colour`; the fields here: amountTiers,"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("did you mean"), e.getMessage());
    }

    static List<AmountSpellings.Good> goodSpellings() {
        return AmountSpellings.GOOD;
    }

    static Stream<Arguments> badSpellings() {
        List<Arguments> bad = new ArrayList<>();
        for (AmountSpellings.Bad spelling : AmountSpellings.BAD) {
            bad.add(Arguments.of("\"" + spelling.text() + "\"", spelling.text(), spelling.reason()));
        }
        bad.add(Arguments.of("100000", "100000", "is a JSON number; write amounts as quoted decimal strings,"
                + " \"100000.00\""));
        bad.add(Arguments.of("1e5", "1e5", "is a JSON number; write amounts as quoted decimal strings, \"100000.00\""));
        return bad.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSpellings")
    void aGoodSpellingOfAnAmountGivesTheExactMoney(AmountSpellings.Good spelling) {
        Policy policy = ConfigFiles.parsePolicy("{\"largeBalanceThreshold\": {\"amount\": \"" + spelling.text()
                + "\", \"currency\": \"CNY\"}}", "court.json");
        assertEquals(spelling.money(), policy.largeBalanceThreshold());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpellings")
    void aBadSpellingOfAnAmountIsRefusedNamingTheFieldAndTheValue(String json, String value, String reason) {
        InvalidInputException e = refused("{\"largeBalanceThreshold\": {\"amount\": " + json
                + ", \"currency\": \"CNY\"}}");
        assertEquals(ErrorCode.INVALID_AMOUNT, e.code());
        assertEquals("largeBalanceThreshold", e.field().orElseThrow());
        assertEquals(value, e.value().orElseThrow());
        assertTrue(e.getMessage().startsWith("largeBalanceThreshold '" + value + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (in court.json)"), e.getMessage());
    }

    @Test
    void aTierMayStartAtZero() {
        Policy policy = ConfigFiles.parsePolicy("{\"approvalTiers\": [{\"from\": {\"amount\": \"0\", \"currency\":"
                + " \"CNY\"}, \"roles\": [\"DIVISION_HEAD\"]}]}", "court.json");
        assertEquals(Money.of(CNY, 0), policy.approvalTiers().get(0).from());
    }

    @Test
    void impossibleValuesAreRefusedNamingTheField() {
        InvalidInputException period = refused("{\"noticeDeadline\": \"ten working days\"}");
        assertEquals("noticeDeadline", period.field().orElseThrow());
        assertTrue(period.getMessage().contains("\"10 working days\""), period.getMessage());
        InvalidInputException tooLong = refused("{\"noticeDeadline\": \"400 working days\"}");
        assertEquals("length", tooLong.field().orElseThrow());
        assertTrue(tooLong.getMessage().contains("court.json"), tooLong.getMessage());
        InvalidInputException months = refused("{\"deferralMaximumMonths\": {\"FROZEN\": 0}}");
        assertEquals("deferralMaximumMonths.FROZEN", months.field().orElseThrow());
        InvalidInputException role = refused("{\"reversalApprovers\": [\"HANDLER\"]}");
        assertEquals("reversalApprovers", role.field().orElseThrow());
        assertTrue(role.getMessage().contains("not an approving role"), role.getMessage());
        InvalidInputException threshold = refused("{\"largeBalanceThreshold\": {\"amount\": \"-1.00\","
                + " \"currency\": \"CNY\"}}");
        assertEquals("largeBalanceThreshold", threshold.field().orElseThrow());
        InvalidInputException preset = refused("{\"preset\": \"Beijing\"}");
        assertEquals(ErrorCode.INVALID_VALUE, preset.code());
        assertEquals("preset", preset.field().orElseThrow());
        InvalidInputException type = refused("{\"autoClaimExactMatches\": \"maybe\"}");
        assertEquals("autoClaimExactMatches", type.field().orElseThrow());
        InvalidInputException json = refused("{\"name\": ");
        assertTrue(json.getMessage().contains("is not valid JSON"), json.getMessage());
    }

    @Test
    void aCalendarFileAddsAYearToChina() {
        WorkingDayCalendar calendar = ConfigFiles.parseCalendar("{\"jurisdiction\": \"CN\", \"years\": [{\"year\": 2027,"
                + " \"documents\": [{\"number\": \"国办发明电〔2026〕9号\", \"date\": \"2026-11-10\","
                + " \"title\": \"国务院办公厅关于2027年部分节假日安排的通知\"}],"
                + " \"restDays\": [\"2027-01-01\", \"2027-02-06..2027-02-13\"], \"adjustedWorkingDays\": [\"2027-02-14\"]}]}",
                "2027.json");
        assertTrue(calendar.years().contains(2027));
        assertTrue(calendar.years().contains(2025));
        assertTrue(!calendar.provisionalYears().contains(2027));
        assertEquals(Optional.of("国办发明电〔2026〕9号"),
                calendar.source(2027).orElseThrow().documents().get(0).number());
        // 2026-12-31 (Thu) + 1 working day: Fri 2027-01-01 is a holiday, then the weekend: Mon 2027-01-04.
        assertEquals(LocalDate.of(2027, 1, 4), calendar.plusWorkingDays(LocalDate.of(2026, 12, 31), 1));
        assertTrue(calendar.isWorkingDay(LocalDate.of(2027, 2, 14)));
        assertTrue(!calendar.isWorkingDay(LocalDate.of(2027, 2, 10)));
    }

    @Test
    void aBadCalendarFileIsRefusedNamingTheField() {
        InvalidInputException date = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 2027, \"restDays\": [\"2027-13-01\"]}]}", "2027.json"));
        assertEquals("years[0].restDays[0]", date.field().orElseThrow());
        assertTrue(date.getMessage().contains("2027.json"), date.getMessage());
        InvalidInputException gap = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 2005, \"kind\": \"LOCAL\", \"documents\": [{\"title\": \"旧账\"}]}]}",
                "2005.json"));
        assertTrue(gap.getMessage().contains("leaves out 2006"), gap.getMessage());
        InvalidInputException unsourced = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 2027, \"restDays\": [\"2027-01-01\"]}]}", "2027.json"));
        assertEquals("years[0].documents", unsourced.field().orElseThrow(), unsourced.getMessage());
        InvalidInputException both = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendarYears(
                "{\"years\": [{\"year\": 2027, \"documents\": [{\"title\": \"通知\"}], \"restDays\": [\"2027-02-06\"],"
                        + " \"adjustedWorkingDays\": [\"2027-02-06\"]}]}", "2027.json"));
        assertEquals("years[0].adjustedWorkingDays[0]", both.field().orElseThrow(), both.getMessage());
        InvalidInputException outside = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendarYears(
                "{\"years\": [{\"year\": 2027, \"documents\": [{\"title\": \"通知\"}], \"restDays\": [\"2028-01-01\"]}]}",
                "2027.json"));
        assertEquals("years[0].restDays[0]", outside.field().orElseThrow(), outside.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": []}", "empty.json"));
        assertEquals(ErrorCode.MISSING_VALUE, none.code());
    }

    @Test
    void aFieldWrittenTwiceIsRefusedNamingItsPathAndLine() {
        InvalidInputException name = refused("{\n  \"name\": \"北京二中院\",\n  \"name\": \"another court\"\n}");
        assertEquals("name", name.field().orElseThrow());
        assertEquals("name 'name': is written twice in the same object; write each field once: which of the two was"
                + " meant cannot be told (in court.json, line 3)", name.getMessage());
        InvalidInputException amount = refused("{\"largeBalanceThreshold\": {\"amount\": \"100.00\","
                + " \"currency\": \"CNY\",\n \"amount\": \"999999.00\"}}");
        assertEquals("largeBalanceThreshold.amount", amount.field().orElseThrow());
        assertTrue(amount.getMessage().endsWith("(in court.json, line 2)"), amount.getMessage());
        InvalidInputException year = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 2027, \"year\": 2028, \"restDays\": []}]}", "2027.json"));
        assertEquals("years[0].year", year.field().orElseThrow());
    }

    @Test
    void aNumericDateOrAnOutsizedNumberIsRefusedNamingTheField() {
        InvalidInputException cutoff = refused("{\"oldBalancesCutoff\": 20221231}");
        assertEquals(ErrorCode.INVALID_DATE, cutoff.code());
        assertEquals("oldBalancesCutoff '20221231': is a number, not a date; write a date in quotes, such as"
                + " \"2025-03-03\" (in court.json)", cutoff.getMessage());
        InvalidInputException noticeDate = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 2027, \"documents\": [{\"title\": \"通知\", \"date\": 20261120}]}]}",
                "2027.json"));
        assertEquals("years[0].documents[0].date", noticeDate.field().orElseThrow());
        InvalidInputException year = assertThrows(InvalidInputException.class, () -> ConfigFiles.parseCalendar(
                "{\"years\": [{\"year\": 1e30}]}", "2027.json"));
        assertEquals("years[0].year", year.field().orElseThrow());
        assertEquals("years[0].year '1e30': is a number (1e30); write a whole number without quotes, such as 10"
                + " (in 2027.json, line 1)", year.getMessage());
        InvalidInputException months = refused("{\"deferralMaximumMonths\": {\"DISPUTED\": 99999999999}}");
        assertTrue(months.field().orElseThrow().startsWith("deferralMaximumMonths"), months.getMessage());
        assertTrue(months.getMessage().contains("is the number 99999999999, too large for this field"),
                months.getMessage());
        InvalidInputException flag = refused("{\"autoClaimExactMatches\": 1}");
        assertEquals("autoClaimExactMatches '1': is a number (1); write true or false, without quotes (in court.json,"
                + " line 1)", flag.getMessage());
        InvalidInputException text = refused("{\"name\": 2025}");
        assertEquals("name", text.field().orElseThrow(), "a number is not read as text");
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped(@TempDir Path folder) throws IOException {
        assertEquals(Policy.spc2017(), ConfigFiles.parsePolicy("\uFEFF{\"preset\": \"SPC 2017\"}", "notepad.json"));
        Path file = folder.resolve("notepad.json");
        Files.write(file, ("\uFEFF{\"preset\": \"SPC 2017\"}\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Policy.spc2017(), ConfigFiles.readPolicy(file));
    }

    @Test
    void aFileOverTheLimitIsRefusedUnread(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("huge.json");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Limits.CONFIG_FILE_BYTES_MAX + 1);
        }
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ConfigFiles.readPolicy(file));
        assertEquals(ErrorCode.LIMIT_EXCEEDED, refused.code());
        assertEquals("file", refused.field().orElseThrow());
    }
}
