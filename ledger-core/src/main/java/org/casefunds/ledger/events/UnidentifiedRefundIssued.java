package org.casefunds.ledger.events;

import org.casefunds.ledger.cases.BankDetails;
import org.joda.money.Money;

/**
 * An unidentified receipt, paid by mistake, goes back to its payer (first phase). Its disbursement
 * id is the event's idempotency key.
 *
 * @param receipt the idempotency key of the unidentified receipt
 * @param payee the payer's account
 * @param amount the amount refunded
 * @param bankAccount the master account that pays
 * @param reason why the money is refunded
 */
public record UnidentifiedRefundIssued(
        String receipt, BankDetails payee, Money amount, String bankAccount, String reason)
        implements EventPayload, DisbursementIssue {

    @Override
    public Disbursement disbursement() {
        return Disbursement.UNIDENTIFIED_REFUND;
    }
}
