package org.casefunds.ledger.cases;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * A bank account to pay to or that paid in: account holder, number and bank. For a payee it is
 * the account collected and confirmed in writing when the case was filed (docs/domain.md item 14).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param holder the account holder's name, never null
 * @param accountNumber the account number, never null
 * @param bank the bank and branch, never null
 */
public record BankDetails(String holder, String accountNumber, String bank) {

    /** Checks the values. */
    public BankDetails {
        holder = Checks.requiredText(holder, "holder", Limits.ACCOUNT_HOLDER_LENGTH_MAX);
        accountNumber = Checks.requiredText(accountNumber, "accountNumber", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        bank = Checks.requiredText(bank, "bank", Limits.ACCOUNT_HOLDER_LENGTH_MAX);
    }

    /** The account of {@code holder} at {@code bank}. */
    public static BankDetails of(String holder, String accountNumber, String bank) {
        return new BankDetails(holder, accountNumber, bank);
    }
}
