package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * A payment notice to finance (支付案款通知): the case's money goes in transit to the payee. Its disbursement id is the event's idempotency key.
 */
public record PayoutNoticeIssued(
        CaseNumber caseNumber, BankDetails payee, Money amount, String bankAccount, Optional<String> note)
        implements EventPayload, DisbursementIssue {

    @Override
    public Disbursement disbursement() {
        return Disbursement.PAYOUT;
    }

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
