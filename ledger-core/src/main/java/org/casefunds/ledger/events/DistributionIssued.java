package org.casefunds.ledger.events;

import java.util.List;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * An amount of a case is distributed among several creditors (案款分配, docs/domain.md item 19): costs
 * first, then priority claims, then ordinary claims pro rata, to the cent. Every share with money
 * is a disbursement of its own, settled or returned on its own.
 *
 * @param caseNumber the case
 * @param total the amount distributed
 * @param shares the shares, in the order the command gave the claims
 * @param bankAccount the master account that pays
 */
public record DistributionIssued(
        CaseNumber caseNumber, Money total, List<DistributionShare> shares, String bankAccount)
        implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
