package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.policy.DeferralReason;
import org.joda.money.Money;

/**
 * An approved deferral of a case's payout (延缓发放).
 *
 * @param id the deferral id: the key of the event that granted it
 * @param caseNumber the case
 * @param reason the reason code
 * @param explanation the written explanation (of the latest renewal, if renewed)
 * @param start the first day it holds
 * @param end the last day it holds (the latest renewal's)
 * @param amount the amount it covers; empty for all of the case's money
 * @param grantedOn the effective date of the grant
 * @param liftedOn the date it was lifted, if it was
 * @param approvals who approved the grant or latest renewal
 * @param changedOn the effective date of its latest change (grant, renewal, lift): a later change
 *     may not be dated before it
 */
public record Deferral(
        String id, CaseNumber caseNumber, DeferralReason reason, String explanation, LocalDate start,
        LocalDate end, Optional<Money> amount, LocalDate grantedOn, Optional<LocalDate> liftedOn,
        List<Approval> approvals, LocalDate changedOn) {

    /** Copies the list. */
    public Deferral {
        approvals = List.copyOf(approvals);
    }

    /** Whether it holds on {@code date}: started, not past its end, not lifted on or before it. */
    public boolean holdsOn(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end)
                && liftedOn.map(lifted -> date.isBefore(lifted)).orElse(true);
    }

    /**
     * The day it ended or will end: the lift date if it was lifted before its end, else its end
     * date. A payout clock that restarts after a deferral counts from the day after this one.
     */
    public LocalDate endedOn() {
        return liftedOn.filter(lifted -> lifted.isBefore(end)).orElse(end);
    }

    /** Whether it is over on {@code date}: lifted on or before it, or past its end. */
    public boolean endedBy(LocalDate date) {
        return liftedOn.map(lifted -> !date.isBefore(lifted)).orElse(false) || date.isAfter(end);
    }

    Deferral renew(LocalDate newEnd, String newExplanation, List<Approval> newApprovals, LocalDate on) {
        return new Deferral(id, caseNumber, reason, newExplanation, start, newEnd, amount, grantedOn, liftedOn,
                newApprovals, on);
    }

    Deferral lift(LocalDate on) {
        return new Deferral(id, caseNumber, reason, explanation, start, end, amount, grantedOn, Optional.of(on),
                approvals, on);
    }
}
