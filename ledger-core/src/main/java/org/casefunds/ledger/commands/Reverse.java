package org.casefunds.ledger.commands;

import org.casefunds.ledger.Checks;

/**
 * Reverses an event: the only way to correct one. Needs an approval; an event is never reversed twice.
 *
 * @param event the idempotency key of the event to reverse
 * @param reason why
 */
public record Reverse(String event, String reason) implements Request {
    /** Checks the values. */
    public Reverse {
        event = Checks.requiredText(event, "event", Command.KEY_LENGTH_MAX);
        reason = Checks.requiredText(reason, "reason", TEXT_LENGTH_MAX);
    }
}
