package org.casefunds.ledger.events;

import java.time.LocalDate;

/**
 * A period is closed: no event may be dated on or before {@code closedThrough} afterwards.
 *
 * @param closedThrough the last closed date
 */
public record PeriodClosed(LocalDate closedThrough) implements EventPayload {
}
