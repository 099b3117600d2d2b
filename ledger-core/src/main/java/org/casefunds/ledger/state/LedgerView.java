package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffRegister;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * What the ledger knows now: the state that commands are decided against. It is a fold over the
 * journal; {@link LedgerState} computes it in memory, a SQL store from its projections. Every
 * method returns immutable values and never null.
 */
public interface LedgerView {

    /** The court code, once the ledger is opened. */
    Optional<String> courtCode();

    /** The effective date of the ledger's opening, once opened. */
    Optional<LocalDate> openedOn();

    /** The sequence of the last event; 0 for an empty journal. */
    long lastSequence();

    /** The hash of the last event; {@code Event.GENESIS_HASH} for an empty journal. */
    String lastHash();

    /** The last closed date, if a period was closed. */
    Optional<LocalDate> closedThrough();

    /** The calendar years and policies the court adopted, in journal order. */
    CourtRules courtRules();

    /** Who works at the court and which roles they hold when. */
    StaffRegister staffRegister();

    /** The master account {@code number}. */
    Optional<BankAccount> bankAccount(String number);

    /** All master accounts in the order they were registered. */
    List<BankAccount> bankAccounts();

    /** The fund record of a case. */
    Optional<CaseRecord> caseRecord(CaseNumber caseNumber);

    /** The case whose sub-account is {@code subAccountNumber}. */
    Optional<CaseNumber> caseBySubAccount(String subAccountNumber);

    /** The receipt recorded by the event with key {@code key}. */
    Optional<Receipt> receipt(String key);

    /** The receipt (not reversed) with {@code bankReference} on master account {@code bankAccount}. */
    Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference);

    /** The lot {@code id}, whatever is left of it. */
    Optional<Lot> lot(LotId id);

    /**
     * The lots of an account in a currency that still hold money, in the order commands take them:
     * oldest clock start first, then by id.
     */
    List<Lot> openLots(AccountId account, CurrencyUnit currency);

    /** The lots of an unidentified receipt that still hold money, oldest first. */
    List<Lot> openLotsOfReceipt(String receiptKey);

    /** The posted balance of an account now (all effective dates), on its normal side. */
    Money balance(AccountId account, CurrencyUnit currency);

    /**
     * The lowest posted balance the account has at the end of {@code date} or of any later date
     * that the journal holds postings for: what a command dated {@code date} may take from it
     * without taking it below zero on any day.
     */
    Money lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date);

    /** Money that left the account and that the bank has not paid yet (see {@link AccountBalance}). */
    Money pending(AccountId account, CurrencyUnit currency);

    /**
     * The balance of one account in one currency now, with its pending and available figures: for
     * a bank account, available is posted minus pending payments; for the others, the posted balance.
     */
    default AccountBalance balanceOf(AccountId account, CurrencyUnit currency) {
        Money posted = balance(account, currency);
        Money pendingOut = pending(account, currency);
        Money available = account.kind() == AccountKind.BANK
                ? posted.minus(pendingOut) : posted;
        return new AccountBalance(account, posted, pendingOut, available);
    }

    /** Every account's balance now, in account order then currency. */
    List<AccountBalance> balances();

    /** The disbursement {@code id}. */
    Optional<DisbursementRecord> disbursement(String id);

    /** The sequence of the event that reversed event {@code sequence}, if it was reversed. */
    Optional<Long> reversalOf(long sequence);

    /** The deferral {@code id}. */
    Optional<Deferral> deferral(String id);

    /** The deferrals of a case, in the order they were granted. */
    List<Deferral> deferrals(CaseNumber caseNumber);

    /** Every case's fund record, in case-number order. */
    Collection<CaseRecord> cases();
}
