package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffRegister;
import org.joda.money.CurrencyUnit;

/**
 * Where a {@link LedgerState} keeps its facts: in memory ({@link #inMemory()}) or in a database's
 * projection tables (in {@code ledger-sql}). The fold logic lives once, in {@link LedgerState};
 * tables only store and look up. Every {@code put} inserts or replaces by the record's identity.
 * Amounts are minor units of the given currency, balances on the account's normal side.
 */
public interface StateTables {

    /** Tables in memory. */
    static StateTables inMemory() {
        return new MemoryTables();
    }

    /**
     * Tells the tables which event the changes that follow come from, so that tables keeping
     * history can date them. The fold calls it first for every event.
     */
    default void applying(Event event) {
    }

    /** The facts about the ledger as a whole. */
    LedgerMeta meta();

    /** Replaces the facts about the ledger as a whole. */
    void meta(LedgerMeta meta);

    /** The calendar years and policies adopted, in journal order. */
    CourtRules courtRules();

    /** Records a calendar year adopted, after those already recorded. */
    void adopt(CourtRules.AdoptedYear adopted);

    /** Records a policy adopted, after those already recorded. */
    void adopt(CourtRules.AdoptedPolicy adopted);

    /** The staff register: every change recorded, folded in journal order. */
    StaffRegister staffRegister();

    /** Records a change of the staff register, after those already recorded. */
    void recordStaff(StaffChange change);

    Optional<BankAccount> bankAccount(String number);

    /** In the order registered. */
    List<BankAccount> bankAccounts();

    void putBankAccount(BankAccount account);

    Optional<CaseRecord> caseRecord(CaseNumber caseNumber);

    Optional<CaseNumber> caseBySubAccount(String subAccountNumber);

    /** In case-number order. */
    Collection<CaseRecord> cases();

    void putCase(CaseRecord record);

    Optional<Receipt> receipt(String key);

    /** The receipt with this reference on this account that was not reversed. */
    Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference);

    Collection<Receipt> receipts();

    void putReceipt(Receipt receipt);

    Optional<Lot> lot(LotId id);

    /** Lots holding money, oldest clock start first, then by id. */
    List<Lot> openLots(AccountId account, CurrencyUnit currency);

    /** Unidentified lots of a receipt holding money, oldest clock start first. */
    List<Lot> openLotsOfReceipt(String receiptKey);

    Collection<Lot> lots();

    /** Stores a lot; {@code remainingChangeMinor} is how much its remainder changed, for the lot totals. */
    void putLot(Lot lot, long remainingChangeMinor);

    /**
     * Stores a lot an event creates. No lot may have its id already; a store checks that as it
     * stores it (a unique key), so that the fold need not read the lot first.
     *
     * @throws RuntimeException if a lot with this id exists
     */
    void createLot(Lot lot);

    /** The sum of the remainders of the account's lots. */
    long lotTotal(AccountId account, CurrencyUnit currency);

    long balance(AccountId account, CurrencyUnit currency);

    /** Changes a balance by {@code deltaMinor} effective on {@code date}. */
    void addBalance(AccountId account, CurrencyUnit currency, LocalDate date, long deltaMinor);

    /** The lowest end-of-day balance on {@code date} or any later date with changes. */
    long lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date);

    /**
     * The lowest balance from the end of a day on: the balance now, taken back to that day by the
     * changes of the later days, then carried forward change by change. The one computation behind
     * every {@link #lowestBalanceFrom}.
     *
     * @param balanceNow the balance now, in minor units
     * @param laterChanges the net change of each later day, in day order
     */
    static long lowestBalance(long balanceNow, Collection<Long> laterChanges) {
        long laterTotal = 0;
        for (long change : laterChanges) {
            laterTotal += change;
        }
        long running = balanceNow - laterTotal;
        long lowest = running;
        for (long change : laterChanges) {
            running += change;
            lowest = Math.min(lowest, running);
        }
        return lowest;
    }

    long pending(AccountId account, CurrencyUnit currency);

    void addPending(AccountId account, CurrencyUnit currency, long deltaMinor);

    /** Every account and currency with a balance or pending money ever, as (account, currency, posted, pending). */
    List<PocketFigures> pockets();

    /** One account's figures in one currency. */
    record PocketFigures(AccountId account, CurrencyUnit currency, long postedMinor, long pendingMinor) {
    }

    Optional<DisbursementRecord> disbursement(String id);

    Collection<DisbursementRecord> disbursements();

    void putDisbursement(DisbursementRecord record);

    Optional<Long> reversalOf(long sequence);

    void putReversal(long reversedSequence, long bySequence);

    Optional<Deferral> deferral(String id);

    /** A case's deferrals in the order granted. */
    List<Deferral> deferrals(CaseNumber caseNumber);

    /** Every deferral in the order granted. */
    Collection<Deferral> deferrals();

    void putDeferral(Deferral deferral);
}
