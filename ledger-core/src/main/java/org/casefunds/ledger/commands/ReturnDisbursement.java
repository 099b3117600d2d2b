package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Records that the bank could not pay a disbursement (wrong or closed account): the money goes back
 * to the case or the unidentified receipt, to be paid again.
 *
 * @param disbursement the disbursement id
 * @param reason why the bank returned it
 */
public record ReturnDisbursement(String disbursement, String reason) implements Request {
    /** Checks the values. */
    public ReturnDisbursement {
        disbursement = Checks.requiredText(disbursement, "disbursement", Limits.IDEMPOTENCY_KEY_LENGTH_MAX + 8);
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
