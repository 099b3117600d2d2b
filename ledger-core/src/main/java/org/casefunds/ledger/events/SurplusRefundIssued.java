package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * Money above the debt plus costs goes back to the debtor (docs/domain.md item 22). Its disbursement id is the event's idempotency key.
 */
public record SurplusRefundIssued(
        CaseNumber caseNumber, BankDetails payee, Money amount, String bankAccount, Optional<String> note)
        implements EventPayload, DisbursementIssue {

    @Override
    public Disbursement disbursement() {
        return Disbursement.SURPLUS_REFUND;
    }

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
