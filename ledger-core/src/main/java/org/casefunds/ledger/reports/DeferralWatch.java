package org.casefunds.ledger.reports;

import org.casefunds.ledger.state.Deferral;
import org.joda.money.Money;

/**
 * A deferral a supervisor should look at (docs/domain.md item 18).
 *
 * @param deferral the deferral
 * @param status ending soon, or ended without being lifted
 * @param daysLeft working days after the date up to and including its end: 0 on its last day and on
 *     rest days right after it, negative from the next working day
 * @param caseHolds the unnoticed money of the case the deferral covers: the case's balance, or the
 *     deferral's amount when that is smaller
 */
public record DeferralWatch(Deferral deferral, Status status, int daysLeft, Money caseHolds) {

    /** Why it is listed. */
    public enum Status {
        /** It ends within the warning horizon. */
        ENDING_SOON,
        /** Its end date passed, nobody lifted it, and the case still holds money: its clock restarted. */
        ENDED_WITHOUT_LIFT
    }
}
