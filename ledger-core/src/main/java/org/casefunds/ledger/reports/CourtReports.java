package org.casefunds.ledger.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.casefunds.ledger.Checks;
import org.casefunds.ledger.ErrorCode;
import org.casefunds.ledger.InvalidInputException;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.rules.LotStatus;
import org.casefunds.ledger.rules.PayoutClock;
import org.casefunds.ledger.rules.Period;
import org.casefunds.ledger.rules.Policy;
import org.casefunds.ledger.state.CaseRecord;
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
 * <p>Every report about a date is computed from the state as of the end of that date (the fold of
 * the events effective on or before it), so asking again later about the same date gives the same
 * answer unless events were since recorded with earlier effective dates. This is the reference
 * computation; the SQL store's set-based reports must agree with it.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CourtReports {
    /** The disbursements that pay a case's money out: what payout time and "noticed" count. */
    private static final Set<Disbursement> CASE_OUTFLOWS = Set.of(Disbursement.PAYOUT,
            Disbursement.DISTRIBUTION_SHARE, Disbursement.SURPLUS_REFUND, Disbursement.DEPOSIT);

    private final Function<LocalDate, LedgerState> states;
    private final PayoutClock clock;

    private CourtReports(Function<LocalDate, LedgerState> states, PayoutClock clock) {
        this.states = states;
        this.clock = clock;
    }

    /** Reports over {@code ledger}'s journal, under its policy, on {@code calendar}. */
    public static CourtReports of(Ledger ledger, WorkingDayCalendar calendar) {
        return of(ledger::asOf, ledger.policy(), calendar);
    }

    /** Reports over any source of as-of states (for example a fold of a SQL store's events). */
    public static CourtReports of(Function<LocalDate, LedgerState> states, Policy policy,
            WorkingDayCalendar calendar) {
        return new CourtReports(Checks.required(states, "states"), new PayoutClock(policy, calendar));
    }

    /** The clock the reports use. */
    public PayoutClock clock() {
        return clock;
    }

    private LedgerState stateOn(LocalDate date, String field) {
        Checks.required(date, field);
        LedgerState state = states.apply(date);
        LocalDate opened = state.openedOn().orElseThrow(() -> new InvalidInputException(ErrorCode.INVALID_DATE,
                field, date, "the journal has no events on or before this date; it begins later, or is empty"));
        if (date.isBefore(opened)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, field, date,
                    "is before the journal begins (the ledger opened on " + opened + ")");
        }
        return state;
    }

    private static void checkPeriod(LocalDate from, LocalDate to) {
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "to", to, "is before from " + from);
        }
    }

    // ------------------------------------------------------------------ the daily view

    /** Every unnoticed amount of every case on {@code date}, with where it stands. */
    public List<CaseLotStatus> caseLots(LocalDate date) {
        return caseLots(stateOn(date, "date"), date);
    }

    private List<CaseLotStatus> caseLots(LedgerState state, LocalDate date) {
        List<CaseLotStatus> lines = new ArrayList<>();
        for (CaseRecord record : state.cases()) {
            List<Lot> open = new ArrayList<>();
            for (AccountBalance balance : caseBalances(state, record.caseNumber())) {
                open.addAll(state.openLots(balance.account(), balance.posted().getCurrencyUnit()));
            }
            if (open.isEmpty()) {
                continue;
            }
            for (LotStatus status : clock.statusOfCase(open, state.deferrals(record.caseNumber()), date)) {
                lines.add(new CaseLotStatus(record.caseNumber(), record.handler(), status));
            }
        }
        return lines;
    }

    private static List<AccountBalance> caseBalances(LedgerState state, CaseNumber caseNumber) {
        List<AccountBalance> balances = new ArrayList<>();
        AccountId account = AccountId.ofCase(caseNumber);
        for (AccountBalance balance : state.balances()) {
            if (balance.account().equals(account)) {
                balances.add(balance);
            }
        }
        return balances;
    }

    /**
     * The daily three-colour list (DOMAIN.md item 24): overdue (red), near deadline (yellow) and
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
        return unidentified(stateOn(date, "date"), date);
    }

    private List<UnidentifiedEntry> unidentified(LedgerState state, LocalDate date) {
        Map<String, List<Lot>> byReceipt = new TreeMap<>();
        for (Lot lot : state.lots()) {
            if (lot.account().kind() == AccountKind.UNIDENTIFIED && lot.remaining().isPositive()) {
                byReceipt.computeIfAbsent(lot.receipt(), key -> new ArrayList<>()).add(lot);
            }
        }
        List<UnidentifiedEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Lot>> each : byReceipt.entrySet()) {
            Receipt receipt = state.receipt(each.getKey()).orElseThrow();
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
                    clock.daysBetween(date, deadline, Period.Unit.WORKING_DAYS), date.isAfter(deadline)));
        }
        entries.sort(Comparator.comparing(UnidentifiedEntry::arrivalDate).thenComparing(UnidentifiedEntry::receipt));
        return entries;
    }

    /** Notices, refunds and deposits that finance has not had paid within its deadline on {@code date}. */
    public List<NoticeOverdue> noticesOverdueAtFinance(LocalDate date) {
        return noticesOverdueAtFinance(stateOn(date, "date"), date);
    }

    private List<NoticeOverdue> noticesOverdueAtFinance(LedgerState state, LocalDate date) {
        List<NoticeOverdue> overdue = new ArrayList<>();
        for (DisbursementRecord notice : state.disbursements()) {
            if (!notice.inTransit()) {
                continue;
            }
            LocalDate deadline = clock.settlementDeadline(notice);
            if (date.isAfter(deadline)) {
                overdue.add(new NoticeOverdue(notice, deadline, -clock.daysBetween(date, deadline,
                        Period.Unit.WORKING_DAYS)));
            }
        }
        overdue.sort(Comparator.comparing(NoticeOverdue::deadline).thenComparing(line -> line.notice().id()));
        return overdue;
    }

    /** Deferrals ending within the warning horizon, and deferrals that ended without being lifted. */
    public List<DeferralWatch> deferralWatch(LocalDate date) {
        LedgerState state = stateOn(date, "date");
        Map<CaseNumber, Money> unnoticed = new HashMap<>();
        List<DeferralWatch> watch = new ArrayList<>();
        for (Deferral deferral : state.deferrals()) {
            if (deferral.liftedOn().isPresent() && !deferral.liftedOn().get().isAfter(date)) {
                continue;
            }
            int daysLeft = clock.daysBetween(date, deferral.end(), Period.Unit.WORKING_DAYS);
            Money holds = unnoticed.computeIfAbsent(deferral.caseNumber(), caseNumber -> {
                Money sum = Money.zero(deferral.amount().map(Money::getCurrencyUnit).orElse(CurrencyUnit.of("CNY")));
                for (AccountBalance balance : caseBalances(state, caseNumber)) {
                    if (balance.posted().isSameCurrency(sum)) {
                        sum = sum.plus(balance.posted());
                    }
                }
                return sum;
            });
            DeferralWatch.Status status;
            if (date.isAfter(deferral.end())) {
                // Only while the case still holds money: then its clock has restarted and it matters.
                if (!holds.isPositive()) {
                    continue;
                }
                status = DeferralWatch.Status.ENDED_WITHOUT_LIFT;
            } else if (deferral.holdsOn(date) && daysLeft <= clock.policy().warningHorizon().length()) {
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
        LedgerState state = stateOn(date, "date");
        Map<CurrencyUnit, Tally> tallies = new TreeMap<>();
        for (CaseLotStatus line : caseLots(state, date)) {
            if (line.status().state() == LotStatus.State.OVERDUE) {
                tally(tallies, line.status().amount().getCurrencyUnit()).overdue(line);
            }
        }
        for (NoticeOverdue line : noticesOverdueAtFinance(state, date)) {
            tally(tallies, line.notice().amount().getCurrencyUnit()).financeOverdue(line.notice().amount());
        }
        for (UnidentifiedEntry entry : unidentified(state, date)) {
            tally(tallies, entry.remaining().getCurrencyUnit()).unidentified(entry);
        }
        for (AccountBalance balance : state.balances()) {
            tally(tallies, balance.posted().getCurrencyUnit());
        }
        List<DoubleZero.Figures> figures = new ArrayList<>();
        boolean strict = true;
        boolean lenient = true;
        for (Tally tally : tallies.values()) {
            DoubleZero.Figures each = tally.figures();
            figures.add(each);
            strict &= each.strict();
            lenient &= each.lenient();
        }
        return new DoubleZero(date, strict, lenient, figures);
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

        Tally(CurrencyUnit currency) {
            this.currency = currency;
            overdue = Money.zero(currency);
            finance = Money.zero(currency);
            unidentified = Money.zero(currency);
            pastDeadlineAmount = Money.zero(currency);
        }

        void overdue(CaseLotStatus line) {
            overdueLots++;
            overdueCases.add(line.caseNumber());
            overdue = overdue.plus(line.status().amount());
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
                    unidentifiedReceipts, unidentified, pastDeadline, pastDeadlineAmount);
        }
    }

    // ------------------------------------------------------------------ period reports

    /** The weekly report for {@code from}..{@code to} (inclusive) in {@code currency}. */
    public WeeklyReport weekly(LocalDate from, LocalDate to, CurrencyUnit currency) {
        checkPeriod(from, to);
        LedgerState state = stateOn(to, "to");
        Flow received = Flow.none(currency);
        for (Receipt receipt : state.receipts()) {
            if (inPeriod(receipt.valueDate(), from, to) && !receipt.reversed()
                    && receipt.details().amount().getCurrencyUnit().equals(currency)) {
                received = received.plus(receipt.details().amount());
            }
        }
        Flow claimed = Flow.none(currency);
        for (Lot lot : state.lots()) {
            if (lot.origin() == Lot.Origin.CLAIM && inPeriod(lot.createdOn(), from, to)
                    && lot.amount().getCurrencyUnit().equals(currency) && !reversed(state, lot)) {
                claimed = claimed.plus(lot.amount());
            }
        }
        Flows flows = flows(state, from, to, currency, record -> true);
        Money onCases = Money.zero(currency);
        Money unidentified = Money.zero(currency);
        Money inTransit = Money.zero(currency);
        Set<CaseNumber> holding = new TreeSet<>();
        for (AccountBalance balance : state.balances()) {
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
        return new WeeklyReport(from, to, currency, received, claimed, flows.noticed, flows.paid, flows.returned,
                flows.refundedUnidentified, onCases, unidentified, inTransit, holding.size(),
                handlers(state, from, to, currency));
    }

    /** The figures of every handler for {@code from}..{@code to} in {@code currency}. */
    public List<HandlerFigures> handlers(LocalDate from, LocalDate to, CurrencyUnit currency) {
        checkPeriod(from, to);
        return handlers(stateOn(to, "to"), from, to, currency);
    }

    private List<HandlerFigures> handlers(LedgerState state, LocalDate from, LocalDate to, CurrencyUnit currency) {
        Map<String, List<CaseNumber>> casesOf = new TreeMap<>();
        for (CaseRecord record : state.cases()) {
            casesOf.computeIfAbsent(record.handler(), handler -> new ArrayList<>()).add(record.caseNumber());
        }
        Map<CaseNumber, Money> overdueByCase = new HashMap<>();
        for (CaseLotStatus line : caseLots(state, to)) {
            if (line.status().state() == LotStatus.State.OVERDUE
                    && line.status().amount().getCurrencyUnit().equals(currency)) {
                overdueByCase.merge(line.caseNumber(), line.status().amount(), Money::plus);
            }
        }
        List<HandlerFigures> figures = new ArrayList<>();
        for (Map.Entry<String, List<CaseNumber>> entry : casesOf.entrySet()) {
            Set<CaseNumber> cases = new HashSet<>(entry.getValue());
            Flow received = Flow.none(currency);
            for (Lot lot : state.lots()) {
                if (lot.account().kind() == AccountKind.CASE && cases.contains(lot.account().caseNumber())
                        && (lot.origin() == Lot.Origin.RECEIPT || lot.origin() == Lot.Origin.CLAIM)
                        && inPeriod(lot.createdOn(), from, to) && lot.amount().getCurrencyUnit().equals(currency)
                        && !reversed(state, lot)) {
                    received = received.plus(lot.amount());
                }
            }
            Flows flows = flows(state, from, to, currency,
                    record -> record.caseNumber().map(cases::contains).orElse(false));
            Money held = Money.zero(currency);
            Money overdue = Money.zero(currency);
            for (CaseNumber caseNumber : cases) {
                held = held.plus(state.balance(AccountId.ofCase(caseNumber), currency));
                overdue = overdue.plus(overdueByCase.getOrDefault(caseNumber, Money.zero(currency)));
            }
            figures.add(new HandlerFigures(entry.getKey(), cases.size(), received, flows.noticed, flows.paid, held,
                    overdue, flows.timing.weightedDaysToNotice()));
        }
        return figures;
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

    private Flows flows(LedgerState state, LocalDate from, LocalDate to, CurrencyUnit currency,
            java.util.function.Predicate<DisbursementRecord> select) {
        Flows flows = new Flows(currency);
        for (DisbursementRecord record : sorted(state.disbursements())) {
            if (!record.amount().getCurrencyUnit().equals(currency) || !select.test(record)) {
                continue;
            }
            boolean issuedInPeriod = inPeriod(record.issuedOn(), from, to);
            boolean cancelled = record.status() == DisbursementRecord.Status.CANCELLED;
            if (record.kind() == Disbursement.UNIDENTIFIED_REFUND) {
                if (issuedInPeriod && !cancelled) {
                    flows.refundedUnidentified = flows.refundedUnidentified.plus(record.amount());
                }
                continue;
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
        return flows;
    }

    private static List<DisbursementRecord> sorted(java.util.Collection<DisbursementRecord> records) {
        List<DisbursementRecord> list = new ArrayList<>(records);
        list.sort(Comparator.comparing(DisbursementRecord::issueSequence).thenComparing(DisbursementRecord::id));
        return list;
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
        checkPeriod(from, to);
        LedgerState state = stateOn(to, "to");
        Timing timing = flows(state, from, to, currency, record -> true).timing;
        long timely = 0;
        BigDecimal timelyAmount = BigDecimal.ZERO;
        for (DisbursementRecord record : sorted(state.disbursements())) {
            if (!record.amount().getCurrencyUnit().equals(currency) || !CASE_OUTFLOWS.contains(record.kind())
                    || !inPeriod(record.issuedOn(), from, to)
                    || record.status() == DisbursementRecord.Status.CANCELLED
                    || record.status() == DisbursementRecord.Status.RETURNED) {
                continue;
            }
            for (LotMovement piece : timelyPieces(state, record)) {
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
    private List<LotMovement> timelyPieces(LedgerState state, DisbursementRecord record) {
        List<Deferral> known = new ArrayList<>();
        boolean wholeCase = false;
        Money covering = Money.zero(record.amount().getCurrencyUnit());
        for (Deferral deferral : state.deferrals(record.caseNumber().orElseThrow())) {
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
            Lot lot = state.lot(piece.lot()).orElseThrow();
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
        LedgerState state = stateOn(date, "date");
        Money threshold = clock.policy().largeBalanceThreshold();
        CurrencyUnit currency = threshold.getCurrencyUnit();
        Map<CaseNumber, List<LotStatus>> statuses = new HashMap<>();
        for (CaseLotStatus line : caseLots(state, date)) {
            statuses.computeIfAbsent(line.caseNumber(), caseNumber -> new ArrayList<>()).add(line.status());
        }
        List<LargeBalance> large = new ArrayList<>();
        for (CaseRecord record : state.cases()) {
            AccountId account = AccountId.ofCase(record.caseNumber());
            Money unnoticed = state.balance(account, currency);
            Money inTransit = state.pending(account, currency);
            Money total = unnoticed.plus(inTransit);
            if (total.isLessThan(threshold)) {
                continue;
            }
            List<LotStatus> lots = statuses.getOrDefault(record.caseNumber(), List.of());
            large.add(withReason(state, record, unnoticed, inTransit, total, lots, date));
        }
        large.sort(Comparator.comparing((LargeBalance line) -> line.total().getAmount()).reversed()
                .thenComparing(LargeBalance::caseNumber));
        return large;
    }

    private LargeBalance withReason(LedgerState state, CaseRecord record, Money unnoticed, Money inTransit,
            Money total, List<LotStatus> lots, LocalDate date) {
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
            Deferral deferral = state.deferral(deferred.get().deferral().orElseThrow()).orElseThrow();
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
        List<NoticeOverdue> late = new ArrayList<>();
        for (NoticeOverdue notice : noticesOverdueAtFinance(state, date)) {
            if (notice.notice().caseNumber().filter(record.caseNumber()::equals).isPresent()) {
                late.add(notice);
            }
        }
        if (!late.isEmpty()) {
            explanation += "; " + late.size() + " notice(s) are past finance's deadline, the oldest since "
                    + late.get(0).deadline().plusDays(1);
        }
        return new LargeBalance(record.caseNumber(), record.handler(), unnoticed, inTransit, total, reason,
                explanation);
    }

    /**
     * Money that arrived on or before {@code cutoff} and is still held on {@code date}, on cases or
     * unidentified, oldest first (旧存案款).
     */
    public List<OldBalance> oldBalances(LocalDate date, LocalDate cutoff) {
        LedgerState state = stateOn(date, "date");
        Checks.required(cutoff, "cutoff");
        List<OldBalance> old = new ArrayList<>();
        for (Lot lot : state.lots()) {
            if (!lot.remaining().isPositive() || lot.arrivalDate().isAfter(cutoff)) {
                continue;
            }
            Optional<String> handler = lot.account().kind() == AccountKind.CASE
                    ? state.caseRecord(lot.account().caseNumber()).map(CaseRecord::handler) : Optional.empty();
            old.add(new OldBalance(lot.account(), handler, lot.id(), lot.arrivalDate(), lot.remaining(),
                    ChronoUnit.DAYS.between(lot.arrivalDate(), date), Optional.empty()));
        }
        // Money noticed but not yet paid by the bank is still held in the court's account.
        for (DisbursementRecord record : state.disbursements()) {
            if (!record.inTransit()) {
                continue;
            }
            Optional<String> handler = record.caseNumber().flatMap(state::caseRecord).map(CaseRecord::handler);
            for (LotMovement piece : record.consumed()) {
                if (!piece.arrivalDate().isAfter(cutoff)) {
                    old.add(new OldBalance(piece.account(), handler, piece.lot(), piece.arrivalDate(), piece.amount(),
                            ChronoUnit.DAYS.between(piece.arrivalDate(), date), Optional.of(record.id())));
                }
            }
        }
        old.sort(Comparator.comparing(OldBalance::arrivalDate).thenComparing(OldBalance::lot));
        return old;
    }

    /** Old balances before the policy's cut-off date. */
    public List<OldBalance> oldBalances(LocalDate date) {
        return oldBalances(date, clock.policy().oldBalancesCutoff());
    }

    /** The one-case-one-account usage rate of the receipts of {@code from}..{@code to}. */
    public SubAccountUsage subAccountUsage(LocalDate from, LocalDate to, CurrencyUnit currency) {
        checkPeriod(from, to);
        LedgerState state = stateOn(to, "to");
        int count = 0;
        int bySubAccount = 0;
        int byCaseNumber = 0;
        int unidentified = 0;
        Money amount = Money.zero(currency);
        Money amountBySubAccount = Money.zero(currency);
        for (Receipt receipt : state.receipts()) {
            Money money = receipt.details().amount();
            if (receipt.reversed() || !inPeriod(receipt.valueDate(), from, to)
                    || !money.getCurrencyUnit().equals(currency)) {
                continue;
            }
            count++;
            amount = amount.plus(money);
            if (receipt.details().routing() == Routing.SUB_ACCOUNT) {
                bySubAccount++;
                amountBySubAccount = amountBySubAccount.plus(money);
            } else if (receipt.details().routing() == Routing.CASE_NUMBER) {
                byCaseNumber++;
            } else {
                unidentified++;
            }
        }
        return new SubAccountUsage(from, to, currency, count, bySubAccount, byCaseNumber, unidentified, amount,
                amountBySubAccount, percent(BigDecimal.valueOf(bySubAccount), BigDecimal.valueOf(count)),
                percent(amountBySubAccount.getAmount(), amount.getAmount()));
    }

    /** Whether the event that created the lot was reversed: its money never really arrived. */
    private static boolean reversed(LedgerState state, Lot lot) {
        return state.reversalOf(lot.id().sequence()).isPresent();
    }

    private static boolean inPeriod(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
