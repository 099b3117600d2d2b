package org.casefunds.ledger.deferrals;

import java.time.LocalDate;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.GrantDeferral;
import org.casefunds.ledger.commands.LiftDeferral;
import org.casefunds.ledger.commands.RenewDeferral;
import org.casefunds.ledger.events.DeferralGranted;
import org.casefunds.ledger.events.DeferralLifted;
import org.casefunds.ledger.events.DeferralRenewed;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Deferral;

/**
 * Deferrals (延缓发放): only for an approved reason, always with an end date within the policy's
 * maximum, never starting before they are granted (no deferral may cover money that is already
 * overdue after the fact).
 */
public final class DeferralDecisions {
    private DeferralDecisions() {
    }

    public static void grant(Context context, GrantDeferral request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        if (request.start().isBefore(context.date())) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "start", request.start(),
                    "is before the grant's effective date " + context.date()
                            + "; a deferral cannot start before it is granted");
        }
        requireWithinMaximum(context, request.reason(), request.start(), request.end(), "end");
        request.amount().ifPresent(amount -> Amounts.positive(amount, "amount"));
        context.draft().needApprovals(context.policy().deferralApprovers(), "deferral");
        context.draft().payload(new DeferralGranted(record.caseNumber(), request.reason(), request.explanation(),
                request.start(), request.end(), request.amount()));
    }

    public static void renew(Context context, RenewDeferral request) {
        Deferral deferral = holding(context, request.deferral(), "renew");
        context.requireHandler(context.requireCase(deferral.caseNumber(), "deferral"));
        if (!request.newEnd().isAfter(deferral.end())) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, "newEnd", request.newEnd(),
                    "is not after the deferral's current end " + deferral.end());
        }
        requireWithinMaximum(context, deferral.reason(), context.date(), request.newEnd(), "newEnd");
        context.draft().needApprovals(context.policy().deferralApprovers(), "deferral renewal");
        context.draft().payload(new DeferralRenewed(deferral.id(), request.newEnd(), request.explanation()));
    }

    public static void lift(Context context, LiftDeferral request) {
        Deferral deferral = holding(context, request.deferral(), "lift");
        context.requireHandler(context.requireCase(deferral.caseNumber(), "deferral"));
        context.draft().payload(new DeferralLifted(deferral.id(), request.reason()));
    }

    private static Deferral holding(Context context, String id, String verb) {
        Deferral deferral = context.view().deferral(id).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_DEFERRAL, "deferral", id, "no deferral was granted under this key"));
        context.requireNotBefore(deferral.changedOn(), "deferral", id, "its latest change (grant or renewal) is dated");
        if (deferral.liftedOn().isPresent()) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "deferral", id,
                    "was lifted on " + deferral.liftedOn().get() + "; cannot " + verb + " it; grant a new one");
        }
        if (context.date().isAfter(deferral.end())) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "deferral", id,
                    "ended on " + deferral.end() + "; cannot " + verb + " it; grant a new one");
        }
        return deferral;
    }

    private static void requireWithinMaximum(Context context, DeferralReason reason, LocalDate from,
            LocalDate end, String field) {
        int months = context.policy().deferralMaximumMonths(reason);
        LocalDate latest = from.plusMonths(months);
        if (end.isAfter(latest)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, field, end,
                    "is longer than the policy allows for " + reason + " (" + months + " months from " + from
                            + ", so at most " + latest + "); renew it with a new approval when it ends");
        }
    }
}
