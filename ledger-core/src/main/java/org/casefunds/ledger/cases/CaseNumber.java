package org.casefunds.ledger.cases;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.base.TextValue;

/**
 * A Chinese court case number (案号), such as {@code （2023）京02执123号}.
 *
 * <p>Two forms exist (docs/domain.md item 33):
 * <ul>
 * <li>The <b>modern form</b>, used since 2016: {@code （year）court-code type-code sequence 号},
 *     for example {@code （2023）京02执123号}, {@code （2024）鄂0102执恢45号} or
 *     {@code （2019）最高法执监12号}. The court code is a province-level abbreviation (one of
 *     京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼, or 兵 for the courts of the
 *     Xinjiang Production and Construction Corps) followed by 2 to 4 digits, or {@code 最高法}
 *     alone for the Supreme People's Court. The type code is one of {@link #TYPE_CODES}. The year
 *     is {@value #MODERN_FORM_YEAR_MIN} or later.
 * <li>The <b>old form</b>, used before 2016: {@code （year）court type 字第 sequence 号}, for example
 *     {@code （2015）京二中执字第123号}. The court is a free abbreviation of 1 to 8 Chinese
 *     characters and the type 1 to 3 Chinese characters; the year is from {@value Limits#CASE_YEAR_MIN} to
 *     2015. Nothing separates the court from the type, so the type is taken to be the longest
 *     code of {@link #TYPE_CODES} that ends the characters before 字第; failing that, the part
 *     that starts at the first of 执民刑行破财商知赔 among the last three characters; failing that,
 *     the last character.
 * </ul>
 *
 * <p>The sequence is a positive number of at most {@value Limits#CASE_SEQUENCE_DIGITS_MAX} digits.
 *
 * <p>People write case numbers loosely, and {@link #parse(String)} accepts: half-width
 * {@code ()}, full-width {@code （）}, square {@code []} / {@code ［］}, tortoise-shell
 * {@code 〔〕} or lenticular {@code 【】} brackets around the year; full-width digits {@code ０-９};
 * spaces (half-width, full-width, tabs) between the parts and around the text; leading zeros in
 * the sequence; a missing final {@code 号}. It stores one canonical form, which
 * {@link #toString()} returns: full-width parentheses, ASCII digits, no spaces, the sequence
 * without leading zeros, a final {@code 号}. So {@code parse(number.toString())} equals
 * {@code number}, and two case numbers are equal when their canonical forms are.
 *
 * <p>What is not a case number is refused with an {@link InvalidInputException} of code
 * {@link ErrorCode#INVALID_CASE_NUMBER} whose message says what is wrong.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CaseNumber implements Comparable<CaseNumber>, TextValue {
    /** The first year of the modern form; earlier case numbers are in the old form. */
    public static final int MODERN_FORM_YEAR_MIN = 2016;

    /**
     * The type codes of the modern form, in the order error messages list them: the enforcement
     * family (执 enforcement, 执恢 resumed, 执保 preservation, 执异 objection, 执复 review, 执监
     * supervision, 执协 coordination, 执他 other, 执配 distribution, 执限 consumption restriction,
     * 执回 restitution, 执撤 annulment) and the ordinary codes whose money a court's fund ledger
     * sometimes holds (民初, 民终, 刑初, 行初, 财保, 破). Unmodifiable.
     */
    public static final Set<String> TYPE_CODES = Collections.unmodifiableSet(new LinkedHashSet<>(
            Arrays.asList("执", "执恢", "执保", "执异", "执复", "执监", "执协", "执他", "执配", "执限",
                    "执回", "执撤", "民初", "民终", "刑初", "行初", "财保", "破")));

    /** The 31 mainland province-level abbreviations, and 兵 for the Construction Corps. */
    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼兵";
    private static final String SUPREME_COURT = "最高法";
    private static final int COURT_DIGITS_MIN = 2;
    private static final int COURT_DIGITS_MAX = 4;
    private static final int LEGACY_COURT_LENGTH_MAX = 8;
    private static final int LEGACY_TYPE_LENGTH_MAX = 3;
    private static final String LEGACY_TYPE_INITIALS = "执民刑行破财商知赔";

    private static final String MODERN_EXAMPLE = "（2023）京02执123号";
    private static final String LEGACY_EXAMPLE = "（2015）京二中执字第123号";
    private static final String YEAR_FIRST =
            "a case number starts with the year in parentheses, as in " + MODERN_EXAMPLE;

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern BARE_YEAR = Pattern.compile("\\d{4}(?!\\d)");
    /** The type code of the modern form: all up to the sequence, so a bad code is shown whole. */
    private static final Pattern MODERN_TYPE = Pattern.compile("[^\\d 号（）]+");
    /** The court and type of the old form, which may hold spaces between their characters. */
    private static final Pattern LEGACY_RUN =
            Pattern.compile("[^\\d 字第号（）]+(?: +[^\\d 字第号（）]+)*");
    /** The old form is recognised by 字第 before any digit of the sequence. */
    private static final Pattern LEGACY_MARKER = Pattern.compile("[^\\d]*字 *第");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}+");

    /**
     * Where a case number may start and end in normalised free text. Each match is then parsed,
     * so this pattern only has to find every case number, not to reject what is not one. It is
     * bounded everywhere but in spaces, and possessive on the sequence so that a longer number
     * is never cut into a shorter valid one.
     */
    private static final Pattern CANDIDATE;

    static {
        String chinese = "[\\p{IsHan}&&[^号字第]]";
        String modern = "(?:" + SUPREME_COURT + "|[" + PROVINCES + "]\\d{2,4}) *" + chinese
                + "{1,4} *\\d++";
        String legacy = "(?: *" + chinese + "){2,11} *字 *第 *\\d++";
        CANDIDATE = Pattern.compile("（ *\\d{4} *） *(?:" + modern + "|" + legacy + ")(?: *号)?");
    }

    private final int year;
    private final String courtCode;
    private final String typeCode;
    private final long sequence;
    private final boolean legacyForm;
    private final String canonical;

    private CaseNumber(int year, String courtCode, String typeCode, long sequence,
            boolean legacyForm) {
        this.year = year;
        this.courtCode = courtCode;
        this.typeCode = typeCode;
        this.sequence = sequence;
        this.legacyForm = legacyForm;
        this.canonical = "（" + year + "）" + courtCode + typeCode + (legacyForm ? "字第" : "")
                + sequence + "号";
    }

    /**
     * Parses a case number written in any accepted form (see the class description).
     *
     * @param text the text, may be null (and is then refused)
     * @return the case number, never null
     * @throws InvalidInputException with {@link ErrorCode#INVALID_CASE_NUMBER}, field
     *     {@code caseNumber} and the text as value (abbreviated if longer than
     *     {@value Limits#CASE_NUMBER_LENGTH_MAX} characters), if the text is not a case number
     */
    public static CaseNumber parse(String text) {
        return parse(text, "caseNumber");
    }

    /**
     * Parses a case number, naming {@code field} in the error if the text is not one.
     *
     * @param text the text, may be null (and is then refused)
     * @param field the name of the field the text came from, not null
     * @return the case number, never null
     * @throws InvalidInputException with {@link ErrorCode#INVALID_CASE_NUMBER}, the field and the
     *     text as value (abbreviated if longer than {@value Limits#CASE_NUMBER_LENGTH_MAX} characters), if the
     *     text is not a case number
     * @throws NullPointerException if {@code field} is null
     */
    public static CaseNumber parse(String text, String field) {
        Objects.requireNonNull(field, "field");
        if (text != null && text.length() > Limits.CASE_NUMBER_LENGTH_MAX) {
            throw new InvalidInputException(ErrorCode.INVALID_CASE_NUMBER, field,
                    text.substring(0, Limits.CASE_NUMBER_LENGTH_MAX) + "...", "is " + text.length()
                            + " characters long; a case number has at most " + Limits.CASE_NUMBER_LENGTH_MAX);
        }
        String normalised = text == null ? "" : normalise(text).strip();
        Reader reader = new Reader(normalised, field, text);
        if (normalised.isEmpty()) {
            throw reader.refuse("a null or blank text is not a case number");
        }
        int year = readYear(reader);
        boolean legacy = reader.lookingAt(LEGACY_MARKER);
        if (legacy && year >= MODERN_FORM_YEAR_MIN) {
            throw reader.refuse("year " + year + " is after 2015: since " + MODERN_FORM_YEAR_MIN
                    + " the modern form applies, as in " + MODERN_EXAMPLE);
        }
        if (!legacy && year < MODERN_FORM_YEAR_MIN) {
            throw reader.refuse("year " + year + " is before " + MODERN_FORM_YEAR_MIN + ": before "
                    + MODERN_FORM_YEAR_MIN + " the old form applies, as in " + LEGACY_EXAMPLE);
        }
        CaseNumber number = legacy ? readLegacy(reader, year) : readModern(reader, year);
        reader.skipSpaces();
        reader.consume("号");
        reader.skipSpaces();
        if (!reader.atEnd()) {
            throw reader.refuse("unexpected text '" + reader.rest() + "' after the case number");
        }
        return number;
    }

    /**
     * Parses a case number like {@link #parse(String)}, but returns empty instead of throwing.
     *
     * @param text the text, may be null
     * @return the case number, or empty if the text is not one; never null
     */
    public static Optional<CaseNumber> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidInputException notACaseNumber) {
            return Optional.empty();
        }
    }

    /**
     * Finds every case number written in any accepted form inside free text, such as the memo of
     * a bank transfer ({@code "还款 (2023)京02执123 张三"} holds {@code （2023）京02执123号}). What
     * looks like a case number but is not one (an unknown type code, a modern number before 2016)
     * is skipped. Digits next to a sequence belong to it: {@code (2023)京02执12345678} is not read
     * as {@code （2023）京02执1234567号}.
     *
     * @param freeText the text, may be null (then nothing is found)
     * @return the case numbers in order of first appearance, without duplicates; unmodifiable,
     *     possibly empty, never null
     */
    public static List<CaseNumber> findAll(String freeText) {
        if (freeText == null || freeText.isEmpty()) {
            return List.of();
        }
        // Normalising maps one character to one, so positions in it are positions in freeText.
        String text = normalise(freeText);
        Set<CaseNumber> found = new LinkedHashSet<>();
        Matcher candidate = CANDIDATE.matcher(text);
        int from = 0;
        while (from < text.length() && candidate.find(from)) {
            Optional<CaseNumber> number = tryParse(candidate.group());
            if (number.isPresent()) {
                found.add(number.get());
                from = candidate.end();
            } else {
                from = candidate.start() + 1;
            }
        }
        return List.copyOf(found);
    }

    /** The year of filing, from {@value Limits#CASE_YEAR_MIN} to {@value Limits#CASE_YEAR_MAX}. */
    public int year() {
        return year;
    }

    /**
     * The court code, never null: a province and digits ({@code 京02}) or {@code 最高法} in the
     * modern form, the court abbreviation ({@code 京二中}) in the old form.
     */
    public String courtCode() {
        return courtCode;
    }

    /** The type code, never null: {@code 执恢} in {@code （2024）鄂0102执恢45号}. */
    public String typeCode() {
        return typeCode;
    }

    /** The sequence number, positive, at most {@value Limits#CASE_SEQUENCE_DIGITS_MAX} digits. */
    public long sequence() {
        return sequence;
    }

    /** Whether this is an old-form number ({@code （2015）京二中执字第123号}), from before 2016. */
    public boolean isLegacyForm() {
        return legacyForm;
    }

    /** Whether this is an enforcement case: its type code starts with 执. */
    public boolean isEnforcement() {
        return typeCode.startsWith("执");
    }

    /**
     * Compares by year, court code, type code and sequence, in that order; text compares in
     * UTF-16 order. Consistent with {@link #equals(Object)}.
     *
     * @param other the other case number, not null
     * @throws NullPointerException if {@code other} is null
     */
    @Override
    public int compareTo(CaseNumber other) {
        int byYear = Integer.compare(year, other.year);
        if (byYear != 0) {
            return byYear;
        }
        int byCourt = courtCode.compareTo(other.courtCode);
        if (byCourt != 0) {
            return byCourt;
        }
        int byType = typeCode.compareTo(other.typeCode);
        if (byType != 0) {
            return byType;
        }
        int bySequence = Long.compare(sequence, other.sequence);
        // Equal parts mean equal canonical forms (one year has one form); this only keeps the
        // promise of consistency with equals should that ever change.
        return bySequence != 0 ? bySequence : canonical.compareTo(other.canonical);
    }

    /** Equal when the canonical forms are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CaseNumber && canonical.equals(((CaseNumber) other).canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /**
     * The canonical form, never null: {@code （2023）京02执123号} or {@code （2015）京二中执字第123号},
     * which {@link #parse(String)} reads back to an equal case number.
     */
    @Override
    public String toString() {
        return canonical;
    }

    /** Maps each character to one character: digits to ASCII, brackets to （）, spaces to ' '. */
    private static String normalise(String text) {
        StringBuilder normalised = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '０' && c <= '９') {
                normalised.append((char) ('0' + (c - '０')));
            } else if ("(（[［〔【".indexOf(c) >= 0) {
                normalised.append('（');
            } else if (")）]］〕】".indexOf(c) >= 0) {
                normalised.append('）');
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                normalised.append(' ');
            } else {
                normalised.append(c);
            }
        }
        return normalised.toString();
    }

    private static int readYear(Reader reader) {
        if (!reader.consume("（")) {
            if (reader.lookingAt(BARE_YEAR)) {
                throw reader.refuse("the year must be in parentheses, as in " + MODERN_EXAMPLE);
            }
            int open = reader.text.indexOf('（');
            if (open > 0) {
                throw reader.refuse("unexpected text '" + reader.text.substring(0, open).strip()
                        + "' before the year: " + YEAR_FIRST);
            }
            throw reader.refuse("the year is missing: " + YEAR_FIRST);
        }
        reader.skipSpaces();
        String digits = reader.read(DIGITS);
        if (digits.isEmpty()) {
            throw reader.refuse("the year is missing: " + YEAR_FIRST);
        }
        if (digits.length() != 4) {
            throw reader.refuse("the year '" + digits + "' must have four digits, as in （2023）");
        }
        reader.skipSpaces();
        if (!reader.consume("）")) {
            throw reader.refuse("the closing parenthesis after the year is missing, as in （2023）");
        }
        int year = Integer.parseInt(digits);
        if (year < Limits.CASE_YEAR_MIN || year > Limits.CASE_YEAR_MAX) {
            throw reader.refuse("year " + year + " is out of range " + Limits.CASE_YEAR_MIN + ".." + Limits.CASE_YEAR_MAX);
        }
        reader.skipSpaces();
        return year;
    }

    private static CaseNumber readModern(Reader reader, int year) {
        String court = readCourtCode(reader);
        reader.skipSpaces();
        String type = reader.read(MODERN_TYPE);
        if (type.isEmpty()) {
            throw reader.refuse("the type code is missing after the court code, as in 京02执123号");
        }
        if (!TYPE_CODES.contains(type)) {
            throw reader.refuse("unknown type code '" + type + "'; known codes: "
                    + String.join(", ", TYPE_CODES));
        }
        long sequence = readSequence(reader);
        return new CaseNumber(year, court, type, sequence, false);
    }

    private static String readCourtCode(Reader reader) {
        if (reader.consume(SUPREME_COURT)) {
            return SUPREME_COURT;
        }
        if (reader.atEnd()) {
            throw reader.refuse("the court code is missing after the year, as in "
                    + MODERN_EXAMPLE);
        }
        int first = reader.text.codePointAt(reader.position);
        String province = Character.toString(first);
        if (first >= '0' && first <= '9') {
            throw reader.refuse("the court code needs a province before its digits, as in 京02");
        }
        if (PROVINCES.indexOf(first) < 0) {
            throw reader.refuse("unknown province '" + province + "' in the court code; a court "
                    + "code is one of " + PROVINCES + " followed by 2 to 4 digits, or "
                    + SUPREME_COURT);
        }
        reader.position += province.length();
        String digits = reader.read(DIGITS);
        if (digits.isEmpty()) {
            throw reader.refuse("court code '" + province
                    + "' needs digits after the province, as in 京02");
        }
        if (digits.length() < COURT_DIGITS_MIN || digits.length() > COURT_DIGITS_MAX) {
            throw reader.refuse("court code '" + province + digits + "' must have "
                    + COURT_DIGITS_MIN + " to " + COURT_DIGITS_MAX
                    + " digits after the province, as in 京02 or 鄂0102");
        }
        return province + digits;
    }

    private static CaseNumber readLegacy(Reader reader, int year) {
        String run = reader.read(LEGACY_RUN).replace(" ", "");
        int length = run.codePointCount(0, run.length());
        if (length < 2) {
            throw reader.refuse("the old form needs a court and a type before 字第, as in "
                    + LEGACY_EXAMPLE);
        }
        if (!CHINESE.matcher(run).matches()) {
            throw reader.refuse("the court and type '" + run
                    + "' must be Chinese characters, as in 京二中执");
        }
        if (length > LEGACY_COURT_LENGTH_MAX + LEGACY_TYPE_LENGTH_MAX) {
            throw reader.refuse("the court and type '" + run + "' are longer than "
                    + (LEGACY_COURT_LENGTH_MAX + LEGACY_TYPE_LENGTH_MAX)
                    + " characters (a court of at most " + LEGACY_COURT_LENGTH_MAX
                    + " and a type of at most " + LEGACY_TYPE_LENGTH_MAX + ")");
        }
        int typeStart = legacyTypeStart(run);
        String court = run.substring(0, typeStart);
        if (court.codePointCount(0, court.length()) > LEGACY_COURT_LENGTH_MAX) {
            throw reader.refuse("the court '" + court + "' is longer than "
                    + LEGACY_COURT_LENGTH_MAX + " characters");
        }
        reader.skipSpaces();
        boolean marker = reader.consume("字");
        reader.skipSpaces();
        if (!marker || !reader.consume("第")) {
            throw reader.refuse("expected 字第 after the court and type '" + run + "', found '"
                    + reader.rest() + "'");
        }
        long sequence = readSequence(reader);
        return new CaseNumber(year, court, run.substring(typeStart), sequence, true);
    }

    /** Where the type starts in the court and type of the old form (see the class description). */
    private static int legacyTypeStart(String run) {
        int lengthMax = Math.min(LEGACY_TYPE_LENGTH_MAX, run.length() - 1);
        for (int length = lengthMax; length >= 1; length--) {
            if (TYPE_CODES.contains(run.substring(run.length() - length))) {
                return run.length() - length;
            }
        }
        for (int i = Math.max(1, run.length() - LEGACY_TYPE_LENGTH_MAX); i < run.length(); i++) {
            if (LEGACY_TYPE_INITIALS.indexOf(run.charAt(i)) >= 0) {
                return i;
            }
        }
        return run.offsetByCodePoints(run.length(), -1);
    }

    private static long readSequence(Reader reader) {
        reader.skipSpaces();
        String digits = reader.read(DIGITS);
        if (digits.isEmpty()) {
            throw reader.refuse("the sequence number is missing: it follows the type code, as in "
                    + "执123号 or 执字第123号");
        }
        int firstSignificant = 0;
        while (firstSignificant < digits.length() && digits.charAt(firstSignificant) == '0') {
            firstSignificant++;
        }
        String significant = digits.substring(firstSignificant);
        if (significant.isEmpty()) {
            throw reader.refuse("the sequence number must be positive, not " + digits);
        }
        if (significant.length() > Limits.CASE_SEQUENCE_DIGITS_MAX) {
            throw reader.refuse("the sequence number '" + digits + "' has more than "
                    + Limits.CASE_SEQUENCE_DIGITS_MAX + " digits");
        }
        return Long.parseLong(significant);
    }

    /** A cursor over normalised text, which knows the field and value to name in an error. */
    private static final class Reader {
        final String text;
        private final String field;
        private final String value;
        int position;

        Reader(String text, String field, String value) {
            this.text = text;
            this.field = field;
            this.value = value;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        String rest() {
            return text.substring(position);
        }

        void skipSpaces() {
            while (position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
        }

        boolean consume(String expected) {
            if (text.startsWith(expected, position)) {
                position += expected.length();
                return true;
            }
            return false;
        }

        boolean lookingAt(Pattern pattern) {
            return pattern.matcher(text).region(position, text.length()).lookingAt();
        }

        /** Reads what {@code pattern} matches at the position, or returns "" and stays put. */
        String read(Pattern pattern) {
            Matcher matcher = pattern.matcher(text).region(position, text.length());
            if (!matcher.lookingAt()) {
                return "";
            }
            position = matcher.end();
            return matcher.group();
        }

        InvalidInputException refuse(String message) {
            return new InvalidInputException(ErrorCode.INVALID_CASE_NUMBER, field, value,
                    message);
        }
    }
}
