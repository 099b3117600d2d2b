package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The lists of money held: the monthly large balances with why each is not paid, and old balances. *
 * <p>This class is immutable and thread-safe if the facade's source is.
 */
final class BalanceReports {
    private final CourtReports reports;

    BalanceReports(CourtReports reports) {
        this.reports = reports;
    }

    // ------------------------------------------------------------------ lists of cases and money

    /**
     * The monthly report: cases holding at least the policy's large-balance threshold on
     * {@code date} (unnoticed plus in transit), largest first, with why each is not paid.
     */
    public List<LargeBalance> largeBalances(LocalDate date) {
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkDate(source, date, "date");
        Money threshold = reports.clockAt(source, date).policyOn(date).largeBalanceThreshold();
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
        reports.daily.eachCase(source, date, (each, lots) -> {
            if (figures.containsKey(each.caseNumber())) {
                money.put(each.caseNumber(), each);
                statuses.put(each.caseNumber(), lots);
            }
        });
        Map<CaseNumber, String> handlers = source.handlers(date, figures.keySet());
        List<NoticeOverdue> late = reports.daily.noticesOverdueAtFinance(source, date);
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
        ReportSource source = reports.root.forOneReport();
        CourtReports.checkDate(source, date, "date");
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
        List<DisbursementRecord> inTransit = source.inTransit(date);
        List<CaseNumber> named = new ArrayList<>();
        inTransit.forEach(record -> record.caseNumber().ifPresent(named::add));
        Map<CaseNumber, String> handlers = named.isEmpty() ? Map.of() : source.handlers(date, named);
        for (DisbursementRecord record : inTransit) {
            for (LotMovement piece : record.consumed()) {
                if (piece.arrivalDate().isAfter(cutoff)) {
                    continue;
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
        return oldBalances(date, reports.rulesOn(date).policyOn(date).oldBalancesCutoff());
    }

}
