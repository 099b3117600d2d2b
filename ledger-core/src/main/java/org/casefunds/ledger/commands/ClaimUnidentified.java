package org.casefunds.ledger.commands;

import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Claims part or all of an unidentified receipt into a case (认领).
 *
 * @param receipt the idempotency key of the unidentified receipt
 * @param caseNumber the case
 * @param amount the amount claimed
 * @param note how the case was found (screening)
 */
public record ClaimUnidentified(String receipt, CaseNumber caseNumber, Money amount, Optional<String> note)
        implements Request {
    /** Checks the values. */
    public ClaimUnidentified {
        receipt = Checks.requiredText(receipt, "receipt", Limits.IDEMPOTENCY_KEY_LENGTH_MAX);
        Checks.required(caseNumber, "caseNumber");
        Amounts.positive(amount, "amount");
        note = Optional.ofNullable(Checks.optionalText(Checks.required(note, "note").orElse(null), "note",
                Limits.FREE_TEXT_LENGTH_MAX));
    }

    /** A claim without a note. */
    public static ClaimUnidentified of(String receipt, CaseNumber caseNumber, Money amount) {
        return new ClaimUnidentified(receipt, caseNumber, amount, Optional.empty());
    }
}
