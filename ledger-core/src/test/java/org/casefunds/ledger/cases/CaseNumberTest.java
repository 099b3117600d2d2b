package org.casefunds.ledger.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/*
 * Goal: CaseNumber reads every way people write a case number (docs/domain.md item 33) into one
 * canonical form that reads back to itself, refuses what is not a case number with
 * INVALID_CASE_NUMBER, the field, the value and a message that names the problem, and finds
 * exactly the case numbers written inside free text such as a bank memo.
 *
 * Method: examples for each written form, each accepted variant and each refusal (asserting a
 * distinctive fragment of its message); then QuickTheories properties over random valid case
 * numbers of both forms, each written in a random variant (bracket style, full-width or mixed
 * digits, spaces between the parts, leading zeros, with or without 号, surrounding white space).
 * The expected canonical form is built here from the generated parts, independently of the
 * class. The memo property embeds variants in random text over an alphabet without digits,
 * brackets or 号, which therefore cannot form or extend a case number. Raise the number of
 * examples with -Dproperty.examples=2000.
 */
class CaseNumberTest {
    private static final List<String> PROVINCES = List.of("京", "津", "沪", "渝", "冀", "豫", "云",
            "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣", "鄂", "桂", "甘", "晋", "蒙", "陕", "吉",
            "闽", "贵", "粤", "青", "藏", "川", "宁", "琼", "兵");
    private static final List<String> TYPES = List.of("执", "执恢", "执保", "执异", "执复", "执监",
            "执协", "执他", "执配", "执限", "执回", "执撤", "民初", "民终", "刑初", "行初", "财保", "破");
    /** Characters of old-form court names in the generator; none ends or starts a type code. */
    private static final String LEGACY_COURT_CHARACTERS = "京沪海淀朝阳一二三中高浦东西城南北";
    private static final List<String> OPENING = List.of("（", "(", "[", "〔", "［", "【");
    private static final List<String> CLOSING = List.of("）", ")", "]", "〕", "］", "】");
    private static final List<String> GAPS = List.of("", "", " ", "\u3000", "  ", " \u3000");
    private static final List<String> MARGINS = List.of("", "", " ", "\t", "\u3000 ", "\n");
    /** Memo text: no digit, bracket or 号, so it can neither form nor extend a case number. */
    private static final String MEMO_ALPHABET = "还款张三李四执行案款转账退费京沪字第 ，。：;-abcXYZ\u3000";

    // ----- parsing: examples -----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "（2023）京02执123号 | （2023）京02执123号",
        "（2024）鄂0102执恢45号 | （2024）鄂0102执恢45号",
        "（2025）京0105执保3号 | （2025）京0105执保3号",
        "（2019）最高法执监12号 | （2019）最高法执监12号",
        "（2023）兵0101执异7号 | （2023）兵0101执异7号",
        "（2023）沪01民初88号 | （2023）沪01民初88号",
        "（2022）粤0304破2号 | （2022）粤0304破2号",
        "(2023)京02执123号 | （2023）京02执123号",
        "[2023]京02执123号 | （2023）京02执123号",
        "〔2023〕京02执123号 | （2023）京02执123号",
        "［2023］京02执123号 | （2023）京02执123号",
        "【2023】京02执123号 | （2023）京02执123号",
        "（２０２３）京０２执１２３号 | （2023）京02执123号",
        "(２０２3)京0２执1２3 | （2023）京02执123号",
        "（2023） 京02 执 123 号 | （2023）京02执123号",
        "'（ 2023 ）\u3000京02\u3000执恢\u300045\u3000号' | （2023）京02执恢45号",
        "（2023）京02执123 | （2023）京02执123号",
        "'  （2023）京02执123号\u3000 ' | （2023）京02执123号",
        "（2023）京02执00123号 | （2023）京02执123号",
        "（2015）京二中执字第123号 | （2015）京二中执字第123号",
        "(2015)京二中执字第123 | （2015）京二中执字第123号",
        "（2014） 京高 执复 字 第 12 号 | （2014）京高执复字第12号",
        "〔２０１０〕海淀执恢字第００７号 | （2010）海淀执恢字第7号",
        "（2012）沪一中民终字第5号 | （2012）沪一中民终字第5号",
    })
    void everyWrittenFormParsesToItsCanonicalForm(String text, String canonical) {
        CaseNumber number = CaseNumber.parse(text);
        assertEquals(canonical, number.toString());
        assertEquals(number, CaseNumber.parse(number.toString()), "round trip");
    }

    @Test
    void accessorsGiveTheParts() {
        CaseNumber modern = CaseNumber.parse("（2024）鄂0102执恢045");
        assertEquals(2024, modern.year());
        assertEquals("鄂0102", modern.courtCode());
        assertEquals("执恢", modern.typeCode());
        assertEquals(45L, modern.sequence());
        assertFalse(modern.isLegacyForm());
        assertTrue(modern.isEnforcement());

        CaseNumber supreme = CaseNumber.parse("（2019）最高法执监12号");
        assertEquals("最高法", supreme.courtCode());
        assertEquals("执监", supreme.typeCode());

        CaseNumber ordinary = CaseNumber.parse("（2023）沪01民初88号");
        assertFalse(ordinary.isEnforcement());
        assertEquals("民初", ordinary.typeCode());
    }

    @Test
    void theOldFormSplitsCourtAndType() {
        CaseNumber old = CaseNumber.parse("（2015）京二中执字第123号");
        assertEquals(2015, old.year());
        assertEquals("京二中", old.courtCode());
        assertEquals("执", old.typeCode());
        assertEquals(123L, old.sequence());
        assertTrue(old.isLegacyForm());
        assertTrue(old.isEnforcement());

        CaseNumber resumed = CaseNumber.parse("（2014）京高执复字第12号");
        assertEquals("京高", resumed.courtCode());
        assertEquals("执复", resumed.typeCode());

        CaseNumber civil = CaseNumber.parse("（2012）沪一中民终字第5号");
        assertEquals("沪一中", civil.courtCode());
        assertEquals("民终", civil.typeCode());
        assertFalse(civil.isEnforcement());

        // A type outside TYPE_CODES starts at its case-kind character.
        CaseNumber petition = CaseNumber.parse("（2013）京高民申字第3号");
        assertEquals("京高", petition.courtCode());
        assertEquals("民申", petition.typeCode());
    }

    @Test
    void typeCodesAreTheDocumentedUnmodifiableSet() {
        assertEquals(TYPES, List.copyOf(CaseNumber.TYPE_CODES));
        assertThrows(UnsupportedOperationException.class, () -> CaseNumber.TYPE_CODES.add("执X"));
    }

    // ----- parsing: refusals -----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | a null or blank text is not a case number",
        "'  \u3000 ' | a null or blank text is not a case number",
        "京02执123号 | the year is missing: a case number starts with the year in parentheses",
        "（）京02执123号 | the year is missing",
        "2023京02执123号 | the year must be in parentheses",
        "案号（2023）京02执123号 | unexpected text '案号' before the year",
        "（23）京02执123号 | the year '23' must have four digits",
        "（2023京02执123号 | the closing parenthesis after the year is missing",
        "（2101）京02执123号 | year 2101 is out of range 1980..2100",
        "（1979）京二中执字第1号 | year 1979 is out of range 1980..2100",
        "（2014）京02执1号 | before 2016 the old form applies",
        "（2016）京二中执字第1号 | since 2016 the modern form applies",
        "（2023） | the court code is missing",
        "（2023）X02执123号 | unknown province 'X' in the court code",
        "（2023）港02执123号 | unknown province '港' in the court code",
        "（2023）02执123号 | the court code needs a province before its digits",
        "（2023）京执123号 | court code '京' needs digits after the province, as in 京02",
        "（2023）京12345执123号 | court code '京12345' must have 2 to 4 digits",
        "（2023）京02 123号 | the type code is missing",
        "（2023）京02执X123号 | unknown type code '执X'; known codes: 执, 执恢, 执保",
        "（2023）京02执行123号 | unknown type code '执行'",
        "（2023）京02执号 | the sequence number is missing",
        "（2023）京02执 | the sequence number is missing",
        "（2015）京二中执字第号 | the sequence number is missing",
        "（2023）京02执0号 | the sequence number must be positive, not 0",
        "（2023）京02执000号 | the sequence number must be positive, not 000",
        "（2023）京02执12345678号 | the sequence number '12345678' has more than 7 digits",
        "（2023）京02执123号abc | unexpected text 'abc' after the case number",
        "（2023）京02执123号号 | unexpected text '号' after the case number",
        "（2023）京02执123号 （2023）京02执124号 | unexpected text '（2023）京02执124号'",
        "（2015）执字第1号 | the old form needs a court and a type before 字第",
        "（2015）京X执字第1号 | the court and type '京X执' must be Chinese characters",
        "（2015）京二中执号字第1号 | expected 字第 after the court and type '京二中执'",
        "（2015）一二三四五六七八九十一执字第1号 | are longer than 11 characters",
        "（2015）一二三四五六七八九十字第1号 | the court '一二三四五六七八九' is longer than 8",
    })
    void badTextIsRefusedSayingWhatIsWrong(String text, String fragment) {
        assertRefused(text, fragment);
    }

    @Test
    void nullIsRefused() {
        InvalidInputException refused = assertRefused(null, "a null or blank text");
        assertEquals(Optional.empty(), refused.value());
    }

    @Test
    void tooLongTextIsRefusedBeforeItIsRead() {
        String text = "（2023）京02执123号" + "x".repeat(Limits.CASE_NUMBER_LENGTH_MAX);
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> CaseNumber.parse(text));
        assertEquals(ErrorCode.INVALID_CASE_NUMBER, refused.code());
        assertEquals(Optional.of("caseNumber"), refused.field());
        assertTrue(refused.value().orElseThrow().startsWith(text.substring(0, 64)));
        assertTrue(refused.getMessage().contains("a case number has at most 64"),
                refused.getMessage());
        // Text of exactly 64 characters is still read.
        String longest = "（2023）京02执123号" + " ".repeat(64 - 14);
        assertEquals(64, longest.length());
        assertEquals("（2023）京02执123号", CaseNumber.parse(longest).toString());
    }

    @Test
    void anotherFieldCanBeNamed() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> CaseNumber.parse("（2023）京02执0号", "account"));
        assertEquals(Optional.of("account"), refused.field());
        assertEquals(Optional.of("（2023）京02执0号"), refused.value());
        assertEquals(ErrorCode.INVALID_CASE_NUMBER, refused.code());
    }

    @Test
    void tryParseReturnsEmptyInsteadOfThrowing() {
        assertEquals(Optional.empty(), CaseNumber.tryParse(null));
        assertEquals(Optional.empty(), CaseNumber.tryParse(""));
        assertEquals(Optional.empty(), CaseNumber.tryParse("（2023）京02执X1号"));
        assertEquals(Optional.of(CaseNumber.parse("（2023）京02执1号")),
                CaseNumber.tryParse("(2023)京02执1"));
    }

    // ----- equality and order -----

    @Test
    void equalityIsOnTheCanonicalForm() {
        CaseNumber written = CaseNumber.parse("(２０２３) 京02 执 0123");
        CaseNumber canonical = CaseNumber.parse("（2023）京02执123号");
        assertEquals(canonical, written);
        assertEquals(canonical.hashCode(), written.hashCode());
        assertEquals(0, canonical.compareTo(written));
        assertNotEquals(canonical, CaseNumber.parse("（2023）京02执124号"));
        assertNotEquals(canonical, CaseNumber.parse("（2023）京02执恢123号"));
        assertNotEquals((Object) canonical, "（2023）京02执123号");
    }

    @Test
    void orderIsByYearCourtTypeThenSequence() {
        List<String> expected = List.of("（2015）京二中执字第9号", "（2023）京01执5号",
                "（2023）京02执2号", "（2023）京02执10号", "（2023）京02执恢1号", "（2024）京02执1号");
        List<CaseNumber> numbers = new ArrayList<>();
        for (String text : expected) {
            numbers.add(CaseNumber.parse(text));
        }
        Collections.reverse(numbers);
        Collections.sort(numbers);
        List<String> sorted = new ArrayList<>();
        for (CaseNumber number : numbers) {
            sorted.add(number.toString());
        }
        assertEquals(expected, sorted);
    }

    // ----- finding in free text: examples -----

    @Test
    void findsTheCaseNumberInABankMemo() {
        assertEquals(List.of(CaseNumber.parse("（2023）京02执123号")),
                CaseNumber.findAll("还款 (2023)京02执123 张三"));
        assertEquals(List.of(CaseNumber.parse("（2019）最高法执监12号")),
                CaseNumber.findAll("最高法 案款(2019)最高法执监12号。"));
    }

    @Test
    void findsNothingWhereThereIsNothing() {
        assertEquals(List.of(), CaseNumber.findAll(null));
        assertEquals(List.of(), CaseNumber.findAll(""));
        assertEquals(List.of(), CaseNumber.findAll("工资 3000 元 (2023年) 京02 执行款"));
    }

    @Test
    void findsEveryCaseNumberOnceInOrderOfAppearance() {
        List<CaseNumber> found = CaseNumber.findAll(
                "（2024）鄂0102执恢45号；(2023)京02执1 与［２０２３］京０２执０１号 重复");
        assertEquals(List.of(CaseNumber.parse("（2024）鄂0102执恢45号"),
                CaseNumber.parse("（2023）京02执1号")), found);
        assertThrows(UnsupportedOperationException.class, () -> found.add(found.get(0)));
        assertEquals(List.of(CaseNumber.parse("（2023）京02执1号"), CaseNumber.parse("（2023）京02执2号")),
                CaseNumber.findAll("(2023)京02执1(2023)京02执2号"));
    }

    @Test
    void findsOldFormNumbers() {
        assertEquals(List.of(CaseNumber.parse("（2015）京二中执字第123号"),
                CaseNumber.parse("（2010）海淀执恢字第7号")),
                CaseNumber.findAll("退（2015）京二中执字第123号案款，及(2010)海淀执恢字第7"));
    }

    @Test
    void skipsWhatOnlyLooksLikeACaseNumber() {
        // A modern number before 2016, an unknown type code, a sequence too long to be one (and
        // not cut short into a valid one), an old form after 2015.
        String memo = "(2014)京02执1号 (2023)京02执行2 (2023)京02执12345678 "
                + "(2016)京二中执字第4号 然后(2023)京02执3号";
        assertEquals(List.of(CaseNumber.parse("（2023）京02执3号")), CaseNumber.findAll(memo));
    }

    // ----- properties -----

    @Test
    void everyVariantParsesToTheCanonicalFormAndRoundTrips() {
        examples().forAll(written()).checkAssert(written -> {
            CaseNumber number = CaseNumber.parse(written.variant());
            assertEquals(written.canonical(), number.toString(), "canonical form");
            assertEquals(CaseNumber.parse(written.canonical()), number, "variant = canonical");
            assertEquals(number, CaseNumber.parse(number.toString()), "round trip");
            assertEquals(number.hashCode(), CaseNumber.parse(number.toString()).hashCode());
            assertEquals(written.year(), number.year());
            assertEquals(written.court(), number.courtCode());
            assertEquals(written.type(), number.typeCode());
            assertEquals(written.sequence(), number.sequence());
            assertEquals(written.legacy(), number.isLegacyForm());
            assertEquals(written.type().startsWith("执"), number.isEnforcement());
        });
    }

    @Test
    void findAllFindsExactlyTheVariantEmbeddedInAMemo() {
        examples().forAll(memoText(), written(), memoText())
                .checkAssert((before, written, after) -> {
                    List<CaseNumber> found = CaseNumber.findAll(before + written.variant() + after);
                    assertEquals(List.of(CaseNumber.parse(written.canonical())), found);
                });
    }

    @Test
    void findAllKeepsOrderAndDropsDuplicates() {
        examples().forAll(written(), written(), memoText(), memoText())
                .checkAssert((first, second, between, after) -> {
                    String memo = first.variant() + between + second.variant() + after
                            + first.variant();
                    CaseNumber one = CaseNumber.parse(first.canonical());
                    CaseNumber two = CaseNumber.parse(second.canonical());
                    List<CaseNumber> expected = one.equals(two) ? List.of(one) : List.of(one, two);
                    assertEquals(expected, CaseNumber.findAll(memo));
                });
    }

    // ----- helpers -----

    private static InvalidInputException assertRefused(String text, String fragment) {
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> CaseNumber.parse(text));
        assertEquals(ErrorCode.INVALID_CASE_NUMBER, refused.code());
        assertEquals(Optional.of("caseNumber"), refused.field());
        assertEquals(Optional.ofNullable(text), refused.value());
        assertTrue(refused.getMessage().contains(fragment),
                () -> "message '" + refused.getMessage() + "' should contain '" + fragment + "'");
        return refused;
    }

    private static QuickTheory examples() {
        return qt().withExamples(Integer.getInteger("property.examples", 200));
    }

    /** A generated case number: its parts, and one way of writing it. */
    private record Written(int year, String court, String type, long sequence, boolean legacy,
            String variant) {
        /** The canonical form, built from the parts independently of the class under test. */
        String canonical() {
            return "（" + year + "）" + court + type + (legacy ? "字第" : "") + sequence + "号";
        }
    }

    private static Gen<Written> written() {
        Gen<Boolean> legacyForms = integers().between(0, 3).map(n -> n == 0);
        Gen<Written> written = random -> legacyForms.generate(random)
                ? legacyWritten(random) : modernWritten(random);
        return written.describedAs(w -> w.variant() + " (canonical " + w.canonical() + ")");
    }

    private static Written modernWritten(RandomnessSource random) {
        int year = integers().between(2016, 2100).generate(random);
        String court;
        if (integers().between(0, 9).generate(random) == 0) {
            court = "最高法";
        } else {
            int digitCount = integers().between(2, 4).generate(random);
            court = Generate.pick(PROVINCES).generate(random) + digits(random, digitCount);
        }
        String type = Generate.pick(TYPES).generate(random);
        long sequence = longs().between(1, 9_999_999).generate(random);
        String[] parts = {court, type, zeros(random) + sequence};
        return new Written(year, court, type, sequence, false, write(random, year, parts));
    }

    private static Written legacyWritten(RandomnessSource random) {
        int year = integers().between(1980, 2015).generate(random);
        int courtLength = integers().between(1, 8).generate(random);
        StringBuilder court = new StringBuilder();
        for (int i = 0; i < courtLength; i++) {
            int at = integers().between(0, LEGACY_COURT_CHARACTERS.length() - 1).generate(random);
            court.append(LEGACY_COURT_CHARACTERS.charAt(at));
        }
        String type = Generate.pick(TYPES).generate(random);
        long sequence = longs().between(1, 9_999_999).generate(random);
        String[] parts = {court.toString(), type, "字", "第", zeros(random) + sequence};
        return new Written(year, court.toString(), type, sequence, true,
                write(random, year, parts));
    }

    /** Writes a case number in a random variant: brackets, gaps, 号 or not, digits, margins. */
    private static String write(RandomnessSource random, int year, String[] parts) {
        int bracket = integers().between(0, OPENING.size() - 1).generate(random);
        StringBuilder text = new StringBuilder();
        text.append(Generate.pick(MARGINS).generate(random)).append(OPENING.get(bracket))
                .append(gap(random)).append(year).append(gap(random))
                .append(CLOSING.get(bracket));
        for (String part : parts) {
            text.append(gap(random)).append(part);
        }
        if (Generate.booleans().generate(random)) {
            text.append(gap(random)).append('号');
        }
        text.append(Generate.pick(MARGINS).generate(random));
        return withDigitStyle(text.toString(), integers().between(0, 2).generate(random));
    }

    /** Style 0: ASCII digits; 1: full-width digits; 2: every other digit full-width. */
    private static String withDigitStyle(String text, int style) {
        StringBuilder styled = new StringBuilder();
        int digitIndex = 0;
        for (char c : text.toCharArray()) {
            boolean fullWidth = style == 1 || (style == 2 && digitIndex % 2 == 0);
            if (c >= '0' && c <= '9') {
                styled.append(fullWidth ? (char) ('０' + (c - '0')) : c);
                digitIndex++;
            } else {
                styled.append(c);
            }
        }
        return styled.toString();
    }

    private static String gap(RandomnessSource random) {
        return Generate.pick(GAPS).generate(random);
    }

    private static String zeros(RandomnessSource random) {
        return "0".repeat(integers().between(0, 2).generate(random));
    }

    private static String digits(RandomnessSource random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(integers().between(0, 9).generate(random));
        }
        return digits.toString();
    }

    private static Gen<String> memoText() {
        Gen<String> memo = random -> {
            int length = integers().between(0, 20).generate(random);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int at = integers().between(0, MEMO_ALPHABET.length() - 1).generate(random);
                text.append(MEMO_ALPHABET.charAt(at));
            }
            return text.toString();
        };
        return memo.describedAs(text -> "'" + text + "'");
    }
}
