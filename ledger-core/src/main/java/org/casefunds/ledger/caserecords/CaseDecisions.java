package org.casefunds.ledger.caserecords;

import java.util.List;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.ConfirmPayee;
import org.casefunds.ledger.commands.HandOverCase;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.events.CaseFundsTransferred;
import org.casefunds.ledger.events.CaseHandedOver;
import org.casefunds.ledger.events.CaseOpened;
import org.casefunds.ledger.events.PayeeConfirmed;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.CaseRecord;

/** A case's fund record, its handler, its payees, and money moving between cases or to fees. */
public final class CaseDecisions {
    /**
     * A payee's bank account, named at opening or confirmed later, needs a division head's approval
     * (or a higher one's), by someone other than the handler: an account the handler alone adds
     * and pays is the fraud the staff register exists to stop.
     */
    static final List<Role> PAYEE_APPROVERS = List.of(Role.DIVISION_HEAD);
    /** Handing a case over needs a division head's approval (or a higher one's). */
    static final List<Role> HAND_OVER_APPROVERS = List.of(Role.DIVISION_HEAD);

    private CaseDecisions() {
    }

    public static void openCase(Context context, OpenCase request) {
        if (context.view().caseRecord(request.caseNumber()).isPresent()) {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "caseNumber", request.caseNumber(),
                    "already has a fund record in this ledger");
        }
        context.view().caseBySubAccount(request.subAccountNumber()).ifPresent(other -> {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "subAccountNumber",
                    request.subAccountNumber(), "already belongs to case " + other + " (one case, one account)");
        });
        boolean senior = context.command().actor().has(Role.DIVISION_HEAD)
                || context.command().actor().has(Role.BUREAU_DIRECTOR);
        if (!senior && !PersonIds.same(request.handler(), context.command().actor().id())) {
            throw new PermissionDeniedException(ErrorCode.NOT_CASE_HANDLER, "handler", request.handler(),
                    "a handler opens only their own cases; a division head may open one for another handler");
        }
        context.requireHolds(request.handler(), Role.HANDLER, "handler");
        context.concerns(request.division());
        if (!request.payees().isEmpty()) {
            context.draft().needApprovals(PAYEE_APPROVERS, "payee account");
        }
        context.draft().payload(new CaseOpened(request.caseNumber(), request.subAccountNumber(), request.handler(),
                request.parties(), request.payees(), request.division()));
    }

    public static void handOver(Context context, HandOverCase request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandlerOrSenior(record);
        if (PersonIds.same(record.handler(), request.toHandler())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "toHandler", request.toHandler(),
                    "is already the handler of " + record.caseNumber());
        }
        context.requireHolds(request.toHandler(), Role.HANDLER, "toHandler");
        context.draft().needApprovals(HAND_OVER_APPROVERS, "hand-over of a case");
        context.draft().payload(new CaseHandedOver(record.caseNumber(), record.handler(), request.toHandler(),
                request.reason()));
    }

    public static void confirmPayee(Context context, ConfirmPayee request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        if (record.hasConfirmedPayee(request.payee())) {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "payee.accountNumber",
                    request.payee().accountNumber(), "is already a confirmed payee account of " + record.caseNumber());
        }
        context.draft().needApprovals(PAYEE_APPROVERS, "payee account");
        context.draft().payload(new PayeeConfirmed(record.caseNumber(), request.payee()));
    }

    public static void transfer(Context context, TransferBetweenCases request) {
        CaseRecord from = context.requireCase(request.fromCase(), "fromCase");
        CaseRecord to = context.requireCase(request.toCase(), "toCase");
        context.requireHandler(from);
        AccountId source = AccountId.ofCase(from.caseNumber());
        AccountId target = AccountId.ofCase(to.caseNumber());
        // The money keeps its arrival date and its clock: it was in the court's account all along.
        for (LotMovement taken : context.consumeOldestFirst(source, request.amount(), "amount")) {
            context.draft().createLot(target, taken.amount(), taken.arrivalDate(), taken.clockStart(),
                    taken.receipt());
        }
        context.draft().transfer(source, target, request.amount());
        context.draft().needApprovals(context.policy().approversFor(request.amount()), "transfer between cases");
        context.draft().payload(new CaseFundsTransferred(from.caseNumber(), to.caseNumber(), request.amount(),
                request.reason()));
    }

}
