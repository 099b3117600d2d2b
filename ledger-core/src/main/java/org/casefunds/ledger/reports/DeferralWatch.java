package org.casefunds.ledger.reports;

import org.casefunds.ledger.state.Deferral;
import org.joda.money.Money;

/**
 * A deferral a supervisor should look at (DOMAIN.md item 18).
 *
 * @param deferral the deferral
 * @param status ending soon, or ended without being lifted
 * @param daysLeft working days to its end; negative once past it
 * @param caseHolds the unnoticed money the case still holds
 */
public record DeferralWatch(Deferral deferral, Status status, int daysLeft, Money caseHolds) {

    /** Why it is listed. */
    public enum Status {
        /** It ends within the warning horizon. */
        ENDING_SOON,
        /** Its end date passed and nobody lifted it: the clock has restarted. */
        ENDED_WITHOUT_LIFT
    }
}
