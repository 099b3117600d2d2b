package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Opens the journal of one court; the first command of every ledger, and only the first.
 *
 * @param courtCode the court's code as in its case numbers, e.g. {@code 京02}
 * @param courtName the court's full name
 */
public record OpenLedger(String courtCode, String courtName) implements Request {
    /** Checks the values. */
    public OpenLedger {
        courtCode = Checks.requiredText(courtCode, "courtCode", Limits.COURT_CODE_LENGTH_MAX);
        courtName = Checks.requiredText(courtName, "courtName", 100);
    }
}
