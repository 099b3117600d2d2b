package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.clock.PayoutClock;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerState;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The figures finance teams and supervisors need, for any date, computed from the journal alone:
 * double zero, the daily three-colour list, unidentified receipts, notices finance has not paid in
 * time, deferrals to watch, the weekly report, the monthly large-balance report, payout time and
 * timeliness, per-handler figures, old balances and the one-case-one-account usage rate.
 *
 * <p>Every report about a date is computed from the state as it stood at the end of that date, as
 * a {@link ReportSource} answers it: a fold of the journal in memory, or set-based queries on a
 * database. The rules (deadlines, deferrals, classification) are applied here and only here, one
 * case at a time, so two sources that agree on the facts give the same reports.
 *
 * <p>This class is the small facade of the reports; each family is a class of its own in this
 * package: {@link DailyReports} (the daily view and double zero), {@link PeriodReports} (the weekly
 * report, handlers, payout time, usage) and {@link BalanceReports} (large and old balances).
 *
 * <p>This class is immutable and thread-safe if its source is.
 */
public final class CourtReports {
    /** The disbursements that pay a case's money out: what payout time and "noticed" count. */
    static final Set<Disbursement> CASE_OUTFLOWS = Set.of(Disbursement.PAYOUT,
            Disbursement.DISTRIBUTION_SHARE, Disbursement.SURPLUS_REFUND, Disbursement.DEPOSIT);

    /** How many distinct sets of recorded rules keep their clock between reports. */
    private static final int CLOCKS_KEPT = 16;

    final ReportSource root;
    private final Policy basePolicy;
    private final WorkingDayCalendar baseCalendar;
    private final Optional<Policy> whatIf;
    private final Map<CourtRules, PayoutClock> clocks = new ConcurrentHashMap<>();
    final DailyReports daily = new DailyReports(this);
    private final PeriodReports periods = new PeriodReports(this);
    private final BalanceReports balances = new BalanceReports(this);

    private CourtReports(ReportSource root, Policy basePolicy, WorkingDayCalendar baseCalendar,
            Optional<Policy> whatIf) {
        this.root = root;
        this.basePolicy = Checks.required(basePolicy, "policy");
        this.baseCalendar = Checks.required(baseCalendar, "calendar");
        this.whatIf = whatIf;
    }

    /**
     * Reports over {@code ledger}'s journal, folded in memory, under the rules the journal records
     * (calendar years and policies adopted), over {@code calendar}, with the ledger's default policy
     * where none was adopted.
     */
    public static CourtReports of(Ledger ledger, WorkingDayCalendar calendar) {
        return of(ledger::asOf, ledger.policy(), calendar);
    }

    /** Reports over any source of as-of states. */
    public static CourtReports of(Function<LocalDate, LedgerState> states, Policy policy,
            WorkingDayCalendar calendar) {
        return of(ReportSource.folding(Checks.required(states, "states")), policy, calendar);
    }

    /**
     * Reports over {@code source} (for example a SQL store's set-based queries), under the rules it
     * records, over {@code calendar}, with {@code policy} where no policy was adopted.
     */
    public static CourtReports of(ReportSource source, Policy policy, WorkingDayCalendar calendar) {
        return new CourtReports(Checks.required(source, "source"), policy, calendar, Optional.empty());
    }

    /**
     * The same reports under {@code policy} on every date instead of the recorded ones: a "what if"
     * run, which every report says it is.
     */
    public CourtReports whatIf(Policy policy) {
        return new CourtReports(root, basePolicy, baseCalendar, Optional.of(Checks.required(policy, "policy")));
    }

    /** The rules a report about {@code date} is computed under. */
    public RulesInForce rulesOn(LocalDate date) {
        return clockAt(root.forOneReport(), date).rules();
    }

    /** The clock under the rules recorded by the end of {@code date}. */
    PayoutClock clockAt(ReportSource source, LocalDate date) {
        CourtRules recorded = source.courtRules(date);
        PayoutClock clock = clocks.get(recorded);
        if (clock == null) {
            RulesInForce rules = RulesInForce.recorded(basePolicy, recorded, baseCalendar);
            clock = new PayoutClock(whatIf.map(rules::whatIf).orElse(rules));
            if (clocks.size() >= CLOCKS_KEPT) {
                clocks.clear();
            }
            clocks.put(recorded, clock);
        }
        return clock;
    }

    static void checkDate(ReportSource source, LocalDate date, String field) {
        Checks.required(date, field);
        LocalDate opened = source.openedOn(date).orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_DATE,
                field, date, "the journal has no events on or before this date; it begins later, or is empty"));
        if (date.isBefore(opened)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, field, date,
                    "is before the journal begins (the ledger opened on " + opened + ")");
        }
    }

    static void checkPeriod(ReportSource source, LocalDate from, LocalDate to) {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "to", to, "is before from " + from);
        }
        checkDate(source, to, "to");
    }

    // ------------------------------------------------------------------ the reports, by family

    /** Every unnoticed amount of every case on {@code date}, with where it stands. */
    public List<CaseLotStatus> caseLots(LocalDate date) {
        return daily.caseLots(date);
    }

    /**
     * The daily three-colour list (docs/domain.md item 24): overdue (red), near deadline (yellow) and
     * newly arrived (green) amounts, most urgent first.
     */
    public List<CaseLotStatus> dailyList(LocalDate date) {
        return daily.dailyList(date);
    }

    /** Unidentified receipts still holding money on {@code date}, oldest first. */
    public List<UnidentifiedEntry> unidentified(LocalDate date) {
        return daily.unidentified(date);
    }

    /** Notices, refunds and deposits that finance has not had paid within its deadline on {@code date}. */
    public List<NoticeOverdue> noticesOverdueAtFinance(LocalDate date) {
        return daily.noticesOverdueAtFinance(date);
    }

    /** Deferrals ending within the warning horizon, and deferrals that ended without being lifted. */
    public List<DeferralWatch> deferralWatch(LocalDate date) {
        return daily.deferralWatch(date);
    }

    /** Double zero on {@code date}, with its figures per currency. */
    public DoubleZero doubleZero(LocalDate date) {
        return daily.doubleZero(date);
    }

    /**
     * Double zero on {@code date} and the daily three-colour list, from one pass over the cases
     * holding money: what {@link #doubleZero} and {@link #dailyList} give, in about the time of one.
     */
    public DoubleZeroWithList doubleZeroWithList(LocalDate date) {
        return daily.doubleZeroWithList(date);
    }

    /** The weekly report for {@code from}..{@code to} (inclusive) in {@code currency}. */
    public WeeklyReport weekly(LocalDate from, LocalDate to, CurrencyUnit currency) {
        return periods.weekly(from, to, currency);
    }

    /** The figures of every handler for {@code from}..{@code to} in {@code currency}. */
    public List<HandlerFigures> handlers(LocalDate from, LocalDate to, CurrencyUnit currency) {
        return periods.handlers(from, to, currency);
    }

    /** Payout time and timeliness of the notices issued in {@code from}..{@code to}. */
    public PayoutTime payoutTime(LocalDate from, LocalDate to, CurrencyUnit currency) {
        return periods.payoutTime(from, to, currency);
    }

    /** The one-case-one-account usage rate of the receipts of {@code from}..{@code to}. */
    public SubAccountUsage subAccountUsage(LocalDate from, LocalDate to, CurrencyUnit currency) {
        return periods.subAccountUsage(from, to, currency);
    }

    /** Who held which role on {@code date}, and the staff register's changes up to it. */
    public StaffReport staff(LocalDate date) {
        return StaffReport.of(root.forOneReport().staffRegister(date), date);
    }

    /**
     * The monthly report: cases holding at least the policy's large-balance threshold on
     * {@code date} (unnoticed plus in transit), largest first, with why each is not paid.
     */
    public List<LargeBalance> largeBalances(LocalDate date) {
        return balances.largeBalances(date);
    }

    /**
     * Money that arrived on or before {@code cutoff} and is still held on {@code date}, on cases or
     * unidentified, or noticed and not yet paid by the bank, oldest first (旧存案款).
     */
    public List<OldBalance> oldBalances(LocalDate date, LocalDate cutoff) {
        return balances.oldBalances(date, cutoff);
    }

    /** Old balances before the policy's cut-off date. */
    public List<OldBalance> oldBalances(LocalDate date) {
        return balances.oldBalances(date);
    }
}
