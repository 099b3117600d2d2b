package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Lifts a deferral before its end: its reason is gone and the payout clock restarts.
 *
 * @param deferral the deferral id
 * @param reason why it is lifted
 */
public record LiftDeferral(String deferral, String reason) implements Request {
    /** Checks the values. */
    public LiftDeferral {
        deferral = Checks.requiredText(deferral, "deferral", Limits.IDEMPOTENCY_KEY_LENGTH_MAX);
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
