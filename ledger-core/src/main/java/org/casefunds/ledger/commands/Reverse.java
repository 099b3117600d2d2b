package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Reverses an event: the only way to correct one. Needs an approval; an event is never reversed twice.
 *
 * @param event the idempotency key of the event to reverse
 * @param reason why
 */
public record Reverse(String event, String reason) implements Request {
    /** Checks the values. */
    public Reverse {
        event = Checks.requiredText(event, "event", Limits.IDEMPOTENCY_KEY_LENGTH_MAX);
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
