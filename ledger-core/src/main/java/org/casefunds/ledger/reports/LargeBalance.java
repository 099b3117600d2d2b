package org.casefunds.ledger.reports;

import org.casefunds.ledger.cases.CaseNumber;
import org.joda.money.Money;

/**
 * A case holding at least the large-balance threshold (the monthly report of docs/domain.md item 25),
 * with why it is not yet paid.
 *
 * @param caseNumber the case
 * @param handler its handler
 * @param unnoticed money on the case not yet noticed
 * @param inTransit money noticed and not yet paid by the bank
 * @param total both together
 * @param reason why the money is not paid, as a code
 * @param explanation the same in words, with the dates that matter
 */
public record LargeBalance(
        CaseNumber caseNumber, String handler, Money unnoticed, Money inTransit, Money total, Reason reason,
        String explanation) {

    /** Why a large balance is not yet paid. */
    public enum Reason {
        /** An approved deferral holds (its reason says more). */
        DEFERRED,
        /** Some of it is past its notice deadline. */
        OVERDUE,
        /** It arrived recently and its notice deadline has not come. */
        WITHIN_DEADLINE,
        /** It was noticed; the bank has not paid yet. */
        AWAITING_BANK
    }
}
