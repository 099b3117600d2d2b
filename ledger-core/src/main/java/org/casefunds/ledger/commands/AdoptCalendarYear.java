package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.calendar.CalendarYear;

/**
 * Adopts one year of the working-day calendar: the State Council's schedule the day it is
 * published, or a court's own adjustment. Requested by finance, approved by the bureau director.
 * A year already held with other days (an official year, or an earlier adoption) is replaced only
 * with a reason; a change that reaches into a closed period is refused.
 *
 * @param year the year's data, with the notices it comes from (official or local, never provisional)
 * @param reason why data already held is replaced; empty for a first adoption
 */
public record AdoptCalendarYear(CalendarYear year, Optional<String> reason) implements Request {
    /** Checks the values. */
    public AdoptCalendarYear {
        Checks.required(year, "year");
        Checks.required(reason, "reason");
        reason = reason.map(text -> Checks.requiredText(text, "reason", Limits.FREE_TEXT_LENGTH_MAX));
    }
}
