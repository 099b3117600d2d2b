package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Marks a master account as old: money still arriving on it is recorded and flagged.
 *
 * @param accountNumber the account
 * @param reason why
 */
public record RetireBankAccount(String accountNumber, String reason) implements Request {
    /** Checks the values. */
    public RetireBankAccount {
        accountNumber = Checks.requiredText(accountNumber, "accountNumber", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
