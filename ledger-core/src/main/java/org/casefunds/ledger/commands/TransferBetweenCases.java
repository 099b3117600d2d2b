package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Moves money from one case to another (案款划转); requested by the giving case's handler and approved.
 *
 * @param fromCase the case giving
 * @param toCase the case receiving
 * @param amount the amount
 * @param reason why
 */
public record TransferBetweenCases(CaseNumber fromCase, CaseNumber toCase, Money amount, String reason)
        implements Request {
    /** Checks the values. */
    public TransferBetweenCases {
        Checks.required(fromCase, "fromCase");
        Checks.required(toCase, "toCase");
        Checks.argument(!fromCase.equals(toCase), "toCase", toCase, "is the same case as fromCase");
        Amounts.positive(amount, "amount");
        reason = Checks.requiredText(reason, "reason", Limits.FREE_TEXT_LENGTH_MAX);
    }
}
