package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The questions the court's reports ask of a journal, each about the state as it stood at the end
 * of a date (or at the end of a period). {@link CourtReports} computes every report from these
 * answers alone; a source answers them by folding the journal in memory
 * ({@link #folding(java.util.function.Function)}), or by set-based queries on a database's
 * projection and history tables, with memory bounded by the money waiting rather than by the journal.
 *
 * <p>Every list is in a fixed order so that two sources give equal reports.
 */
public interface ReportSource {

    /** A source that folds the journal as of each date asked about. */
    static ReportSource folding(Function<LocalDate, LedgerState> states) {
        return new FoldingReportSource(states);
    }

    /**
     * The source to answer the questions of one report: a source that folds or caches answers
     * returns a fresh one, so that a report sees one journal and the next report sees the journal
     * as it is then. Others return themselves.
     */
    default ReportSource forOneReport() {
        return this;
    }

    /** The effective date of the ledger's opening, if the journal has one by {@code date}. */
    Optional<LocalDate> openedOn(LocalDate date);

    /**
     * The calendar years and policies the court adopted with effective dates on or before
     * {@code date}, in journal order.
     */
    CourtRules courtRules(LocalDate date);

    /** The staff register as the changes effective on or before {@code date} made it, in journal order. */
    StaffRegister staffRegister(LocalDate date);

    /** A case holding unnoticed money: its handler then, the lots holding it, its deferrals known then. */
    record CaseMoney(CaseNumber caseNumber, String handler, List<Lot> openLots, List<Deferral> deferrals) {
        /** Copies the lists. */
        public CaseMoney {
            openLots = List.copyOf(openLots);
            deferrals = List.copyOf(deferrals);
        }
    }

    /**
     * Calls {@code visitor} once for each case whose account holds money at the end of {@code date},
     * in case-number order. The lots are those holding money then, with their remainders then, in
     * taking order.
     */
    void casesHoldingMoney(LocalDate date, Consumer<CaseMoney> visitor);

    /** Unidentified lots holding money at the end of {@code date}, by receipt then taking order. */
    List<Lot> unidentifiedLots(LocalDate date);

    /** The receipt recorded under {@code key}, as recorded (reversal aside). */
    Optional<Receipt> receipt(String key);

    /** Disbursements in transit at the end of {@code date}, in issue order. */
    List<DisbursementRecord> inTransit(LocalDate date);

    /** Deferrals granted by the end of {@code date}, as they stood then, in the order granted. */
    List<Deferral> deferrals(LocalDate date);

    /** Every account's posted and pending balance at the end of {@code date}, in account order. */
    List<AccountBalance> balances(LocalDate date);

    /** The currencies with postings by the end of {@code date}: those of {@link #balances}. */
    default SortedSet<CurrencyUnit> currencies(LocalDate date) {
        SortedSet<CurrencyUnit> currencies = new TreeSet<>();
        balances(date).forEach(balance -> currencies.add(balance.posted().getCurrencyUnit()));
        return currencies;
    }

    /** Every case's handler at the end of {@code date}, in case-number order. */
    Map<CaseNumber, String> handlers(LocalDate date);

    /**
     * The handlers at the end of {@code date} of those of {@code cases} opened by then, in case-number
     * order. A report that names the handlers of a few cases asks this rather than {@link
     * #handlers(LocalDate)}: a database reads only those cases.
     */
    default Map<CaseNumber, String> handlers(LocalDate date, Collection<CaseNumber> cases) {
        Map<CaseNumber, String> all = handlers(date);
        Map<CaseNumber, String> asked = new TreeMap<>();
        for (CaseNumber caseNumber : cases) {
            String handler = all.get(caseNumber);
            if (handler != null) {
                asked.put(caseNumber, handler);
            }
        }
        return asked;
    }

    /** How many cases each handler had at the end of {@code date}, in handler order. */
    default SortedMap<String, Integer> casesPerHandler(LocalDate date) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        handlers(date).values().forEach(handler -> counts.merge(handler, 1, Integer::sum));
        return counts;
    }

    /**
     * The balances of one kind of account in one currency at the end of a date, added up: the
     * posted and pending totals, and how many of the accounts hold money (posted or pending above
     * zero).
     */
    record KindTotal(AccountKind kind, Money posted, Money pending, int holding) {
    }

    /**
     * {@link #balances(LocalDate)} added up by kind of account and currency, in kind then currency
     * order: the figures of the weekly report, which a database adds up without listing every account.
     */
    default List<KindTotal> totalsByKind(LocalDate date) {
        Map<AccountKind, Map<CurrencyUnit, KindTotal>> totals = new TreeMap<>();
        for (AccountBalance balance : balances(date)) {
            boolean holds = balance.posted().isPositive() || balance.pending().isPositive();
            totals.computeIfAbsent(balance.account().kind(), kind -> new TreeMap<>())
                    .merge(balance.posted().getCurrencyUnit(),
                            new KindTotal(balance.account().kind(), balance.posted(), balance.pending(), holds ? 1 : 0),
                            (a, b) -> new KindTotal(a.kind(), a.posted().plus(b.posted()),
                                    a.pending().plus(b.pending()), a.holding() + b.holding()));
        }
        List<KindTotal> list = new ArrayList<>();
        totals.values().forEach(byCurrency -> list.addAll(byCurrency.values()));
        return list;
    }

    /**
     * Receipts whose value date is in {@code from}..{@code to}, as they stood at the end of
     * {@code to} (reversed or not), in sequence order.
     */
    void receipts(LocalDate from, LocalDate to, Consumer<Receipt> sink);

    /** A lot created in a period, and whether the event that created it was reversed by the period's end. */
    record CreatedLot(Lot lot, boolean reversed) {
    }

    /** Lots created in {@code from}..{@code to}, as created, in id order. */
    void lotsCreated(LocalDate from, LocalDate to, Consumer<CreatedLot> sink);

    /**
     * Disbursements issued in, or finished in, {@code from}..{@code to}, as they stood at the end
     * of {@code to}, in issue order.
     */
    void disbursements(LocalDate from, LocalDate to, Consumer<DisbursementRecord> sink);

    /** Whether {@code record} (as it stood at the end of {@code to}) was issued or finished in the period. */
    static boolean issuedOrFinishedIn(DisbursementRecord record, LocalDate from, LocalDate to) {
        boolean issued = !record.issuedOn().isBefore(from) && !record.issuedOn().isAfter(to);
        boolean finished = record.finishedOn().map(day -> !day.isBefore(from) && !day.isAfter(to)).orElse(false);
        return issued || finished;
    }

    /** The lot {@code id} as it was created. */
    Optional<Lot> lot(LotId id);
}
