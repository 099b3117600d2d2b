package org.casefunds.ledger.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.events.UnidentifiedClaimed;
import org.casefunds.ledger.events.UnidentifiedRefundIssued;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Receipt;

/** Money arriving, and unidentified money being claimed or refunded. */
final class ReceiptDecisions {
    private ReceiptDecisions() {
    }

    static void record(Context context, RecordReceipt request) {
        BankAccount bank = context.requireBankAccount(request.bankAccount(), "bankAccount");
        Amounts.sameCurrency(request.amount(), bank.currency(), "amount", "master account " + bank.number());
        context.view.receiptByBankReference(bank.number(), request.bankReference()).ifPresent(existing -> {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "bankReference", request.bankReference(),
                    "is already recorded on " + bank.number() + " by receipt '" + existing.key() + "' (event "
                            + existing.sequence() + "); a bank serial number is recorded once");
        });
        Optional<CaseNumber> routedTo = Optional.empty();
        Routing routing = Routing.UNIDENTIFIED;
        Optional<CaseNumber> bySubAccount = request.subAccountNumber().flatMap(context.view::caseBySubAccount)
                .filter(caseNumber -> openOn(context, caseNumber));
        if (bySubAccount.isPresent()) {
            routedTo = bySubAccount;
            routing = Routing.SUB_ACCOUNT;
        } else {
            Optional<CaseNumber> byNumber = request.caseNumber().filter(caseNumber -> openOn(context, caseNumber))
                    .or(() -> onlyCaseInMemo(context, request.memo()));
            if (byNumber.isPresent()) {
                routedTo = byNumber;
                routing = Routing.CASE_NUMBER;
            }
        }
        AccountId credited = routedTo.map(AccountId::ofCase).orElse(AccountId.unidentified(bank.number()));
        context.draft.transfer(AccountId.bank(bank.number()), credited, request.amount());
        context.draft.createLot(credited, request.amount(), context.date, context.date, context.key());
        context.draft.payload(new ReceiptRecorded(bank.number(), request.bankReference(), request.amount(),
                request.payer(), request.memo(), request.source(), request.subAccountNumber(), routing, routedTo,
                bank.retired(), request.caseNumber()));
    }

    /** Whether the case has a fund record opened on or before the command's date. */
    private static boolean openOn(Context context, CaseNumber caseNumber) {
        return context.view.caseRecord(caseNumber).map(record -> !record.openedOn().isAfter(context.date))
                .orElse(false);
    }

    /** The case whose number the memo holds, when it holds exactly one open case's number. */
    private static Optional<CaseNumber> onlyCaseInMemo(Context context, Optional<String> memo) {
        if (memo.isEmpty()) {
            return Optional.empty();
        }
        List<CaseNumber> open = new ArrayList<>();
        for (CaseNumber found : CaseNumber.findAll(memo.get())) {
            if (openOn(context, found)) {
                open.add(found);
            }
        }
        return open.size() == 1 ? Optional.of(open.get(0)) : Optional.empty();
    }

    static void claim(Context context, ClaimUnidentified request) {
        Receipt receipt = unidentifiedReceipt(context, request.receipt());
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        Amounts.sameCurrency(request.amount(), receipt.details().amount().getCurrencyUnit(), "amount",
                "receipt '" + receipt.key() + "'");
        AccountId unidentified = AccountId.unidentified(receipt.details().bankAccount());
        AccountId target = AccountId.ofCase(record.caseNumber());
        List<LotMovement> taken = context.consume(context.view.openLotsOfReceipt(receipt.key()),
                "unidentified receipt '" + receipt.key() + "'", request.amount(), "amount");
        for (LotMovement piece : taken) {
            // Policy: the payout clock starts at the original arrival (default) or at the claim.
            var clockStart = context.policy.claimedClockStart() == Policy.ClockStart.ARRIVAL
                    ? piece.arrivalDate() : context.date;
            context.draft.createLot(target, piece.amount(), piece.arrivalDate(), clockStart, piece.receipt());
        }
        context.draft.transfer(unidentified, target, request.amount());
        context.draft.payload(new UnidentifiedClaimed(receipt.key(), record.caseNumber(), request.amount(),
                request.note()));
    }

    static void refund(Context context, RefundUnidentified request) {
        Receipt receipt = unidentifiedReceipt(context, request.receipt());
        Amounts.sameCurrency(request.amount(), receipt.details().amount().getCurrencyUnit(), "amount",
                "receipt '" + receipt.key() + "'");
        context.requireNewDisbursement(context.key());
        AccountId unidentified = AccountId.unidentified(receipt.details().bankAccount());
        context.consume(context.view.openLotsOfReceipt(receipt.key()), "unidentified receipt '" + receipt.key()
                + "'", request.amount(), "amount");
        // The money goes back from the account it arrived on, even a retired one: it is there.
        BankAccount bank = context.requireBankAccount(receipt.details().bankAccount(), "receipt");
        context.requireAvailable(bank, request.amount());
        context.draft.transfer(unidentified, AccountId.REFUNDS_IN_TRANSIT, request.amount());
        context.draft.needApprovals(context.policy.approversFor(request.amount()), "refund of an unidentified receipt");
        context.draft.payload(new UnidentifiedRefundIssued(receipt.key(), request.payee(), request.amount(),
                bank.number(), request.reason()));
    }

    private static Receipt unidentifiedReceipt(Context context, String key) {
        Receipt receipt = context.view.receipt(key).orElseThrow(() -> new NotFoundException(
                ErrorCode.UNKNOWN_RECEIPT, "receipt", key, "no receipt was recorded under this key"));
        if (receipt.reversed()) {
            throw new StateConflictException(ErrorCode.ALREADY_REVERSED, "receipt", key,
                    "the receipt was reversed; there is nothing to claim or refund");
        }
        if (receipt.details().routing() != Routing.UNIDENTIFIED) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "receipt", key,
                    "was routed to case " + receipt.details().caseNumber().map(Object::toString).orElse("?")
                            + " when it arrived; it is not an unidentified receipt");
        }
        context.requireNotBefore(receipt.valueDate(), "receipt", key, "the receipt arrived on");
        return receipt;
    }
}
