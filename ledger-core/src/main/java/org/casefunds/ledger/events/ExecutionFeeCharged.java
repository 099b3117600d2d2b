package org.casefunds.ledger.events;

import java.util.List;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * The application fee for enforcement (申请执行费) is settled out of the case's money before the
 * creditor is paid (docs/domain.md item 21).
 *
 * @param caseNumber the case
 * @param enforcedAmount the amount actually enforced, the fee's basis
 * @param fee the fee, by the statutory bands
 */
public record ExecutionFeeCharged(CaseNumber caseNumber, Money enforcedAmount, Money fee) implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
