package org.casefunds.ledger.accounts;

import java.util.Objects;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.TextValue;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * The name of one account of the chart: {@code bank:<masterAccountNo>}, {@code case:<caseNumber>},
 * {@code unidentified:<masterAccountNo>}, or one of the court-wide accounts
 * {@code payouts-in-transit}, {@code refunds-in-transit}, {@code deposits-in-transit},
 * {@code court-fees}. An account holds balances per currency.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind the kind of account, never null
 * @param key the bank account number or canonical case number; empty for court-wide accounts
 */
public record AccountId(AccountKind kind, String key) implements TextValue, Comparable<AccountId> {
    /** Payout notices and distribution shares on their way to the bank. */
    public static final AccountId PAYOUTS_IN_TRANSIT = new AccountId(AccountKind.PAYOUTS_IN_TRANSIT, "");
    /** Refunds (unidentified receipts, surpluses) on their way to the bank. */
    public static final AccountId REFUNDS_IN_TRANSIT = new AccountId(AccountKind.REFUNDS_IN_TRANSIT, "");
    /** Deposits with a notary on their way to the bank. */
    public static final AccountId DEPOSITS_IN_TRANSIT = new AccountId(AccountKind.DEPOSITS_IN_TRANSIT, "");
    /** Execution fees earned and not yet swept. */
    public static final AccountId COURT_FEES = new AccountId(AccountKind.COURT_FEES, "");

    /** Checks the key fits the kind. */
    public AccountId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (kind.keyed() == key.isEmpty()) {
            throw new IllegalArgumentException(kind + (kind.keyed() ? " needs a key" : " takes no key"));
        }
    }

    /** The master bank account {@code number}. */
    public static AccountId bank(String number) {
        return new AccountId(AccountKind.BANK, number);
    }

    /** The sub-account of a case. */
    public static AccountId ofCase(CaseNumber caseNumber) {
        return new AccountId(AccountKind.CASE, caseNumber.toString());
    }

    /** The unidentified receipts waiting on master bank account {@code number}. */
    public static AccountId unidentified(String number) {
        return new AccountId(AccountKind.UNIDENTIFIED, number);
    }

    /**
     * Parses the form written by {@link #toString()}.
     *
     * @throws InvalidInputException if the text names no account of the chart
     */
    public static AccountId parse(String text) {
        Objects.requireNonNull(text, "text");
        for (AccountKind kind : AccountKind.values()) {
            if (!kind.keyed() && text.equals(kind.prefix())) {
                return new AccountId(kind, "");
            }
            if (kind.keyed() && text.startsWith(kind.prefix() + ":") && text.length() > kind.prefix().length() + 1) {
                String key = text.substring(kind.prefix().length() + 1);
                if (kind == AccountKind.CASE) {
                    key = CaseNumber.parse(key, "account").toString();
                }
                return new AccountId(kind, key);
            }
        }
        throw new InvalidInputException(ErrorCode.INVALID_VALUE, "account", text,
                "is not an account; accounts are bank:<no>, case:<case number>, unidentified:<no>, "
                        + "payouts-in-transit, refunds-in-transit, deposits-in-transit, court-fees");
    }

    /** The case number of a case account. */
    public CaseNumber caseNumber() {
        if (kind != AccountKind.CASE) {
            throw new IllegalStateException(this + " is not a case account");
        }
        return CaseNumber.parse(key);
    }

    @Override
    public int compareTo(AccountId other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return kind.keyed() ? kind.prefix() + ":" + key : kind.prefix();
    }
}
