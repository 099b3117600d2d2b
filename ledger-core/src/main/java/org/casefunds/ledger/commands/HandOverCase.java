package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * Hands a case over to another handler (交接); it keeps its money and history.
 *
 * @param caseNumber the case
 * @param toHandler the new handler's user id
 * @param reason why
 */
public record HandOverCase(CaseNumber caseNumber, String toHandler, String reason) implements Request {
    /** Checks the values. */
    public HandOverCase {
        Checks.required(caseNumber, "caseNumber");
        toHandler = Checks.requiredText(toHandler, "toHandler", Limits.PERSON_ID_LENGTH_MAX);
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
