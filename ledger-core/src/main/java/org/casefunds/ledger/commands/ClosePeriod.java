package org.casefunds.ledger.commands;

import java.time.LocalDate;
import org.casefunds.ledger.base.Checks;

/**
 * Closes the books through a date: afterwards no event may be dated on or before it.
 *
 * @param closedThrough the last date of the closed period
 */
public record ClosePeriod(LocalDate closedThrough) implements Request {
    /** Checks the value. */
    public ClosePeriod {
        Checks.required(closedThrough, "closedThrough");
    }
}
