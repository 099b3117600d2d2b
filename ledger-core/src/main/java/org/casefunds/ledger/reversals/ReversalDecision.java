package org.casefunds.ledger.reversals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.events.DisbursementReturned;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.events.DistributionIssued;
import org.casefunds.ledger.events.DistributionShare;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.ExecutionFeeCharged;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.joda.money.Money;

/**
 * Reversal: the only correction. It mirrors the event's postings and undoes its lot movements; it is
 * refused when later events depend on what it would undo (money already taken from a lot the event
 * created, a notice already paid), and then says what to reverse first. It is never dated before
 * what it undoes: the event, a disbursement's last change, or the latest-dated reversal that put
 * money back into a lot it removes.
 */
public final class ReversalDecision {
    /** The kinds that can be reversed: those that move money, except reversals themselves. */
    public static final Set<EventKind> REVERSIBLE = EnumSet.of(EventKind.RECEIPT_RECORDED, EventKind.UNIDENTIFIED_CLAIMED,
            EventKind.PAYOUT_NOTICE_ISSUED, EventKind.SURPLUS_REFUND_ISSUED, EventKind.DEPOSIT_ISSUED,
            EventKind.UNIDENTIFIED_REFUND_ISSUED, EventKind.DISTRIBUTION_ISSUED, EventKind.DISBURSEMENT_SETTLED,
            EventKind.DISBURSEMENT_RETURNED, EventKind.EXECUTION_FEE_CHARGED, EventKind.FEES_SWEPT,
            EventKind.CASE_FUNDS_TRANSFERRED);

    private ReversalDecision() {
    }

    public static void reverse(Context context, Reverse request) {
        Event reversed = context.eventByKey(request.event()).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_EVENT, "event", request.event(), "no event was recorded under this key"));
        context.view().reversalOf(reversed.sequence()).ifPresent(by -> {
            throw new StateConflictException(ErrorCode.ALREADY_REVERSED, "event", request.event(),
                    "was already reversed by event " + by + "; an event is reversed once");
        });
        if (!REVERSIBLE.contains(reversed.kind())) {
            throw new StateConflictException(ErrorCode.NOT_REVERSIBLE, "event", request.event(),
                    "is a " + reversed.kind() + " event, which moves no money or is itself a reversal; "
                            + correctionHint(reversed.kind()));
        }
        context.requireNotBefore(reversed.effectiveDate(), "event", request.event(), "the event is dated");
        requireMayReverse(context, reversed);
        context.draft().amountField("event", request.event());
        List<String> disbursements = requireDisbursementsUndoable(context, reversed);
        requireFeesNotSwept(context, reversed);
        for (Posting posting : reversed.postings()) {
            context.draft().post(posting.mirror());
        }
        List<LotMovement> undone = new ArrayList<>(reversed.lotMovements());
        Collections.reverse(undone);
        for (LotMovement movement : undone) {
            if (movement.type() == LotMovement.Type.CREATE) {
                requireWhole(context, request, movement);
            }
            context.draft().move(movement.inverse());
        }
        context.draft().needApprovals(context.policy().reversalApprovers(), "reversal");
        context.draft().payload(new EventReversed(reversed.idempotencyKey(), reversed.sequence(), reversed.kind(),
                disbursements, request.reason()));
    }

    private static void requireWhole(Context context, Reverse request, LotMovement created) {
        Lot lot = context.view().lot(created.lot()).orElseThrow(() -> new AssertionError("lot " + created.lot()));
        if (!lot.whole()) {
            throw new StateConflictException(ErrorCode.NOT_REVERSIBLE, "event", request.event(),
                    "later events took " + lot.amount().minus(lot.remaining()) + " of the " + lot.amount()
                            + " it put on " + lot.account() + " (lot " + lot.id() + "); reverse or return those first");
        }
        // Money taken and put back by a reversal was missing from the lot until that reversal's date:
        // removing the lot earlier would leave a negative lot in the journal as of the dates between.
        context.requireNotBefore(lot.availableFrom(), "event", request.event(),
                "lot " + lot.id() + " it put on " + lot.account() + " was whole again only from");
    }

    /** The disbursements the reversal changes, after checking it may change them. */
    private static List<String> requireDisbursementsUndoable(Context context, Event reversed) {
        List<String> issued = new ArrayList<>();
        switch (reversed.kind()) {
            case PAYOUT_NOTICE_ISSUED:
            case SURPLUS_REFUND_ISSUED:
            case DEPOSIT_ISSUED:
            case UNIDENTIFIED_REFUND_ISSUED:
                issued.add(reversed.idempotencyKey());
                break;
            case DISTRIBUTION_ISSUED:
                for (DistributionShare share : ((DistributionIssued) reversed.payload()).shares()) {
                    if (share.allocated().isPositive()) {
                        issued.add(share.disbursement());
                    }
                }
                break;
            case DISBURSEMENT_SETTLED:
                return List.of(((DisbursementSettled) reversed.payload()).disbursement());
            case DISBURSEMENT_RETURNED:
                return List.of(((DisbursementReturned) reversed.payload()).disbursement());
            default:
                return List.of();
        }
        for (String id : issued) {
            DisbursementRecord record = context.view().disbursement(id).orElseThrow(() -> new AssertionError(id));
            if (!record.inTransit()) {
                throw new StateConflictException(ErrorCode.NOT_REVERSIBLE, "event", reversed.idempotencyKey(),
                        "disbursement " + id + " was " + record.status().name().toLowerCase()
                                + (record.status() == DisbursementRecord.Status.SETTLED
                                        ? "; reverse its settlement first" : "; its money is already back"));
            }
            context.requireNotBefore(record.changedOn(), "event", reversed.idempotencyKey(),
                    "disbursement " + id + " last changed on");
        }
        return issued;
    }

    /**
     * A handler reverses only events about their own cases; fund administrators and finance reverse
     * any event (an approval is needed either way).
     */
    private static void requireMayReverse(Context context, Event reversed) {
        Actor actor = context.command().actor();
        if (actor.has(Role.FINANCE) || actor.has(Role.FUND_ADMINISTRATOR)) {
            return;
        }
        for (CaseNumber caseNumber : reversed.payload().cases()) {
            if (context.view().caseRecord(caseNumber).map(record -> record.handler().equals(actor.id())).orElse(false)) {
                return;
            }
        }
        throw new PermissionDeniedException(ErrorCode.NOT_CASE_HANDLER, "actor.id", actor.id(),
                "a handler reverses only events about their own cases; event '" + reversed.idempotencyKey()
                        + "' concerns " + (reversed.payload().cases().isEmpty() ? "no case"
                                : reversed.payload().cases().toString()) + "; ask finance or the fund administrator");
    }

    /** A fee charge whose fees were swept since cannot be undone until the sweep is. */
    private static void requireFeesNotSwept(Context context, Event reversed) {
        if (reversed.kind() != EventKind.EXECUTION_FEE_CHARGED) {
            return;
        }
        Money fee = ((ExecutionFeeCharged) reversed.payload()).fee();
        Money left = context.view().lowestBalanceFrom(AccountId.COURT_FEES, fee.getCurrencyUnit(), context.date());
        if (fee.isGreaterThan(left)) {
            throw new StateConflictException(ErrorCode.NOT_REVERSIBLE, "event", reversed.idempotencyKey(),
                    "its fee of " + fee + " was swept out of the enforcement account since (" + left
                            + " of fees is left); reverse the sweep first");
        }
    }

    private static String correctionHint(EventKind kind) {
        switch (kind) {
            case CASE_HANDED_OVER:
                return "hand the case over again instead";
            case DEFERRAL_GRANTED:
            case DEFERRAL_RENEWED:
                return "lift the deferral instead";
            case EVENT_REVERSED:
                return "issue the original command again under a new key instead";
            default:
                return "record a new event that states the correct facts instead";
        }
    }
}
