package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * Records a payee account confirmed in writing after the case was opened.
 *
 * @param caseNumber the case
 * @param payee the confirmed account
 */
public record ConfirmPayee(CaseNumber caseNumber, BankDetails payee) implements Request {
    /** Checks the values. */
    public ConfirmPayee {
        Checks.required(caseNumber, "caseNumber");
        Checks.required(payee, "payee");
    }
}
