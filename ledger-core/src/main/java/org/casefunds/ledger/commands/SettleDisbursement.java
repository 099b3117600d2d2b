package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Records that the bank paid a disbursement (payout notice, share, refund, deposit): the second phase.
 *
 * @param disbursement the disbursement id: the key of the command that issued it, or {@code key#n}
 *     for the n-th share of a distribution
 * @param bankReference the bank's reference of the payment
 */
public record SettleDisbursement(String disbursement, String bankReference) implements Request {
    /** Checks the values. */
    public SettleDisbursement {
        disbursement = Checks.requiredText(disbursement, "disbursement", Limits.IDEMPOTENCY_KEY_LENGTH_MAX + 8);
        bankReference = Checks.requiredText(bankReference, "bankReference", Limits.BANK_REFERENCE_LENGTH_MAX);
    }
}
