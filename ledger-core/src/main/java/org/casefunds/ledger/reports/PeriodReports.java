package org.casefunds.ledger.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.clock.PayoutClock;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The reports over a period: the weekly report, the figures per handler, payout time and timeliness, and the one-case-one-account usage rate. *
 * <p>This class is immutable and thread-safe if the facade's source is.
 */
final class PeriodReports {
    private final CourtReports reports;

    PeriodReports(CourtReports reports) {
        this.reports = reports;
    }

    // ------------------------------------------------------------------ period reports

    /** The weekly report for {@code from}..{@code to} (inclusive) in {@code currency}. */
    public WeeklyReport weekly(LocalDate from, LocalDate to, CurrencyUnit currency) {
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkPeriod(source, from, to);
        Period period = new Period(source, from, to);
        Flow[] received = {Flow.none(currency)};
        source.receipts(from, to, receipt -> {
            if (!receipt.reversed() && receipt.details().amount().getCurrencyUnit().equals(currency)) {
                received[0] = received[0].plus(receipt.details().amount());
            }
        });
        Flow[] claimed = {Flow.none(currency)};
        period.lotsCreated().forEach(created -> {
            Lot lot = created.lot();
            if (lot.origin() == Lot.Origin.CLAIM && lot.amount().getCurrencyUnit().equals(currency)
                    && !created.reversed()) {
                claimed[0] = claimed[0].plus(lot.amount());
            }
        });
        Flows flows = flows(period, currency, record -> true);
        Money onCases = Money.zero(currency);
        Money unidentified = Money.zero(currency);
        Money inTransit = Money.zero(currency);
        int casesHolding = 0;
        for (ReportSource.KindTotal total : source.totalsByKind(to)) {
            if (!total.posted().getCurrencyUnit().equals(currency)) {
                continue;
            }
            AccountKind kind = total.kind();
            if (kind == AccountKind.CASE) {
                onCases = onCases.plus(total.posted());
                casesHolding += total.holding();
            } else if (kind == AccountKind.UNIDENTIFIED) {
                unidentified = unidentified.plus(total.posted());
            } else if (kind != AccountKind.BANK && kind != AccountKind.COURT_FEES) {
                inTransit = inTransit.plus(total.posted());
            }
        }
        return new WeeklyReport(from, to, currency, received[0], claimed[0], flows.noticed, flows.paid,
                flows.returned, flows.refundedUnidentified, onCases, unidentified, inTransit, casesHolding,
                handlers(period, currency));
    }

    /** The figures of every handler for {@code from}..{@code to} in {@code currency}. */
    public List<HandlerFigures> handlers(LocalDate from, LocalDate to, CurrencyUnit currency) {
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkPeriod(source, from, to);
        return handlers(new Period(source, from, to), currency);
    }

    private List<HandlerFigures> handlers(Period period, CurrencyUnit currency) {
        ReportSource source = period.source;
        LocalDate from = period.from;
        LocalDate to = period.to;
        SortedMap<String, Integer> cases = source.casesPerHandler(to);
        Set<CaseNumber> named = new TreeSet<>();
        period.lotsCreated().forEach(created -> {
            if (created.lot().account().kind() == AccountKind.CASE) {
                named.add(created.lot().account().caseNumber());
            }
        });
        period.disbursements().forEach(record -> record.caseNumber().ifPresent(named::add));
        Map<CaseNumber, String> handlerOf = source.handlers(to, named);
        Map<String, Flow> received = new HashMap<>();
        period.lotsCreated().forEach(created -> {
            Lot lot = created.lot();
            if (lot.account().kind() == AccountKind.CASE && !created.reversed()
                    && (lot.origin() == Lot.Origin.RECEIPT || lot.origin() == Lot.Origin.CLAIM)
                    && lot.amount().getCurrencyUnit().equals(currency)) {
                String handler = handlerOf.get(lot.account().caseNumber());
                received.merge(handler, Flow.none(currency).plus(lot.amount()), PeriodReports::add);
            }
        });
        Map<String, Money> held = new HashMap<>();
        Map<String, Money> overdue = new HashMap<>();
        reports.daily.eachCase(source, to, (money, statuses) -> {
            String handler = money.handler();
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
        period.disbursements().forEach(record -> {
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

    /**
     * What one report reads of its period from its source: the lots created and the disbursements
     * issued or finished in it, each read once however many parts of the report ask for them.
     */
    private static final class Period {
        final ReportSource source;
        final LocalDate from;
        final LocalDate to;
        private List<ReportSource.CreatedLot> lotsCreated;
        private List<DisbursementRecord> disbursements;

        Period(ReportSource source, LocalDate from, LocalDate to) {
            this.source = source;
            this.from = from;
            this.to = to;
        }

        List<ReportSource.CreatedLot> lotsCreated() {
            if (lotsCreated == null) {
                List<ReportSource.CreatedLot> read = new ArrayList<>();
                source.lotsCreated(from, to, read::add);
                lotsCreated = read;
            }
            return lotsCreated;
        }

        List<DisbursementRecord> disbursements() {
            if (disbursements == null) {
                List<DisbursementRecord> read = new ArrayList<>();
                source.disbursements(from, to, read::add);
                disbursements = read;
            }
            return disbursements;
        }
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

    private Flows flows(Period period, CurrencyUnit currency, Predicate<DisbursementRecord> select) {
        LocalDate from = period.from;
        LocalDate to = period.to;
        Flows flows = new Flows(currency);
        period.disbursements().forEach(record -> {
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
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkPeriod(source, from, to);
        Period period = new Period(source, from, to);
        Timing timing = flows(period, currency, record -> true).timing;
        List<DisbursementRecord> issued = new ArrayList<>();
        period.disbursements().forEach(record -> {
            if (record.amount().getCurrencyUnit().equals(currency) && CourtReports.CASE_OUTFLOWS.contains(record.kind())
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
        PayoutClock clock = reports.clockAt(source, to);
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

    /** The one-case-one-account usage rate of the receipts of {@code from}..{@code to}. */
    public SubAccountUsage subAccountUsage(LocalDate from, LocalDate to, CurrencyUnit currency) {
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkPeriod(source, from, to);
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
