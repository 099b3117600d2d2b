package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * Part or all of an unidentified receipt is claimed into a case (认领/甄别). The new case lot keeps the
 * receipt's arrival date; its clock starts on the date its lot movement says (policy).
 *
 * @param receipt the idempotency key of the unidentified receipt
 * @param caseNumber the case
 * @param amount the amount claimed
 * @param note how the case was found
 */
public record UnidentifiedClaimed(String receipt, CaseNumber caseNumber, Money amount, Optional<String> note)
        implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
