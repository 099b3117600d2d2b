package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Refunds part or all of an unidentified receipt to its payer (first phase; finance settles it).
 * It is paid from the master account the money arrived on.
 *
 * @param receipt the idempotency key of the unidentified receipt
 * @param amount the amount
 * @param payee the payer's account
 * @param reason why the money is refunded
 */
public record RefundUnidentified(String receipt, Money amount, BankDetails payee, String reason)
        implements Request {
    /** Checks the values. */
    public RefundUnidentified {
        receipt = Checks.requiredText(receipt, "receipt", Limits.IDEMPOTENCY_KEY_LENGTH_MAX);
        Amounts.positive(amount, "amount");
        Checks.required(payee, "payee");
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
