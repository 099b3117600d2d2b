package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.clock.PayoutClock;
import org.casefunds.ledger.policy.Period;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The daily view: where each case's money stands, the three colours, unidentified money, notices late at finance, deferrals to watch, and double zero. *
 * <p>This class is immutable and thread-safe if the facade's source is.
 */
final class DailyReports {
    private final CourtReports reports;

    DailyReports(CourtReports reports) {
        this.reports = reports;
    }

    // ------------------------------------------------------------------ the daily view

    /** Every unnoticed amount of every case on {@code date}, with where it stands. */
    public List<CaseLotStatus> caseLots(LocalDate date) {
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkDate(source, date, "date");
        List<CaseLotStatus> lines = new ArrayList<>();
        eachCase(source, date, (money, statuses) -> {
            for (LotStatus status : statuses) {
                lines.add(new CaseLotStatus(money.caseNumber(), money.handler(), status));
            }
        });
        return lines;
    }

    /** Classifies the money of each case holding some on {@code date}, one case at a time. */
    void eachCase(ReportSource source, LocalDate date, BiConsumer<ReportSource.CaseMoney, List<LotStatus>> sink) {
        PayoutClock clock = reports.clockAt(source, date);
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
        flagged.sort(MOST_URGENT_FIRST);
        return flagged;
    }

    /** The three-colour list's order: by colour (red first), then deadline, then case, then lot. */
    private static final Comparator<CaseLotStatus> MOST_URGENT_FIRST = Comparator
            .comparing((CaseLotStatus line) -> line.status().colour())
            .thenComparing(line -> line.status().deadline())
            .thenComparing(CaseLotStatus::caseNumber)
            .thenComparing(line -> line.status().lot().id());

    /** Unidentified receipts still holding money on {@code date}, oldest first. */
    public List<UnidentifiedEntry> unidentified(LocalDate date) {
        return unidentified(reports.root.forOneReport(), date);
    }

    private List<UnidentifiedEntry> unidentified(ReportSource source, LocalDate date) {
        PayoutClock clock = reports.clockAt(source, date);
        CourtReports.checkDate(source, date, "date");
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
        return noticesOverdueAtFinance(reports.root.forOneReport(), date);
    }

    List<NoticeOverdue> noticesOverdueAtFinance(ReportSource source, LocalDate date) {
        PayoutClock clock = reports.clockAt(source, date);
        CourtReports.checkDate(source, date, "date");
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
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkDate(source, date, "date");
        Map<CaseNumber, Map<CurrencyUnit, Money>> unnoticed = new HashMap<>();
        source.casesHoldingMoney(date, money -> {
            Map<CurrencyUnit, Money> sums = unnoticed.computeIfAbsent(money.caseNumber(), key -> new HashMap<>());
            for (Lot lot : money.openLots()) {
                sums.merge(lot.remaining().getCurrencyUnit(), lot.remaining(), Money::plus);
            }
        });
        List<DeferralWatch> watch = new ArrayList<>();
        PayoutClock clock = reports.clockAt(source, date);
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
        return doubleZero(date, (money, statuses) -> { });
    }

    /** Double zero on {@code date} and its three-colour list, from one pass over the cases holding money. */
    public DoubleZeroWithList doubleZeroWithList(LocalDate date) {
        List<CaseLotStatus> flagged = new ArrayList<>();
        DoubleZero doubleZero = doubleZero(date, (money, statuses) -> {
            for (LotStatus status : statuses) {
                if (status.colour() != LotStatus.Colour.NONE) {
                    flagged.add(new CaseLotStatus(money.caseNumber(), money.handler(), status));
                }
            }
        });
        flagged.sort(MOST_URGENT_FIRST);
        return new DoubleZeroWithList(doubleZero, flagged);
    }

    /** Double zero on {@code date}; {@code alsoEachCase} sees each case's money and statuses as they are tallied. */
    private DoubleZero doubleZero(LocalDate date, BiConsumer<ReportSource.CaseMoney, List<LotStatus>> alsoEachCase) {
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkDate(source, date, "date");
        Map<CurrencyUnit, Tally> tallies = new TreeMap<>();
        SortedSet<Integer> years = new TreeSet<>(Set.of(date.getYear()));
        eachCase(source, date, (money, statuses) -> {
            alsoEachCase.accept(money, statuses);
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
        return new DoubleZero(date, strict, lenient, figures, reports.clockAt(source, date).rules().describe(date, years));
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

}
