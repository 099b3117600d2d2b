package org.casefunds.ledger.events;

/**
 * A deferral ends before its end date (its reason is gone); the payout clock restarts on the
 * lift date.
 *
 * @param deferral the deferral id
 * @param reason why it is lifted
 */
public record DeferralLifted(String deferral, String reason) implements EventPayload {
}
