package org.casefunds.ledger.testing;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * A deliberately broken writer, for showing that the two-writer tests fail when they should: a
 * store over a shared one that decides commands on the state as of the end of its own last
 * transaction, as a working set kept in memory and not (or not wholly) brought up to date with the
 * journal's head would. It appends after the real last event (sequence and hash come from the
 * head), so what breaks is the decision, not the chain.
 *
 * <p>What it keeps stale is one {@link Part} of the state, or all of them; the rest it reads as
 * it is. It is up to date until the journal holds {@code staleFrom} events, so that a script's
 * opening goes through and the failure is in the cross-writer steps.
 */
public final class StaleWriterStore implements JournalStore {

    /** A part of the working set. */
    public enum Part {
        /** Receipts and lots: what is left of a receipt, which lots a payment takes. */
        RECEIPTS_AND_LOTS,
        /** Balances, pending payments. */
        BALANCES,
        /** The cases: which exist, their sub-accounts and handlers. */
        CASES,
        /** The disbursements and their status. */
        DISBURSEMENTS,
        /** The deferrals. */
        DEFERRALS,
        /** The idempotency keys: an event under a key is found only if it was there at the last transaction. */
        KEYS,
        /** The court, its rules, staff, master accounts and reversals. */
        COURT
    }

    private final JournalStore shared;
    private final Set<Part> stale;
    private final long staleFrom;
    /** The last event this store knew of at the end of its last transaction. */
    private long knownThrough;

    /** A writer over {@code shared} that keeps {@code stale} stale once the journal holds {@code staleFrom} events. */
    public StaleWriterStore(JournalStore shared, Set<Part> stale, long staleFrom) {
        this.shared = shared;
        this.stale = Set.copyOf(stale);
        this.staleFrom = staleFrom;
        this.knownThrough = shared.view().lastSequence();
    }

    /** A writer over {@code shared} whose whole working set goes stale once the journal holds {@code staleFrom} events. */
    public StaleWriterStore(JournalStore shared, long staleFrom) {
        this(shared, EnumSet.allOf(Part.class), staleFrom);
    }

    @Override
    public <T> T write(Work<T> work) {
        long through = knownThrough < staleFrom ? Long.MAX_VALUE : knownThrough;
        List<Event> known;
        try (Stream<Event> events = shared.read(1)) {
            known = events.filter(event -> event.sequence() <= through).collect(Collectors.toList());
        }
        LedgerState old = LedgerState.fold(known);
        try {
            return shared.write(writer -> {
                long head = writer.view().lastSequence();
                return work.run(new Writer() {
                    @Override
                    public LedgerView view() {
                        return new StaleView(old, writer.view(), stale);
                    }

                    @Override
                    public Optional<Event> findByKey(String idempotencyKey) {
                        return writer.findByKey(idempotencyKey).filter(event -> !stale.contains(Part.KEYS)
                                || event.sequence() <= through || event.sequence() > head);
                    }

                    @Override
                    public void append(Event event) {
                        writer.append(event);
                    }
                });
            });
        } finally {
            knownThrough = shared.view().lastSequence();
        }
    }

    @Override
    public Stream<Event> read(long fromSequence) {
        return shared.read(fromSequence);
    }

    @Override
    public Optional<Event> findByKey(String idempotencyKey) {
        return shared.findByKey(idempotencyKey);
    }

    @Override
    public LedgerView view() {
        return shared.view();
    }

    /** The stale state for the parts kept stale, the live one for the others and for the head. */
    private static final class StaleView implements LedgerView {
        private final LedgerView old;
        private final LedgerView live;
        private final Set<Part> stale;

        StaleView(LedgerView old, LedgerView live, Set<Part> stale) {
            this.old = old;
            this.live = live;
            this.stale = stale;
        }

        private LedgerView of(Part part) {
            return stale.contains(part) ? old : live;
        }

        @Override
        public long lastSequence() {
            return live.lastSequence();
        }

        @Override
        public String lastHash() {
            return live.lastHash();
        }

        @Override
        public Optional<String> courtCode() {
            return of(Part.COURT).courtCode();
        }

        @Override
        public Optional<LocalDate> openedOn() {
            return of(Part.COURT).openedOn();
        }

        @Override
        public Optional<LocalDate> closedThrough() {
            return of(Part.COURT).closedThrough();
        }

        @Override
        public CourtRules courtRules() {
            return of(Part.COURT).courtRules();
        }

        @Override
        public StaffRegister staffRegister() {
            return of(Part.COURT).staffRegister();
        }

        @Override
        public Optional<BankAccount> bankAccount(String number) {
            return of(Part.COURT).bankAccount(number);
        }

        @Override
        public List<BankAccount> bankAccounts() {
            return of(Part.COURT).bankAccounts();
        }

        @Override
        public Optional<CaseRecord> caseRecord(CaseNumber caseNumber) {
            return of(Part.CASES).caseRecord(caseNumber);
        }

        @Override
        public Optional<CaseNumber> caseBySubAccount(String subAccountNumber) {
            return of(Part.CASES).caseBySubAccount(subAccountNumber);
        }

        @Override
        public Optional<Receipt> receipt(String key) {
            return of(Part.RECEIPTS_AND_LOTS).receipt(key);
        }

        @Override
        public Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference) {
            return of(Part.RECEIPTS_AND_LOTS).receiptByBankReference(bankAccount, bankReference);
        }

        @Override
        public Optional<Lot> lot(LotId id) {
            return of(Part.RECEIPTS_AND_LOTS).lot(id);
        }

        @Override
        public List<Lot> openLots(AccountId account, CurrencyUnit currency) {
            return of(Part.RECEIPTS_AND_LOTS).openLots(account, currency);
        }

        @Override
        public List<Lot> openLotsOfReceipt(String receiptKey) {
            return of(Part.RECEIPTS_AND_LOTS).openLotsOfReceipt(receiptKey);
        }

        @Override
        public Money balance(AccountId account, CurrencyUnit currency) {
            return of(Part.BALANCES).balance(account, currency);
        }

        @Override
        public Money lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date) {
            return of(Part.BALANCES).lowestBalanceFrom(account, currency, date);
        }

        @Override
        public Money pending(AccountId account, CurrencyUnit currency) {
            return of(Part.BALANCES).pending(account, currency);
        }

        @Override
        public List<AccountBalance> balances() {
            return of(Part.BALANCES).balances();
        }

        @Override
        public Optional<DisbursementRecord> disbursement(String id) {
            return of(Part.DISBURSEMENTS).disbursement(id);
        }

        @Override
        public Optional<Long> reversalOf(long sequence) {
            return of(Part.COURT).reversalOf(sequence);
        }

        @Override
        public Optional<Deferral> deferral(String id) {
            return of(Part.DEFERRALS).deferral(id);
        }

        @Override
        public List<Deferral> deferrals(CaseNumber caseNumber) {
            return of(Part.DEFERRALS).deferrals(caseNumber);
        }

        @Override
        public Collection<CaseRecord> cases() {
            return of(Part.CASES).cases();
        }
    }
}
