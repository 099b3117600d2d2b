package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * Charges the application fee for enforcement (申请执行费) on the amount actually enforced, by the
 * statutory bands ({@link org.casefunds.ledger.fees.ExecutionFee}), out of the case's money.
 *
 * @param caseNumber the case
 * @param enforcedAmount the amount actually enforced
 */
public record ChargeExecutionFee(CaseNumber caseNumber, Money enforcedAmount) implements Request {
    /** Checks the values. */
    public ChargeExecutionFee {
        Checks.required(caseNumber, "caseNumber");
        Amounts.positive(enforcedAmount, "enforcedAmount");
    }
}
