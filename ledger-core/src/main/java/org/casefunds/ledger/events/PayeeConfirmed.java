package org.casefunds.ledger.events;

import java.util.List;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * A payee's bank account confirmed in writing after the case was opened.
 *
 * @param caseNumber the case
 * @param payee the confirmed account
 */
public record PayeeConfirmed(CaseNumber caseNumber, BankDetails payee) implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
