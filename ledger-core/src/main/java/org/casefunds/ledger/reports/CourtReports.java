package org.casefunds.ledger.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.clock.PayoutClock;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.policy.Period;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
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
 * <p>This class is immutable and thread-safe if its source is.
 */
public final class CourtReports {
    /** The disbursements that pay a case's money out: what payout time and "noticed" count. */
    private static final Set<Disbursement> CASE_OUTFLOWS = Set.of(Disbursement.PAYOUT,
            Disbursement.DISTRIBUTION_SHARE, Disbursement.SURPLUS_REFUND, Disbursement.DEPOSIT);

    /** How many distinct sets of recorded rules keep their clock between reports. */
    private static final int CLOCKS_KEPT = 16;

    private final ReportSource root;
    private final Policy basePolicy;
    private final WorkingDayCalendar baseCalendar;
    private final Optional<Policy> whatIf;
    private final Map<CourtRules, PayoutClock> clocks = new ConcurrentHashMap<>();

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
    private PayoutClock clockAt(ReportSource source, LocalDate date) {
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

    private static void checkDate(ReportSource source, LocalDate date, String field) {
        Checks.required(date, field);
        LocalDate opened = source.openedOn(date).orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_DATE,
                field, date, "the journal has no events on or before this date; it begins later, or is empty"));
        if (date.isBefore(opened)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, field, date,
                    "is before the journal begins (the ledger opened on " + opened + ")");
        }
    }

    private static void checkPeriod(ReportSource source, LocalDate from, LocalDate to) {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "to", to, "is before from " + from);
        }
        checkDate(source, to, "to");
    }

    // ------------------------------------------------------------------ the daily view

    /** Every unnoticed amount of every case on {@code date}, with where it stands. */
    public List<CaseLotStatus> caseLots(LocalDate date) {
        ReportSource source = root.forOneReport();
        checkDate(source, date, "date");
        List<CaseLotStatus> lines = new ArrayList<>();
        eachCase(source, date, (money, statuses) -> {
            for (LotStatus status : statuses) {
                lines.add(new CaseLotStatus(money.caseNumber(), money.handler(), status));
            }
        });
        return lines;
    }

    /** Classifies the money of each case holding some on {@code date}, one case at a time. */
    private void eachCase(ReportSource source, LocalDate date, BiConsumer<ReportSource.CaseMoney, List<LotStatus>> sink) {
        PayoutClock clock = clockAt(source, date);
        source.casesHoldingMoney(date, money -> sink.accept(money,
                clock.statusOfCase(money.openLots(), money.deferrals(), date)));
    }

    /**
     * The daily three-colour list (docs/domain.md item 24): overdue (red), near deadline (yellow) and
     * newly arrived (green) amounts, most urgent first.
     */
    public List<CaseLotStatus> dailyList(LocalDate date) {
        List<CaseLotStatus> flagged = new ArrayList<>();
        for (CaseLotStatus line : caseLots(date)) {
            if (line.status().colour() != LotStatus.Colour.NONE) {
                flagged.add(line);
            }
        }
        flagged.sort(Comparator.comparing((CaseLotStatus line) -> line.status().colour())
                .thenComparing(line -> line.status().deadline())
                .thenComparing(CaseLotStatus::caseNumber)
                .thenComparing(line -> line.status().lot().id()));
        return flagged;
    }

    /** Unidentified receipts still holding money on {@code date}, oldest first. */
    public List<UnidentifiedEntry> unidentified(LocalDate date) {
        return unidentified(root.forOneReport(), date);
    }

    private List<UnidentifiedEntry> unidentified(ReportSource source, LocalDate date) {
        PayoutClock clock = clockAt(source, date);
        checkDate(source, date, "date");
        Map<String, List<Lot>> byReceipt = new TreeMap<>();
        for (Lot lot : source.unidentifiedLots(date)) {
            byReceipt.computeIfAbsent(lot.receipt(), key -> new ArrayList<>()).add(lot);
        }
        List<UnidentifiedEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Lot>> each : byReceipt.entrySet()) {
            Receipt receipt = source.receipt(each.getKey()).orElseThrow(() -> new IllegalStateException(
                    "unidentified money of receipt " + each.getKey() + " that the source does not know"));
            Money remaining = Money.zero(receipt.details().amount().getCurrencyUnit());
            LocalDate deadline = null;
            for (Lot lot : each.getValue()) {
                remaining = remaining.plus(lot.remaining());
                LocalDate lotDeadline = clock.claimingDeadline(lot);
                deadline = deadline == null || lotDeadline.isBefore(deadline) ? lotDeadline : deadline;
            }
            entries.add(new UnidentifiedEntry(receipt.key(), receipt.details().bankAccount(),
                    receipt.details().bankReference(), receipt.valueDate(), remaining, receipt.details().payer(),
                    receipt.details().memo(), deadline, ChronoUnit.DAYS.between(receipt.valueDate(), date),
                    clock.daysBetween(date, deadline, Period.Unit.WORKING_DAYS), date.isAfter(deadline),
                    clock.rules().provisional(receipt.valueDate(), deadline)));
        }
        entries.sort(Comparator.comparing(UnidentifiedEntry::arrivalDate).thenComparing(UnidentifiedEntry::receipt));
        return entries;
    }

    /** Notices, refunds and deposits that finance has not had paid within its deadline on {@code date}. */
    public List<NoticeOverdue> noticesOverdueAtFinance(LocalDate date) {
        return noticesOverdueAtFinance(root.forOneReport(), date);
    }

    private List<NoticeOverdue> noticesOverdueAtFinance(ReportSource source, LocalDate date) {
        PayoutClock clock = clockAt(source, date);
        checkDate(source, date, "date");
        List<NoticeOverdue> overdue = new ArrayList<>();
        for (DisbursementRecord notice : source.inTransit(date)) {
            LocalDate deadline = clock.settlementDeadline(notice);
            if (date.isAfter(deadline)) {
                overdue.add(new NoticeOverdue(notice, deadline, -clock.daysBetween(date, deadline,
                        Period.Unit.WORKING_DAYS), clock.rules().provisional(notice.issuedOn(), deadline)));
            }
        }
        overdue.sort(Comparator.comparing(NoticeOverdue::deadline).thenComparing(line -> line.notice().id()));
        return overdue;
    }

    /** Deferrals ending within the warning horizon, and deferrals that ended without being lifted. */
    public List<DeferralWatch> deferralWatch(LocalDate date) {
        ReportSource source = root.forOneReport();
        checkDate(source, date, "date");
        Map<CaseNumber, Map<CurrencyUnit, Money>> unnoticed = new HashMap<>();
        source.casesHoldingMoney(date, money -> {
            Map<CurrencyUnit, Money> sums = unnoticed.computeIfAbsent(money.caseNumber(), key -> new HashMap<>());
            for (Lot lot : money.openLots()) {
                sums.merge(lot.remaining().getCurrencyUnit(), lot.remaining(), Money::plus);
            }
        });
        List<DeferralWatch> watch = new ArrayList<>();
        PayoutClock clock = clockAt(source, date);
        for (Deferral deferral : source.deferrals(date)) {
            if (deferral.liftedOn().isPresent() && !deferral.liftedOn().get().isAfter(date)) {
                continue;
            }
            int daysLeft = clock.daysBetween(date, deferral.end(), Period.Unit.WORKING_DAYS);
            CurrencyUnit currency = deferral.amount().map(Money::getCurrencyUnit).orElse(CurrencyUnit.of("CNY"));
            Money holds = unnoticed.getOrDefault(deferral.caseNumber(), Map.of())
                    .getOrDefault(currency, Money.zero(currency));
            DeferralWatch.Status status;
            if (date.isAfter(deferral.end())) {
                // Only while the case still holds money: then its clock has restarted and it matters.
                if (!holds.isPositive()) {
                    continue;
                }
                status = DeferralWatch.Status.ENDED_WITHOUT_LIFT;
            } else if (deferral.holdsOn(date) && daysLeft <= clock.policyOn(date).warningHorizon().length()) {
                status = DeferralWatch.Status.ENDING_SOON;
            } else {
                continue;
            }
            Money covered = deferral.amount().filter(amount -> amount.isLessThan(holds)).orElse(holds);
            watch.add(new DeferralWatch(deferral, status, daysLeft, covered));
        }
        watch.sort(Comparator.comparing((DeferralWatch line) -> line.deferral().end())
                .thenComparing(line -> line.deferral().id()));
        return watch;
    }

    // ------------------------------------------------------------------ double zero

    /** Double zero on {@code date}, with its figures per currency. */
    public DoubleZero doubleZero(LocalDate date) {
        ReportSource source = root.forOneReport();
        checkDate(source, date, "date");
        Map<CurrencyUnit, Tally> tallies = new TreeMap<>();
        SortedSet<Integer> years = new TreeSet<>(Set.of(date.getYear()));
        eachCase(source, date, (money, statuses) -> {
            for (LotStatus status : statuses) {
                years.add(status.deadline().getYear());
                years.add(status.lot().clockStart().getYear());
                if (status.state() == LotStatus.State.OVERDUE) {
                    tally(tallies, status.amount().getCurrencyUnit()).overdue(money.caseNumber(), status);
                }
            }
        });
        for (NoticeOverdue line : noticesOverdueAtFinance(source, date)) {
            years.add(line.deadline().getYear());
            tally(tallies, line.notice().amount().getCurrencyUnit()).financeOverdue(line.notice().amount());
        }
        for (UnidentifiedEntry entry : unidentified(source, date)) {
            years.add(entry.claimingDeadline().getYear());
            tally(tallies, entry.remaining().getCurrencyUnit()).unidentified(entry);
        }
        source.currencies(date).forEach(currency -> tally(tallies, currency));
        List<DoubleZero.Figures> figures = new ArrayList<>();
        boolean strict = true;
        boolean lenient = true;
        for (Tally tally : tallies.values()) {
            DoubleZero.Figures each = tally.figures();
            figures.add(each);
            strict &= each.strict();
            lenient &= each.lenient();
        }
        return new DoubleZero(date, strict, lenient, figures, clockAt(source, date).rules().describe(date, years));
    }

    private static Tally tally(Map<CurrencyUnit, Tally> tallies, CurrencyUnit currency) {
        return tallies.computeIfAbsent(currency, Tally::new);
    }

    /** Sums for one currency of the double-zero figures. */
    private static final class Tally {
        private final CurrencyUnit currency;
        private final Set<CaseNumber> overdueCases = new HashSet<>();
        private int overdueLots;
        private Money overdue;
        private int financeNotices;
        private Money finance;
        private int unidentifiedReceipts;
        private Money unidentified;
        private int pastDeadline;
        private Money pastDeadlineAmount;
        private int provisionalLots;
        private Money provisional;

        Tally(CurrencyUnit currency) {
            this.currency = currency;
            provisional = Money.zero(currency);
            overdue = Money.zero(currency);
            finance = Money.zero(currency);
            unidentified = Money.zero(currency);
            pastDeadlineAmount = Money.zero(currency);
        }

        void overdue(CaseNumber caseNumber, LotStatus status) {
            overdueLots++;
            overdueCases.add(caseNumber);
            overdue = overdue.plus(status.amount());
            if (status.provisional()) {
                provisionalLots++;
                provisional = provisional.plus(status.amount());
            }
        }

        void financeOverdue(Money amount) {
            financeNotices++;
            finance = finance.plus(amount);
        }

        void unidentified(UnidentifiedEntry entry) {
            unidentifiedReceipts++;
            unidentified = unidentified.plus(entry.remaining());
            if (entry.pastDeadline()) {
                pastDeadline++;
                pastDeadlineAmount = pastDeadlineAmount.plus(entry.remaining());
            }
        }

        DoubleZero.Figures figures() {
            return new DoubleZero.Figures(currency, overdueLots, overdueCases.size(), overdue, financeNotices, finance,
                    unidentifiedReceipts, unidentified, pastDeadline, pastDeadlineAmount, provisionalLots, provisional);
        }
    }

    // ------------------------------------------------------------------ period reports

    /** The weekly report for {@code from}..{@code to} (inclusive) in {@code currency}. */
    public WeeklyReport weekly(LocalDate from, LocalDate to, CurrencyUnit currency) {
        ReportSource source = root.forOneReport();
        checkPeriod(source, from, to);
        Flow[] received = {Flow.none(currency)};
        source.receipts(from, to, receipt -> {
            if (!receipt.reversed() && receipt.details().amount().getCurrencyUnit().equals(currency)) {
                received[0] = received[0].plus(receipt.details().amount());
            }
        });
        Flow[] claimed = {Flow.none(currency)};
        source.lotsCreated(from, to, created -> {
            Lot lot = created.lot();
            if (lot.origin() == Lot.Origin.CLAIM && lot.amount().getCurrencyUnit().equals(currency)
                    && !created.reversed()) {
                claimed[0] = claimed[0].plus(lot.amount());
            }
        });
        Flows flows = flows(source, from, to, currency, record -> true);
        Money onCases = Money.zero(currency);
        Money unidentified = Money.zero(currency);
        Money inTransit = Money.zero(currency);
        Set<CaseNumber> holding = new TreeSet<>();
        for (AccountBalance balance : source.balances(to)) {
            if (!balance.posted().getCurrencyUnit().equals(currency)) {
                continue;
            }
            AccountKind kind = balance.account().kind();
            if (kind == AccountKind.CASE) {
                onCases = onCases.plus(balance.posted());
                if (balance.posted().isPositive() || balance.pending().isPositive()) {
                    holding.add(balance.account().caseNumber());
                }
            } else if (kind == AccountKind.UNIDENTIFIED) {
                unidentified = unidentified.plus(balance.posted());
            } else if (kind != AccountKind.BANK && kind != AccountKind.COURT_FEES) {
                inTransit = inTransit.plus(balance.posted());
            }
        }
        return new WeeklyReport(from, to, currency, received[0], claimed[0], flows.noticed, flows.paid,
                flows.returned, flows.refundedUnidentified, onCases, unidentified, inTransit, holding.size(),
                handlers(source, from, to, currency));
    }

    /** The figures of every handler for {@code from}..{@code to} in {@code currency}. */
    public List<HandlerFigures> handlers(LocalDate from, LocalDate to, CurrencyUnit currency) {
        return handlers(root.forOneReport(), from, to, currency);
    }

    private List<HandlerFigures> handlers(ReportSource source, LocalDate from, LocalDate to, CurrencyUnit currency) {
        checkPeriod(source, from, to);
        Map<CaseNumber, String> handlerOf = source.handlers(to);
        Map<String, Integer> cases = new TreeMap<>();
        handlerOf.values().forEach(handler -> cases.merge(handler, 1, Integer::sum));
        Map<String, Flow> received = new HashMap<>();
        source.lotsCreated(from, to, created -> {
            Lot lot = created.lot();
            if (lot.account().kind() == AccountKind.CASE && !created.reversed()
                    && (lot.origin() == Lot.Origin.RECEIPT || lot.origin() == Lot.Origin.CLAIM)
                    && lot.amount().getCurrencyUnit().equals(currency)) {
                String handler = handlerOf.get(lot.account().caseNumber());
                received.merge(handler, Flow.none(currency).plus(lot.amount()), CourtReports::add);
            }
        });
        Map<String, Money> held = new HashMap<>();
        Map<String, Money> overdue = new HashMap<>();
        eachCase(source, to, (money, statuses) -> {
            String handler = handlerOf.get(money.caseNumber());
            for (LotStatus status : statuses) {
                if (!status.amount().getCurrencyUnit().equals(currency)) {
                    continue;
                }
                held.merge(handler, status.amount(), Money::plus);
                if (status.state() == LotStatus.State.OVERDUE) {
                    overdue.merge(handler, status.amount(), Money::plus);
                }
            }
        });
        Map<String, Flows> flowsOf = new HashMap<>();
        source.disbursements(from, to, record -> {
            if (record.caseNumber().isPresent() && record.amount().getCurrencyUnit().equals(currency)) {
                String handler = handlerOf.get(record.caseNumber().get());
                count(flowsOf.computeIfAbsent(handler, key -> new Flows(currency)), record, from, to);
            }
        });
        List<HandlerFigures> figures = new ArrayList<>();
        Money zero = Money.zero(currency);
        cases.forEach((handler, count) -> {
            Flows flows = flowsOf.getOrDefault(handler, new Flows(currency));
            figures.add(new HandlerFigures(handler, count, received.getOrDefault(handler, Flow.none(currency)),
                    flows.noticed, flows.paid, held.getOrDefault(handler, zero), overdue.getOrDefault(handler, zero),
                    flows.timing.weightedDaysToNotice()));
        });
        return figures;
    }

    private static Flow add(Flow a, Flow b) {
        return new Flow(a.count() + b.count(), a.amount().plus(b.amount()));
    }

    /** Notices issued, paid and returned in a period, and the payout times of those issued. */
    private static final class Flows {
        Flow noticed;
        Flow paid;
        Flow returned;
        Flow refundedUnidentified;
        Timing timing = new Timing();

        Flows(CurrencyUnit currency) {
            noticed = Flow.none(currency);
            paid = Flow.none(currency);
            returned = Flow.none(currency);
            refundedUnidentified = Flow.none(currency);
        }
    }

    private Flows flows(ReportSource source, LocalDate from, LocalDate to, CurrencyUnit currency, Predicate<DisbursementRecord> select) {
        Flows flows = new Flows(currency);
        source.disbursements(from, to, record -> {
            if (record.amount().getCurrencyUnit().equals(currency) && select.test(record)) {
                count(flows, record, from, to);
            }
        });
        return flows;
    }

    private static void count(Flows flows, DisbursementRecord record, LocalDate from, LocalDate to) {
        boolean issuedInPeriod = inPeriod(record.issuedOn(), from, to);
        boolean cancelled = record.status() == DisbursementRecord.Status.CANCELLED;
        if (record.kind() == Disbursement.UNIDENTIFIED_REFUND) {
            if (issuedInPeriod && !cancelled) {
                flows.refundedUnidentified = flows.refundedUnidentified.plus(record.amount());
            }
            return;
        }
        if (issuedInPeriod && !cancelled) {
            flows.noticed = flows.noticed.plus(record.amount());
            if (record.status() != DisbursementRecord.Status.RETURNED) {
                flows.timing.add(record);
            }
        }
        boolean finishedInPeriod = record.finishedOn().map(day -> inPeriod(day, from, to)).orElse(false);
        if (finishedInPeriod && record.status() == DisbursementRecord.Status.SETTLED) {
            flows.paid = flows.paid.plus(record.amount());
        }
        if (finishedInPeriod && record.status() == DisbursementRecord.Status.RETURNED) {
            flows.returned = flows.returned.plus(record.amount());
        }
    }

    /** Sums of days from arrival to notice and to bank payment over the lot pieces of notices. */
    private static final class Timing {
        long pieces;
        long days;
        BigDecimal dayAmounts = BigDecimal.ZERO;
        BigDecimal amounts = BigDecimal.ZERO;
        long paidPieces;
        long bankDays;
        BigDecimal bankDayAmounts = BigDecimal.ZERO;
        BigDecimal paidAmounts = BigDecimal.ZERO;

        void add(DisbursementRecord record) {
            for (LotMovement piece : record.consumed()) {
                long toNotice = ChronoUnit.DAYS.between(piece.arrivalDate(), record.issuedOn());
                BigDecimal amount = piece.amount().getAmount();
                pieces++;
                days += toNotice;
                dayAmounts = dayAmounts.add(amount.multiply(BigDecimal.valueOf(toNotice)));
                amounts = amounts.add(amount);
                if (record.status() == DisbursementRecord.Status.SETTLED) {
                    long toBank = ChronoUnit.DAYS.between(piece.arrivalDate(), record.finishedOn().orElseThrow());
                    paidPieces++;
                    bankDays += toBank;
                    bankDayAmounts = bankDayAmounts.add(amount.multiply(BigDecimal.valueOf(toBank)));
                    paidAmounts = paidAmounts.add(amount);
                }
            }
        }

        Optional<BigDecimal> weightedDaysToNotice() {
            return ratio(dayAmounts, amounts);
        }
    }

    /** {@code numerator / denominator} to two decimals, half up; empty when nothing was counted. */
    static Optional<BigDecimal> ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(numerator.divide(denominator, 2, RoundingMode.HALF_UP));
    }

    private static Optional<BigDecimal> percent(BigDecimal part, BigDecimal whole) {
        return ratio(part.multiply(BigDecimal.valueOf(100)), whole);
    }

    /** Payout time and timeliness of the notices issued in {@code from}..{@code to}. */
    public PayoutTime payoutTime(LocalDate from, LocalDate to, CurrencyUnit currency) {
        ReportSource source = root.forOneReport();
        checkPeriod(source, from, to);
        Timing timing = flows(source, from, to, currency, record -> true).timing;
        List<DisbursementRecord> issued = new ArrayList<>();
        source.disbursements(from, to, record -> {
            if (record.amount().getCurrencyUnit().equals(currency) && CASE_OUTFLOWS.contains(record.kind())
                    && inPeriod(record.issuedOn(), from, to)
                    && record.status() != DisbursementRecord.Status.CANCELLED
                    && record.status() != DisbursementRecord.Status.RETURNED) {
                issued.add(record);
            }
        });
        Map<CaseNumber, List<Deferral>> deferrals = new HashMap<>();
        for (Deferral deferral : source.deferrals(to)) {
            deferrals.computeIfAbsent(deferral.caseNumber(), key -> new ArrayList<>()).add(deferral);
        }
        long timely = 0;
        BigDecimal timelyAmount = BigDecimal.ZERO;
        PayoutClock clock = clockAt(source, to);
        for (DisbursementRecord record : issued) {
            for (LotMovement piece : timelyPieces(source, clock, record, deferrals.getOrDefault(record.caseNumber().orElseThrow(),
                    List.of()))) {
                timely++;
                timelyAmount = timelyAmount.add(piece.amount().getAmount());
            }
        }
        return new PayoutTime(from, to, currency, Math.toIntExact(timing.pieces),
                Money.of(currency, timing.amounts),
                ratio(BigDecimal.valueOf(timing.days), BigDecimal.valueOf(timing.pieces)),
                timing.weightedDaysToNotice(), Math.toIntExact(timing.paidPieces),
                ratio(BigDecimal.valueOf(timing.bankDays), BigDecimal.valueOf(timing.paidPieces)),
                ratio(timing.bankDayAmounts, timing.paidAmounts), Math.toIntExact(timely),
                percent(BigDecimal.valueOf(timely), BigDecimal.valueOf(timing.pieces)),
                percent(timelyAmount, timing.amounts));
    }

    /**
     * The pieces a notice took in time: by the lot's deadline as known on the notice date, or while
     * a deferral held them. A deferral of the whole case holds every piece; a deferral with an
     * amount holds that much of the notice's pieces, in the order the notice took them.
     */
    private List<LotMovement> timelyPieces(ReportSource source, PayoutClock clock, DisbursementRecord record,
            List<Deferral> caseDeferrals) {
        List<Deferral> known = new ArrayList<>();
        boolean wholeCase = false;
        Money covering = Money.zero(record.amount().getCurrencyUnit());
        for (Deferral deferral : caseDeferrals) {
            if (deferral.grantedOn().isAfter(record.issuedOn())) {
                continue;
            }
            known.add(deferral);
            if (deferral.holdsOn(record.issuedOn())) {
                if (deferral.amount().isEmpty()) {
                    wholeCase = true;
                } else if (deferral.amount().get().isSameCurrency(covering)) {
                    covering = covering.plus(deferral.amount().get());
                }
            }
        }
        List<LotMovement> timely = new ArrayList<>();
        for (LotMovement piece : record.consumed()) {
            Money held = covering.isLessThan(piece.amount()) ? covering : piece.amount();
            covering = covering.minus(held);
            Lot lot = source.lot(piece.lot()).orElseThrow();
            boolean inTime = !record.issuedOn().isAfter(clock.noticeDeadline(lot, known, record.issuedOn()));
            if (wholeCase || inTime) {
                timely.add(piece);
            } else if (held.isPositive()) {
                timely.add(piece.withAmount(held));
            }
        }
        return timely;
    }

    // ------------------------------------------------------------------ lists of cases and money

    /**
     * The monthly report: cases holding at least the policy's large-balance threshold on
     * {@code date} (unnoticed plus in transit), largest first, with why each is not paid.
     */
    public List<LargeBalance> largeBalances(LocalDate date) {
        ReportSource source = root.forOneReport();
        checkDate(source, date, "date");
        Money threshold = clockAt(source, date).policyOn(date).largeBalanceThreshold();
        CurrencyUnit currency = threshold.getCurrencyUnit();
        Map<CaseNumber, Money[]> figures = new LinkedHashMap<>();
        for (AccountBalance balance : source.balances(date)) {
            if (balance.account().kind() == AccountKind.CASE && balance.posted().getCurrencyUnit().equals(currency)
                    && !balance.posted().plus(balance.pending()).isLessThan(threshold)) {
                figures.put(balance.account().caseNumber(), new Money[] {balance.posted(), balance.pending()});
            }
        }
        if (figures.isEmpty()) {
            return List.of();
        }
        Map<CaseNumber, ReportSource.CaseMoney> money = new HashMap<>();
        Map<CaseNumber, List<LotStatus>> statuses = new HashMap<>();
        eachCase(source, date, (each, lots) -> {
            if (figures.containsKey(each.caseNumber())) {
                money.put(each.caseNumber(), each);
                statuses.put(each.caseNumber(), lots);
            }
        });
        Map<CaseNumber, String> handlers = source.handlers(date);
        List<NoticeOverdue> late = noticesOverdueAtFinance(source, date);
        List<LargeBalance> large = new ArrayList<>();
        figures.forEach((caseNumber, amounts) -> large.add(withReason(caseNumber, handlers.get(caseNumber),
                amounts[0], amounts[1], statuses.getOrDefault(caseNumber, List.of()),
                Optional.ofNullable(money.get(caseNumber)).map(ReportSource.CaseMoney::deferrals).orElse(List.of()),
                late, date)));
        large.sort(Comparator.comparing((LargeBalance line) -> line.total().getAmount()).reversed()
                .thenComparing(LargeBalance::caseNumber));
        return large;
    }

    private LargeBalance withReason(CaseNumber caseNumber, String handler, Money unnoticed, Money inTransit,
            List<LotStatus> lots, List<Deferral> deferrals, List<NoticeOverdue> late, LocalDate date) {
        Optional<LotStatus> overdue = lots.stream().filter(lot -> lot.state() == LotStatus.State.OVERDUE)
                .min(Comparator.comparing(LotStatus::deadline));
        Optional<LotStatus> deferred = lots.stream().filter(lot -> lot.state() == LotStatus.State.DEFERRED)
                .findFirst();
        LargeBalance.Reason reason;
        String explanation;
        if (overdue.isPresent()) {
            reason = LargeBalance.Reason.OVERDUE;
            explanation = "overdue since " + overdue.get().deadline().plusDays(1) + " ("
                    + -overdue.get().daysLeft() + " working days past the notice deadline)";
        } else if (deferred.isPresent()) {
            String id = deferred.get().deferral().orElseThrow();
            Deferral deferral = deferrals.stream().filter(each -> each.id().equals(id)).findFirst().orElseThrow();
            reason = LargeBalance.Reason.DEFERRED;
            explanation = "deferred (" + deferral.reason() + ") until " + deferral.end() + ": "
                    + deferral.explanation();
        } else if (unnoticed.isPositive()) {
            reason = LargeBalance.Reason.WITHIN_DEADLINE;
            LocalDate first = lots.stream().map(LotStatus::deadline).min(Comparator.naturalOrder()).orElse(date);
            explanation = "within its notice deadline; the first notice is due by " + first;
        } else {
            reason = LargeBalance.Reason.AWAITING_BANK;
            explanation = "noticed to finance; the bank has not paid yet";
        }
        List<NoticeOverdue> ofCase = new ArrayList<>();
        for (NoticeOverdue notice : late) {
            if (notice.notice().caseNumber().filter(caseNumber::equals).isPresent()) {
                ofCase.add(notice);
            }
        }
        if (!ofCase.isEmpty()) {
            explanation += "; " + ofCase.size() + " notice(s) are past finance's deadline, the oldest since "
                    + ofCase.get(0).deadline().plusDays(1);
        }
        return new LargeBalance(caseNumber, handler, unnoticed, inTransit, unnoticed.plus(inTransit), reason,
                explanation);
    }

    /**
     * Money that arrived on or before {@code cutoff} and is still held on {@code date}, on cases or
     * unidentified, or noticed and not yet paid by the bank, oldest first (旧存案款).
     */
    public List<OldBalance> oldBalances(LocalDate date, LocalDate cutoff) {
        ReportSource source = root.forOneReport();
        checkDate(source, date, "date");
        Checks.required(cutoff, "cutoff");
        List<OldBalance> old = new ArrayList<>();
        source.casesHoldingMoney(date, money -> {
            for (Lot lot : money.openLots()) {
                if (!lot.arrivalDate().isAfter(cutoff)) {
                    old.add(new OldBalance(lot.account(), Optional.of(money.handler()), lot.id(), lot.arrivalDate(),
                            lot.remaining(), ChronoUnit.DAYS.between(lot.arrivalDate(), date), Optional.empty()));
                }
            }
        });
        for (Lot lot : source.unidentifiedLots(date)) {
            if (!lot.arrivalDate().isAfter(cutoff)) {
                old.add(new OldBalance(lot.account(), Optional.empty(), lot.id(), lot.arrivalDate(), lot.remaining(),
                        ChronoUnit.DAYS.between(lot.arrivalDate(), date), Optional.empty()));
            }
        }
        // Money noticed but not yet paid by the bank is still held in the court's account.
        Map<CaseNumber, String> handlers = null;
        for (DisbursementRecord record : source.inTransit(date)) {
            for (LotMovement piece : record.consumed()) {
                if (piece.arrivalDate().isAfter(cutoff)) {
                    continue;
                }
                if (handlers == null) {
                    handlers = source.handlers(date);
                }
                Optional<String> handler = record.caseNumber().map(handlers::get);
                old.add(new OldBalance(piece.account(), handler, piece.lot(), piece.arrivalDate(), piece.amount(),
                        ChronoUnit.DAYS.between(piece.arrivalDate(), date), Optional.of(record.id())));
            }
        }
        old.sort(Comparator.comparing(OldBalance::arrivalDate).thenComparing(OldBalance::lot)
                .thenComparing(line -> line.inTransit().orElse("")));
        return old;
    }

    /** Old balances before the policy's cut-off date. */
    public List<OldBalance> oldBalances(LocalDate date) {
        return oldBalances(date, rulesOn(date).policyOn(date).oldBalancesCutoff());
    }

    /** The one-case-one-account usage rate of the receipts of {@code from}..{@code to}. */
    public SubAccountUsage subAccountUsage(LocalDate from, LocalDate to, CurrencyUnit currency) {
        ReportSource source = root.forOneReport();
        checkPeriod(source, from, to);
        int[] counts = new int[4];
        Money[] amounts = {Money.zero(currency), Money.zero(currency)};
        source.receipts(from, to, receipt -> {
            Money money = receipt.details().amount();
            if (receipt.reversed() || !money.getCurrencyUnit().equals(currency)) {
                return;
            }
            counts[0]++;
            amounts[0] = amounts[0].plus(money);
            if (receipt.details().routing() == Routing.SUB_ACCOUNT) {
                counts[1]++;
                amounts[1] = amounts[1].plus(money);
            } else if (receipt.details().routing() == Routing.CASE_NUMBER) {
                counts[2]++;
            } else {
                counts[3]++;
            }
        });
        return new SubAccountUsage(from, to, currency, counts[0], counts[1], counts[2], counts[3], amounts[0],
                amounts[1], percent(BigDecimal.valueOf(counts[1]), BigDecimal.valueOf(counts[0])),
                percent(amounts[1].getAmount(), amounts[0].getAmount()));
    }

    private static boolean inPeriod(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
