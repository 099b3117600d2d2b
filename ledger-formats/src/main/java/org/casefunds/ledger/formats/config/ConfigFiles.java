package org.casefunds.ledger.formats.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casefunds.ledger.approvals.ApprovalTier;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.policy.AmountTier;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Period;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.formats.Json;
import org.joda.money.Money;

/**
 * Reads a court's policy and working-day calendar from JSON files (the core reads no files and has
 * no JSON library). Strict: an unknown field, a field written twice, a value of the wrong type or
 * an impossible value is refused with an {@link InvalidInputException} naming the field (as a JSON
 * path) and the file, and its line where known; an unknown field also with the closest field of its
 * place ("did you mean"). A byte order mark at the start of the file (which Windows Notepad writes)
 * is skipped.
 *
 * <h2>Policy file</h2>
 * Every field is optional and overrides the preset named by {@code preset} (default
 * {@code "10+5 working days"}; the other is {@code "SPC 2017"}). Periods are written
 * {@code "10 working days"} or {@code "30 calendar days"}; money as
 * {@code {"amount": "100000.00", "currency": "CNY"}}, the amount a quoted plain decimal string (see
 * {@link org.casefunds.ledger.money.Amounts#parse}); dates as {@code "2022-12-31"}.
 * <pre>{@code
 * {
 *   "preset": "10+5 working days",
 *   "name": "北京二中院",
 *   "noticeDeadline": "10 working days",
 *   "amountTiers": [{"from": {"amount": "0.00", "currency": "CNY"}, "noticeDeadline": "5 working days"},
 *                   {"from": {"amount": "100000.00", "currency": "CNY"}, "noticeDeadline": "10 working days"}],
 *   "restartAfterDeferral": "10 working days",
 *   "settlementDeadline": "5 working days",
 *   "claimingDeadline": "3 working days",
 *   "warningHorizon": "3 working days",
 *   "deferralMaximumMonths": {"DISPUTED": 6},
 *   "claimedClockStart": "ARRIVAL",
 *   "approvalTiers": [{"from": {"amount": "0.00", "currency": "CNY"}, "roles": ["DIVISION_HEAD"]}],
 *   "reversalApprovers": ["BUREAU_DIRECTOR"],
 *   "deferralApprovers": ["BUREAU_DIRECTOR", "COURT_LEADER"],
 *   "returnedMoneyRestartsClock": true,
 *   "largeBalanceThreshold": {"amount": "1000000.00", "currency": "CNY"},
 *   "oldBalancesCutoff": "2022-12-31",
 *   "autoClaimExactMatches": false
 * }
 * }</pre>
 *
 * <h2>Calendar file</h2>
 * The rest days and adjusted working days of one or more years (in any order, not necessarily
 * consecutive), a day or a range {@code "2027-02-06..2027-02-13"}, each with where it comes from:
 * {@code "kind"} {@code OFFICIAL} (the State Council's notice; the default) or {@code LOCAL} (a
 * court's own adjustment), and the documents, each with its number, date and title. For jurisdiction
 * {@code "CN"} the years replace the shipped ones (a court adopts them with
 * {@code casefunds calendar adopt}); for another jurisdiction they are the whole calendar.
 * <pre>{@code
 * {"jurisdiction": "CN",
 *  "years": [{"year": 2027, "kind": "OFFICIAL",
 *             "documents": [{"number": "国办发明电〔2026〕9号", "date": "2026-11-10",
 *                          "title": "国务院办公厅关于2027年部分节假日安排的通知"}],
 *             "restDays": ["2027-01-01", "2027-02-06..2027-02-13"],
 *             "adjustedWorkingDays": ["2027-02-14"]}]}
 * }</pre>
 */
public final class ConfigFiles {
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,3}) (working|calendar) days?");
    private static final ObjectMapper JSON = Json.strictMapper();
    /** What Windows Notepad writes at the start of a UTF-8 file; skipped. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private ConfigFiles() {
    }

    /** The strict JSON mapper of the project; see {@link Json#strictMapper}. */
    public static ObjectMapper mapper() {
        return Json.strictMapper();
    }

    /** What a policy file may hold; every field optional. */
    record PolicyDocument(
            String preset, String name, String noticeDeadline, List<AmountTierDocument> amountTiers,
            String restartAfterDeferral, String settlementDeadline, String claimingDeadline, String warningHorizon,
            Map<DeferralReason, Integer> deferralMaximumMonths, Policy.ClockStart claimedClockStart,
            List<ApprovalTierDocument> approvalTiers, List<Role> reversalApprovers, List<Role> deferralApprovers,
            Boolean returnedMoneyRestartsClock, Money largeBalanceThreshold, LocalDate oldBalancesCutoff,
            Boolean autoClaimExactMatches) {
    }

    record AmountTierDocument(Money from, String noticeDeadline) {
    }

    record ApprovalTierDocument(Money from, List<Role> roles) {
    }

    record CalendarDocument(String jurisdiction, List<YearDocument> years) {
    }

    record YearDocument(Integer year, CalendarSource.Kind kind, List<DocumentEntry> documents, List<String> restDays,
            List<String> adjustedWorkingDays) {
    }

    record DocumentEntry(String number, LocalDate date, String title) {
    }

    /**
     * Reads a policy file.
     *
     * @throws InvalidInputException naming the field and the file, if the file is not a valid policy
     * @throws StorageException if the file cannot be read
     */
    public static Policy readPolicy(Path file) {
        return parsePolicy(read(file), file.toString());
    }

    /** Parses the text of a policy file; {@code source} names it in errors. */
    public static Policy parsePolicy(String json, String source) {
        return read(json, source, PolicyDocument.class, document -> policy(document, source));
    }

    private static Policy policy(PolicyDocument document, String source) {
        try {
            Policy.Builder policy = Policy.preset(document.preset() == null ? Policy.DEFAULT_NAME
                    : document.preset()).toBuilder();
            if (document.name() != null) {
                policy.name(document.name());
            }
            if (document.noticeDeadline() != null) {
                policy.noticeDeadline(period(document.noticeDeadline(), "noticeDeadline"));
            }
            if (document.amountTiers() != null) {
                List<AmountTier> tiers = new ArrayList<>();
                for (int i = 0; i < document.amountTiers().size(); i++) {
                    AmountTierDocument tier = document.amountTiers().get(i);
                    tiers.add(new AmountTier(tier.from(), period(tier.noticeDeadline(),
                            "amountTiers[" + i + "].noticeDeadline")));
                }
                policy.amountTiers(tiers);
            }
            periods(document, policy);
            if (document.deferralMaximumMonths() != null) {
                Map<DeferralReason, Integer> months = new EnumMap<>(Policy.defaults().deferralMaximumMonths());
                months.putAll(document.deferralMaximumMonths());
                policy.deferralMaximumMonths(months);
            }
            others(document, policy);
            return policy.build();
        } catch (InvalidInputException refused) {
            throw new InvalidInputException(refused.code(), refused.field().orElse(null),
                    refused.value().orElse(null), refusedMessage(refused) + " (in " + source + ")", refused);
        }
    }

    private static void periods(PolicyDocument document, Policy.Builder policy) {
        if (document.restartAfterDeferral() != null) {
            policy.restartAfterDeferral(period(document.restartAfterDeferral(), "restartAfterDeferral"));
        }
        if (document.settlementDeadline() != null) {
            policy.settlementDeadline(period(document.settlementDeadline(), "settlementDeadline"));
        }
        if (document.claimingDeadline() != null) {
            policy.claimingDeadline(period(document.claimingDeadline(), "claimingDeadline"));
        }
        if (document.warningHorizon() != null) {
            policy.warningHorizon(period(document.warningHorizon(), "warningHorizon"));
        }
    }

    private static void others(PolicyDocument document, Policy.Builder policy) {
        if (document.claimedClockStart() != null) {
            policy.claimedClockStart(document.claimedClockStart());
        }
        if (document.approvalTiers() != null) {
            List<ApprovalTier> tiers = new ArrayList<>();
            for (ApprovalTierDocument tier : document.approvalTiers()) {
                tiers.add(new ApprovalTier(tier.from(), tier.roles()));
            }
            policy.approvalTiers(tiers);
        }
        if (document.reversalApprovers() != null) {
            policy.reversalApprovers(document.reversalApprovers());
        }
        if (document.deferralApprovers() != null) {
            policy.deferralApprovers(document.deferralApprovers());
        }
        if (document.returnedMoneyRestartsClock() != null) {
            policy.returnedMoneyRestartsClock(document.returnedMoneyRestartsClock());
        }
        if (document.largeBalanceThreshold() != null) {
            policy.largeBalanceThreshold(document.largeBalanceThreshold());
        }
        if (document.oldBalancesCutoff() != null) {
            policy.oldBalancesCutoff(document.oldBalancesCutoff());
        }
        if (document.autoClaimExactMatches() != null) {
            policy.autoClaimExactMatches(document.autoClaimExactMatches());
        }
    }

    /** The JSON of a policy, in the policy file's format, complete: a template to edit. */
    public static String writePolicy(Policy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", policy.name());
        out.put("noticeDeadline", policy.noticeDeadline().toString());
        List<Map<String, Object>> amountTiers = new ArrayList<>();
        for (AmountTier tier : policy.amountTiers()) {
            amountTiers.add(Map.of("from", tier.from(), "noticeDeadline", tier.noticeDeadline().toString()));
        }
        out.put("amountTiers", amountTiers);
        out.put("restartAfterDeferral", policy.restartAfterDeferral().toString());
        out.put("settlementDeadline", policy.settlementDeadline().toString());
        out.put("claimingDeadline", policy.claimingDeadline().toString());
        out.put("warningHorizon", policy.warningHorizon().toString());
        out.put("deferralMaximumMonths", policy.deferralMaximumMonths());
        out.put("claimedClockStart", policy.claimedClockStart());
        List<Map<String, Object>> approvalTiers = new ArrayList<>();
        for (ApprovalTier tier : policy.approvalTiers()) {
            approvalTiers.add(Map.of("from", tier.from(), "roles", tier.roles()));
        }
        out.put("approvalTiers", approvalTiers);
        out.put("reversalApprovers", policy.reversalApprovers());
        out.put("deferralApprovers", policy.deferralApprovers());
        out.put("returnedMoneyRestartsClock", policy.returnedMoneyRestartsClock());
        out.put("largeBalanceThreshold", policy.largeBalanceThreshold());
        out.put("oldBalancesCutoff", policy.oldBalancesCutoff());
        out.put("autoClaimExactMatches", policy.autoClaimExactMatches());
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy always writes as JSON", e);
        }
    }

    /**
     * Reads a calendar file; see the class comment for its format.
     *
     * @throws InvalidInputException naming the field and the file, if the file is not a valid calendar
     */
    public static WorkingDayCalendar readCalendar(Path file) {
        return parseCalendar(read(file), file.toString());
    }

    /** Parses the text of a calendar file; {@code source} names it in errors. */
    public static WorkingDayCalendar parseCalendar(String json, String source) {
        return read(json, source, CalendarDocument.class, document -> calendar(document, source));
    }

    private static WorkingDayCalendar calendar(CalendarDocument document, String source) {
        List<CalendarYear> years = parseYears(document, source);
        String jurisdiction = document.jurisdiction() == null ? WorkingDayCalendar.CHINA : document.jurisdiction();
        try {
            return WorkingDayCalendar.CHINA.equals(jurisdiction) ? WorkingDayCalendar.china().withYears(years)
                    : WorkingDayCalendar.of(jurisdiction, years);
        } catch (InvalidInputException refused) {
            throw new InvalidInputException(refused.code(), refused.field().orElse(null),
                    refused.value().orElse(null), refusedMessage(refused) + " (in " + source + ")", refused);
        }
    }

    /**
     * Reads the years of a calendar file of China's (jurisdiction {@code CN}, the default), with
     * their sources, for a court to adopt.
     *
     * @throws InvalidInputException naming the field and the file, if the file is not a valid calendar
     */
    public static List<CalendarYear> readCalendarYears(Path file) {
        return parseCalendarYears(read(file), file.toString());
    }

    /** Parses the years of a calendar file of China's; {@code source} names it in errors. */
    public static List<CalendarYear> parseCalendarYears(String json, String source) {
        return read(json, source, CalendarDocument.class, document -> calendarYears(document, source));
    }

    private static List<CalendarYear> calendarYears(CalendarDocument document, String source) {
        if (document.jurisdiction() != null && !WorkingDayCalendar.CHINA.equals(document.jurisdiction())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "jurisdiction", document.jurisdiction(),
                    "a ledger adopts years of China's calendar (CN) only (in " + source + ")");
        }
        return parseYears(document, source);
    }

    private static List<CalendarYear> parseYears(CalendarDocument document, String source) {
        if (document.years() == null || document.years().isEmpty()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "years", null,
                    "a calendar file lists at least one year (in " + source + ")");
        }
        try {
            List<CalendarYear> years = new ArrayList<>();
            for (int i = 0; i < document.years().size(); i++) {
                YearDocument year = document.years().get(i);
                if (year.year() == null) {
                    throw new InvalidInputException(ErrorCode.MISSING_VALUE, "years[" + i + "].year", null,
                            "each year says which year it is");
                }
                List<LocalDate> rest = days(year.restDays(), "years[" + i + "].restDays");
                List<LocalDate> adjusted = days(year.adjustedWorkingDays(), "years[" + i + "].adjustedWorkingDays");
                CalendarSource yearSource = yearSource(year, "years[" + i + "]");
                try {
                    years.add(CalendarYear.of(year.year(), rest, adjusted, yearSource));
                } catch (InvalidInputException refused) {
                    throw new InvalidInputException(refused.code(), "years[" + i + "]."
                            + refused.field().orElse(""), refused.value().orElse(null), refusedMessage(refused),
                            refused);
                }
            }
            return years;
        } catch (InvalidInputException refused) {
            throw new InvalidInputException(refused.code(), refused.field().orElse(null),
                    refused.value().orElse(null), refusedMessage(refused) + " (in " + source + ")", refused);
        }
    }

    /** The year's source; a file that names no notice gives a local year "from FILE". */
    private static CalendarSource yearSource(YearDocument year, String field) {
        CalendarSource.Kind kind = year.kind() == null ? CalendarSource.Kind.OFFICIAL : year.kind();
        if (kind == CalendarSource.Kind.PROVISIONAL) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field + ".kind", kind,
                    "a file gives OFFICIAL or LOCAL years; provisional years are computed by the ledger");
        }
        List<CalendarSource.Document> documents = new ArrayList<>();
        List<DocumentEntry> written = year.documents() == null ? List.of() : year.documents();
        for (int i = 0; i < written.size(); i++) {
            DocumentEntry notice = written.get(i);
            String noticeField = field + ".documents[" + i + "]";
            if (notice == null || notice.title() == null) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, noticeField + ".title", null,
                        "each notice has its title, such as 国务院办公厅关于2027年部分节假日安排的通知");
            }
            documents.add(new CalendarSource.Document(Optional.ofNullable(notice.date()),
                    Optional.ofNullable(notice.number()), notice.title()));
        }
        try {
            return new CalendarSource(kind, documents);
        } catch (InvalidInputException refused) {
            throw new InvalidInputException(refused.code(), field + "." + refused.field().orElse("documents"),
                    refused.value().orElse(null), refusedMessage(refused), refused);
        }
    }

    private static List<LocalDate> days(List<String> written, String field) {
        List<LocalDate> days = new ArrayList<>();
        if (written == null) {
            return days;
        }
        for (int i = 0; i < written.size(); i++) {
            String text = written.get(i);
            try {
                int range = text.indexOf("..");
                if (range < 0) {
                    days.add(LocalDate.parse(text.strip()));
                    continue;
                }
                LocalDate from = LocalDate.parse(text.substring(0, range).strip());
                LocalDate to = LocalDate.parse(text.substring(range + 2).strip());
                if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
                    throw new InvalidInputException(ErrorCode.INVALID_DATE, field + "[" + i + "]", text,
                            "a range runs from an earlier to a later day of the same year");
                }
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    days.add(day);
                }
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(ErrorCode.INVALID_DATE, field + "[" + i + "]", text,
                        "is not a date such as 2027-01-01 or a range such as 2027-02-06..2027-02-13", e);
            }
        }
        return days;
    }

    private static Period period(String text, String field) {
        Matcher matcher = PERIOD.matcher(text.strip());
        if (!matcher.matches()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, text,
                    "is not a period such as \"10 working days\" or \"30 calendar days\"");
        }
        int length = Integer.parseInt(matcher.group(1));
        return matcher.group(2).equals("working") ? Period.workingDays(length) : Period.calendarDays(length);
    }

    /** The field path of a mapping error, or {@code (file)} for the document itself. */
    private static String fieldPath(JsonMappingException e) {
        String path = Json.fieldPath(e);
        return path.isEmpty() ? "(file)" : path;
    }

    /**
     * Parses {@code json} into {@code type} with the strict mapper, for the other file formats of
     * the library (digests, proofs); unknown fields are refused by their path and line, with the
     * closest field of their place.
     *
     * @throws InvalidInputException naming the field (as a JSON path) and {@code source}, if the text
     *     is not JSON, holds an unknown field or a value of the wrong type
     */
    public static <T> T parseDocument(String json, String source, Class<T> type) {
        return read(json, source, type, Function.identity());
    }

    /**
     * Parses {@code json} and builds what it describes. A field that its place does not have is
     * refused by its path, name and line, with the closest field of that place, together with what
     * the document then lacks (such as the required field that was misspelt).
     */
    private static <D, R> R read(String json, String source, Class<D> type, Function<D, R> build) {
        List<Json.UnknownField> unknown = new ArrayList<>();
        R built;
        // A byte order mark at the start, which Windows Notepad writes, is no part of the JSON.
        String text = json != null && json.startsWith(BYTE_ORDER_MARK) ? json.substring(1) : json;
        try {
            built = build.apply(parse(text, source, type, unknown));
        } catch (InvalidInputException then) {
            if (unknown.isEmpty()) {
                throw then;
            }
            throw unknownFields(unknown, source, then);
        }
        if (!unknown.isEmpty()) {
            throw unknownFields(unknown, source, null);
        }
        return built;
    }

    private static InvalidInputException unknownFields(List<Json.UnknownField> unknown, String source,
            InvalidInputException then) {
        Json.UnknownField first = unknown.get(0);
        StringBuilder message = new StringBuilder(first.message()).append(" (in ").append(source)
                .append(first.line() > 0 ? ", line " + first.line() : "").append(')');
        for (Json.UnknownField other : unknown.subList(1, unknown.size())) {
            message.append("; also ").append(other);
        }
        if (then != null) {
            message.append("; and then ").append(then.getMessage());
        }
        return new InvalidInputException(ErrorCode.INVALID_VALUE, first.path(), first.name(), message.toString(),
                then);
    }

    private static <T> T parse(String json, String source, Class<T> type, List<Json.UnknownField> unknown) {
        try {
            T document = Json.read(JSON, json, type, unknown);
            if (document == null) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, "(file)", source, "the file is empty");
            }
            return document;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                throw new InvalidInputException(refused.code(), fieldPath(e), refused.value().orElse(null),
                        refusedMessage(refused) + " (in " + source + ")", e);
            }
            throw problem(e, json, source);
        } catch (JsonProcessingException e) {
            throw problem(e, json, source);
        }
    }

    /** What Jackson could not read, in our words: the field, the value, what to write, the file and the line. */
    private static InvalidInputException problem(JsonProcessingException e, String json, String source) {
        Json.Problem problem = Json.problem(e, json);
        String where = " (in " + source + (problem.line() > 0 ? ", line " + problem.line() : "") + ")";
        if (problem.path().isEmpty()) {
            return new InvalidInputException(problem.code(), "(file)", source, problem.message() + where, e);
        }
        return new InvalidInputException(problem.code(), problem.path(), problem.value(), problem.message() + where,
                e);
    }

    private static String read(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > Limits.CONFIG_FILE_BYTES_MAX) {
                throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, "file", file, "is " + Files.size(file)
                        + " bytes; a policy or calendar file holds at most " + Limits.CONFIG_FILE_BYTES_MAX
                        + " bytes: check that it is the right file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_FAILURE, "file", file,
                    "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String refusedMessage(InvalidInputException refused) {
        String message = refused.getMessage();
        String prefix = refused.field().map(field -> field + " ").orElse("");
        int colon = message.indexOf(": ");
        return !prefix.isEmpty() && message.startsWith(prefix) && colon >= 0 ? message.substring(colon + 2) : message;
    }
}
