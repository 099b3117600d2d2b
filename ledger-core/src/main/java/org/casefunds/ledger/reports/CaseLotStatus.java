package org.casefunds.ledger.reports;

import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.clock.LotStatus;

/**
 * One line of the daily list: an unnoticed amount of a case, with the case's handler.
 *
 * @param caseNumber the case
 * @param handler its handler on the date
 * @param status where the amount stands
 */
public record CaseLotStatus(CaseNumber caseNumber, String handler, LotStatus status) {
}
