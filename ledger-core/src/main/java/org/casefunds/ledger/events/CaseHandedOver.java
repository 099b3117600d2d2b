package org.casefunds.ledger.events;

import java.util.List;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * A case passes to another handler (交接). It keeps its money and its history.
 *
 * @param caseNumber the case
 * @param fromHandler the previous handler
 * @param toHandler the new handler
 * @param reason why
 */
public record CaseHandedOver(CaseNumber caseNumber, String fromHandler, String toHandler, String reason)
        implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(caseNumber);
    }
}
