package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Moves execution fees out of the enforcement account to the court's own account.
 *
 * @param amount the amount
 * @param bankAccount the master account they leave
 * @param bankReference the bank's reference of the transfer
 */
public record SweepFees(Money amount, String bankAccount, String bankReference) implements Request {
    /** Checks the values. */
    public SweepFees {
        Amounts.positive(amount, "amount");
        bankAccount = Checks.requiredText(bankAccount, "bankAccount", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        bankReference = Checks.requiredText(bankReference, "bankReference", Limits.BANK_REFERENCE_LENGTH_MAX);
    }
}
