package org.casefunds.ledger.disbursements;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.approvals.PersonIds;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.PartyRole;
import org.casefunds.ledger.commands.DepositWithNotary;
import org.casefunds.ledger.commands.Distribute;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.RefundSurplus;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.events.DepositIssued;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.DisbursementReturned;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.events.DistributionIssued;
import org.casefunds.ledger.events.DistributionShare;
import org.casefunds.ledger.events.PayoutNoticeIssued;
import org.casefunds.ledger.events.SurplusRefundIssued;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.DisbursementRecord;
import org.joda.money.Money;

/** Money leaving in two phases: issued to an in-transit account, then settled by the bank or returned. */
public final class DisbursementDecisions {
    private DisbursementDecisions() {
    }

    public static void payout(Context context, IssuePayoutNotice request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        if (!record.hasConfirmedPayee(request.payee())) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "payee.accountNumber",
                    request.payee().accountNumber(), "is not a payee account confirmed in writing for "
                            + record.caseNumber() + "; confirm it first (ConfirmPayee)");
        }
        BankAccount bank = issueFromCase(context, record, request.amount(), Disbursement.PAYOUT,
                request.bankAccount());
        context.draft().payload(new PayoutNoticeIssued(record.caseNumber(), request.payee(), request.amount(),
                bank.number(), request.note()));
    }

    public static void surplusRefund(Context context, RefundSurplus request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        if (!record.hasParty(request.payee().holder(), PartyRole.DEBTOR)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "payee.holder", request.payee().holder(),
                    "is not a debtor of " + record.caseNumber() + "; a surplus goes back to the debtor");
        }
        BankAccount bank = issueFromCase(context, record, request.amount(), Disbursement.SURPLUS_REFUND,
                request.bankAccount());
        context.draft().payload(new SurplusRefundIssued(record.caseNumber(), request.payee(), request.amount(),
                bank.number(), request.note()));
    }

    public static void deposit(Context context, DepositWithNotary request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        BankAccount bank = issueFromCase(context, record, request.amount(), Disbursement.DEPOSIT,
                request.bankAccount());
        context.draft().payload(new DepositIssued(record.caseNumber(), request.payee(), request.amount(),
                bank.number(), request.reason(), request.note()));
    }

    private static BankAccount issueFromCase(Context context, CaseRecord record, Money amount, Disbursement kind,
            Optional<String> bankAccount) {
        context.requireNewDisbursement(context.key());
        AccountId source = AccountId.ofCase(record.caseNumber());
        context.consumeOldestFirst(source, amount, "amount");
        BankAccount bank = context.payingAccount(bankAccount, amount);
        context.draft().transfer(source, kind.transitAccount(), amount);
        context.draft().needApprovals(context.policy().approversFor(amount), kind.name().toLowerCase().replace('_', ' '));
        return bank;
    }

    public static void distribute(Context context, Distribute request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        List<ProRata.Claim> claims = new ArrayList<>();
        for (Distribute.Creditor creditor : request.creditors()) {
            claims.add(new ProRata.Claim(creditor.name(), creditor.claimed(), creditor.rank()));
        }
        List<ProRata.Share> shares;
        Money surplus;
        try {
            shares = ProRata.allocate(request.total(), claims);
            surplus = ProRata.surplus(request.total(), claims);
        } catch (InvalidInputException refused) {
            // The calculation names its input "claims"; the command calls them "creditors".
            throw new InvalidInputException(refused.code(),
                    refused.field().map(field -> field.replaceFirst("^claims", "creditors")).orElse(null),
                    refused.value().orElse(null), refused.getMessage().substring(refused.getMessage().indexOf(": ") + 2)
                            .replace("claims[", "creditors["), refused);
        }
        for (int i = 0; i < shares.size(); i++) {
            if (shares.get(i).allocated().isPositive()) {
                context.requireNewDisbursement(context.key() + "#" + (i + 1));
            }
        }
        if (surplus.isPositive()) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT, "total", request.total(),
                    "exceeds the claims by " + surplus + "; distribute at most the claims and refund the surplus"
                            + " to the debtor (RefundSurplus)");
        }
        AccountId source = AccountId.ofCase(record.caseNumber());
        List<Context.Piece> pieces = context.plan(context.view().openLots(source, request.total().getCurrencyUnit()),
                source.toString(), request.total(), "total");
        BankAccount bank = context.payingAccount(request.bankAccount(), request.total());
        List<DistributionShare> recorded = new ArrayList<>();
        int next = 0;
        Money leftInPiece = pieces.isEmpty() ? null : pieces.get(0).amount();
        for (int i = 0; i < shares.size(); i++) {
            ProRata.Share share = shares.get(i);
            // Each share takes its own consecutive part of the pieces, split at share boundaries,
            // so that a return of one share gives back exactly what that share took.
            Money needed = share.allocated();
            while (needed.isPositive()) {
                Context.Piece piece = pieces.get(next);
                Money take = leftInPiece.isLessThan(needed) ? leftInPiece : needed;
                context.draft().consume(piece.lot(), take);
                needed = needed.minus(take);
                leftInPiece = leftInPiece.minus(take);
                if (leftInPiece.isZero() && next + 1 < pieces.size()) {
                    next++;
                    leftInPiece = pieces.get(next).amount();
                }
            }
            Distribute.Creditor creditor = request.creditors().get(i);
            recorded.add(new DistributionShare(context.key() + "#" + (i + 1), share.creditor(), share.rank(),
                    share.claimed(), share.allocated(), creditor.payee()));
        }
        context.draft().transfer(source, Disbursement.DISTRIBUTION_SHARE.transitAccount(), request.total());
        context.draft().needApprovals(context.policy().approversFor(request.total()), "distribution");
        context.draft().payload(new DistributionIssued(record.caseNumber(), request.total(), recorded, bank.number()));
    }

    public static void settle(Context context, SettleDisbursement request) {
        DisbursementRecord record = inTransit(context, request.disbursement());
        context.draft().amountField("disbursement", record.id());
        requireDutiesApart(context, record);
        AccountId bank = AccountId.bank(record.bankAccount());
        Money lowest = context.view().lowestBalanceFrom(bank, record.amount().getCurrencyUnit(), context.date());
        if (record.amount().isGreaterThan(lowest)) {
            throw new InsufficientFundsException("disbursement", record.id(), bank.toString(), record.amount(), lowest,
                    "on " + context.date() + " or a later day in the journal; date the payment later");
        }
        context.draft().transfer(record.kind().transitAccount(), bank, record.amount());
        context.draft().payload(new DisbursementSettled(record.id(), request.bankReference()));
    }

    /**
     * Separation of duties: whoever records the bank's payment of a disbursement is neither the
     * person who asked for it, nor one who approved it, nor the current handler of its case.
     */
    private static void requireDutiesApart(Context context, DisbursementRecord record) {
        String finance = context.command().actor().id();
        String issueKey = record.id().contains("#") ? record.id().substring(0, record.id().indexOf('#')) : record.id();
        List<String> involved = new ArrayList<>();
        context.eventByKey(issueKey).ifPresent(issue -> {
            involved.add(issue.actor().id());
            issue.approvals().forEach(approval -> involved.add(approval.approverId()));
        });
        record.caseNumber().flatMap(number -> context.view().caseRecord(number))
                .ifPresent(caseRecord -> involved.add(caseRecord.handler()));
        for (String person : involved) {
            if (PersonIds.same(person, finance)) {
                throw new PermissionDeniedException(ErrorCode.DUTIES_NOT_SEPARATED, "actor", finance,
                        "asked for, approved or handles the case of disbursement " + record.id()
                                + "; another finance officer records its payment (separation of duties)");
            }
        }
    }

    public static void recordReturn(Context context, ReturnDisbursement request) {
        DisbursementRecord record = inTransit(context, request.disbursement());
        // The money goes back as new lots with their arrival dates. By default their clock starts
        // again today, because the money has to be paid again (policy: returnedMoneyRestartsClock).
        boolean restart = context.policy().returnedMoneyRestartsClock();
        for (LotMovement taken : record.consumed()) {
            context.draft().createLot(taken.account(), taken.amount(), taken.arrivalDate(),
                    restart ? context.date() : taken.clockStart(), taken.receipt());
        }
        context.draft().transfer(record.kind().transitAccount(), record.source(), record.amount());
        context.draft().payload(new DisbursementReturned(record.id(), request.reason()));
    }

    private static DisbursementRecord inTransit(Context context, String id) {
        DisbursementRecord record = context.view().disbursement(id).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_DISBURSEMENT, "disbursement", id,
                "no payout notice, share, refund or deposit has this id; it is the key of the command that"
                        + " issued it, or key#n for the n-th share of a distribution"));
        if (!record.inTransit()) {
            throw new StateConflictException(ErrorCode.ALREADY_FINISHED, "disbursement", id,
                    "was already " + record.status().name().toLowerCase() + " on "
                            + record.finishedOn().map(Object::toString).orElse("?")
                            + record.bankReference().map(reference -> " (bank reference " + reference + ")")
                                    .orElse(""));
        }
        context.requireNotBefore(record.changedOn(), "disbursement", id, "its latest change (issue, or a reversal"
                + " that reopened it) is dated");
        return record;
    }

}
