package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;

/**
 * The reference source: the state as of each date is the fold of the events effective on or before
 * it. The last fold is kept, since a report asks several questions about one date.
 */
final class FoldingReportSource implements ReportSource {
    private final Function<LocalDate, LedgerState> states;
    private LocalDate foldedDate;
    private LedgerState folded;

    FoldingReportSource(Function<LocalDate, LedgerState> states) {
        this.states = states;
    }

    /** A fresh source, whose folds are kept for one report only. */
    @Override
    public ReportSource forOneReport() {
        return new FoldingReportSource(states);
    }

    private synchronized LedgerState on(LocalDate date) {
        if (!date.equals(foldedDate)) {
            folded = states.apply(date);
            foldedDate = date;
        }
        return folded;
    }

    @Override
    public CourtRules courtRules(LocalDate date) {
        return on(date).courtRules();
    }

    @Override
    public StaffRegister staffRegister(LocalDate date) {
        return on(date).staffRegister();
    }

    @Override
    public Optional<LocalDate> openedOn(LocalDate date) {
        return on(date).openedOn();
    }

    @Override
    public void casesHoldingMoney(LocalDate date, Consumer<CaseMoney> visitor) {
        LedgerState state = on(date);
        for (CaseRecord record : state.cases()) {
            List<Lot> open = new ArrayList<>();
            AccountId account = AccountId.ofCase(record.caseNumber());
            for (AccountBalance balance : state.balances()) {
                if (balance.account().equals(account)) {
                    open.addAll(state.openLots(account, balance.posted().getCurrencyUnit()));
                }
            }
            if (!open.isEmpty()) {
                visitor.accept(new CaseMoney(record.caseNumber(), record.handler(), open,
                        state.deferrals(record.caseNumber())));
            }
        }
    }

    @Override
    public List<Lot> unidentifiedLots(LocalDate date) {
        List<Lot> lots = new ArrayList<>();
        for (Lot lot : on(date).lots()) {
            if (lot.account().kind() == AccountKind.UNIDENTIFIED && lot.remaining().isPositive()) {
                lots.add(lot);
            }
        }
        lots.sort(Comparator.comparing(Lot::receipt).thenComparing(Lot::clockStart).thenComparing(Lot::id));
        return lots;
    }

    @Override
    public Optional<Receipt> receipt(String key) {
        return foldedDate == null ? Optional.empty() : folded.receipt(key);
    }

    @Override
    public List<DisbursementRecord> inTransit(LocalDate date) {
        List<DisbursementRecord> records = new ArrayList<>();
        for (DisbursementRecord record : on(date).disbursements()) {
            if (record.inTransit()) {
                records.add(record);
            }
        }
        records.sort(ISSUE_ORDER);
        return records;
    }

    static final Comparator<DisbursementRecord> ISSUE_ORDER =
            Comparator.comparing(DisbursementRecord::issueSequence).thenComparing(DisbursementRecord::id);

    @Override
    public List<Deferral> deferrals(LocalDate date) {
        return new ArrayList<>(on(date).deferrals());
    }

    @Override
    public List<AccountBalance> balances(LocalDate date) {
        return on(date).balances();
    }

    @Override
    public Map<CaseNumber, String> handlers(LocalDate date) {
        Map<CaseNumber, String> handlers = new LinkedHashMap<>();
        for (CaseRecord record : on(date).cases()) {
            handlers.put(record.caseNumber(), record.handler());
        }
        return handlers;
    }

    @Override
    public void receipts(LocalDate from, LocalDate to, Consumer<Receipt> sink) {
        List<Receipt> receipts = new ArrayList<>();
        for (Receipt receipt : on(to).receipts()) {
            if (!receipt.valueDate().isBefore(from) && !receipt.valueDate().isAfter(to)) {
                receipts.add(receipt);
            }
        }
        receipts.sort(Comparator.comparing(Receipt::sequence));
        receipts.forEach(sink);
    }

    @Override
    public void lotsCreated(LocalDate from, LocalDate to, Consumer<CreatedLot> sink) {
        LedgerState state = on(to);
        List<Lot> lots = new ArrayList<>();
        for (Lot lot : state.lots()) {
            if (!lot.createdOn().isBefore(from) && !lot.createdOn().isAfter(to)) {
                lots.add(lot);
            }
        }
        lots.sort(Comparator.comparing(Lot::id));
        for (Lot lot : lots) {
            sink.accept(new CreatedLot(lot, state.reversalOf(lot.id().sequence()).isPresent()));
        }
    }

    @Override
    public void disbursements(LocalDate from, LocalDate to, Consumer<DisbursementRecord> sink) {
        List<DisbursementRecord> records = new ArrayList<>();
        for (DisbursementRecord record : on(to).disbursements()) {
            if (ReportSource.issuedOrFinishedIn(record, from, to)) {
                records.add(record);
            }
        }
        records.sort(ISSUE_ORDER);
        records.forEach(sink);
    }

    @Override
    public Optional<Lot> lot(LotId id) {
        return foldedDate == null ? Optional.empty() : folded.lot(id);
    }
}
