package org.casefunds.ledger.events;

import java.time.LocalDate;

/**
 * A deferral is extended to a new end date with a new approval.
 *
 * @param deferral the deferral id
 * @param newEnd the new last day
 * @param explanation why it is renewed
 */
public record DeferralRenewed(String deferral, LocalDate newEnd, String explanation) implements EventPayload {
}
