package org.casefunds.ledger.commands;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.policy.DeferralReason;
import org.joda.money.Money;

/**
 * Defers the payout of a case's money (延缓发放) for an approved reason until an end date.
 *
 * @param caseNumber the case
 * @param reason the reason code
 * @param explanation the written explanation; required for every reason
 * @param start the first day it holds
 * @param end the last day it holds
 * @param amount the amount it covers; empty for all of the case's money
 */
public record GrantDeferral(
        CaseNumber caseNumber, DeferralReason reason, String explanation, LocalDate start, LocalDate end,
        Optional<Money> amount) implements Request {
    /** Checks the values. */
    public GrantDeferral {
        Checks.required(caseNumber, "caseNumber");
        Checks.required(reason, "reason");
        explanation = Checks.requiredText(explanation, "explanation", Limits.FREE_TEXT_LENGTH_MAX);
        Checks.required(start, "start");
        Checks.required(end, "end");
        if (end.isBefore(start)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "end", end,
                    "is before the start " + start);
        }
        Checks.required(amount, "amount").ifPresent(money -> Amounts.positive(money, "amount"));
    }
}
