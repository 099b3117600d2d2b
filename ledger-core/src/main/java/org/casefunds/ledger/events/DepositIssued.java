package org.casefunds.ledger.events;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * The money is deposited with a notary (提存, Civil Code arts. 570–574). Its disbursement id is the event's idempotency key.
 */
public record DepositIssued(
        CaseNumber caseNumber, BankDetails payee, Money amount, String bankAccount, DepositReason reason, Optional<String> note)
        implements EventPayload, DisbursementIssue {

    @Override
    public Disbursement disbursement() {
        return Disbursement.DEPOSIT;
    }

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
