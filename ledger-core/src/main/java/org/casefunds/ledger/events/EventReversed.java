package org.casefunds.ledger.events;

/**
 * The only way to correct an event: its postings are mirrored and its lot movements undone; the
 * reversed event is never edited, and never reversed twice.
 *
 * @param reversedKey the idempotency key of the reversed event
 * @param reversedSequence its sequence number
 * @param reversedKind its kind
 * @param reason why
 */
public record EventReversed(String reversedKey, long reversedSequence, EventKind reversedKind, String reason) implements EventPayload {
}
