package org.casefunds.ledger.commands;

import java.time.LocalDate;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;

/**
 * Extends a deferral to a new end date, with a new approval.
 *
 * @param deferral the deferral id: the key of the command that granted it
 * @param newEnd the new last day
 * @param explanation why it is renewed
 */
public record RenewDeferral(String deferral, LocalDate newEnd, String explanation) implements Request {
    /** Checks the values. */
    public RenewDeferral {
        deferral = Checks.requiredText(deferral, "deferral", Limits.IDEMPOTENCY_KEY_LENGTH_MAX);
        Checks.required(newEnd, "newEnd");
        explanation = Checks.requiredText(explanation, "explanation", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
