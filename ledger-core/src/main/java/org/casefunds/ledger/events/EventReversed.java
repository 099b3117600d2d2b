package org.casefunds.ledger.events;

import java.util.List;

/**
 * The only way to correct an event: its postings are mirrored and its lot movements undone; the
 * reversed event is never edited, and never reversed twice.
 *
 * @param reversedKey the idempotency key of the reversed event
 * @param reversedSequence its sequence number
 * @param reversedKind its kind
 * @param disbursements the disbursements whose state the reversal changes: cancelled when their
 *     issue is reversed, back in transit when their settlement or return is reversed
 * @param reason why
 */
public record EventReversed(
        String reversedKey, long reversedSequence, EventKind reversedKind, List<String> disbursements, String reason)
        implements EventPayload {

    /** Copies the list. */
    public EventReversed {
        disbursements = List.copyOf(disbursements);
    }
}
