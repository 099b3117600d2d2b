package org.casefunds.ledger.events;

import java.util.Optional;
import org.casefunds.ledger.calendar.CalendarYear;

/**
 * A year of the working-day calendar is adopted: the State Council's schedule once published (it
 * replaces the provisional year computed from the statutory holidays), or a court's own local
 * adjustment. From the event's effective date on, every deadline counts on it. The year's data,
 * with the notices it comes from, is on the event, so the calendar every deadline was computed
 * with is in the hash chain.
 *
 * @param year the year's rest days, adjusted working days and source
 * @param reason why data already held is replaced; empty for a first adoption
 */
public record CalendarYearAdopted(CalendarYear year, Optional<String> reason) implements EventPayload {
}
