package org.casefunds.ledger.events;

import java.util.List;
import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * Money moves from one case to another (案款划转). The lots keep their arrival dates and clocks.
 *
 * @param fromCase the case giving
 * @param toCase the case receiving
 * @param amount the amount
 * @param reason why
 */
public record CaseFundsTransferred(CaseNumber fromCase, CaseNumber toCase, Money amount, String reason)
        implements EventPayload {

    @Override
    public List<CaseNumber> cases() {
        return List.of(fromCase, toCase);
    }
}
