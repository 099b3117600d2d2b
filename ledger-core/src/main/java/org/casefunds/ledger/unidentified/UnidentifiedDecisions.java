package org.casefunds.ledger.unidentified;

import java.util.List;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.events.UnidentifiedClaimed;
import org.casefunds.ledger.events.UnidentifiedRefundIssued;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Receipt;

/** Claiming unidentified money into a case, and refunding it to the payer who paid by mistake. */
public final class UnidentifiedDecisions {
    private UnidentifiedDecisions() {
    }

    public static void claim(Context context, ClaimUnidentified request) {
        Receipt receipt = unidentifiedReceipt(context, request.receipt());
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        Amounts.sameCurrency(request.amount(), receipt.details().amount().getCurrencyUnit(), "amount",
                "receipt '" + receipt.key() + "'");
        AccountId unidentified = AccountId.unidentified(receipt.details().bankAccount());
        AccountId target = AccountId.ofCase(record.caseNumber());
        List<LotMovement> taken = context.consume(context.view().openLotsOfReceipt(receipt.key()),
                "unidentified receipt '" + receipt.key() + "'", request.amount(), "amount");
        for (LotMovement piece : taken) {
            // Policy: the payout clock starts at the original arrival (default) or at the claim.
            var clockStart = context.policy().claimedClockStart() == Policy.ClockStart.ARRIVAL
                    ? piece.arrivalDate() : context.date();
            context.draft().createLot(target, piece.amount(), piece.arrivalDate(), clockStart, piece.receipt());
        }
        context.draft().transfer(unidentified, target, request.amount());
        context.draft().payload(new UnidentifiedClaimed(receipt.key(), record.caseNumber(), request.amount(),
                request.note()));
    }

    public static void refund(Context context, RefundUnidentified request) {
        Receipt receipt = unidentifiedReceipt(context, request.receipt());
        Amounts.sameCurrency(request.amount(), receipt.details().amount().getCurrencyUnit(), "amount",
                "receipt '" + receipt.key() + "'");
        context.requireNewDisbursement(context.key());
        AccountId unidentified = AccountId.unidentified(receipt.details().bankAccount());
        context.consume(context.view().openLotsOfReceipt(receipt.key()), "unidentified receipt '" + receipt.key()
                + "'", request.amount(), "amount");
        // The money goes back from the account it arrived on, even a retired one: it is there.
        BankAccount bank = context.requireBankAccount(receipt.details().bankAccount(), "receipt");
        context.requireAvailable(bank, request.amount());
        context.draft().transfer(unidentified, AccountId.REFUNDS_IN_TRANSIT, request.amount());
        context.draft().needApprovals(context.policy().approversFor(request.amount()), "refund of an unidentified receipt");
        context.draft().payload(new UnidentifiedRefundIssued(receipt.key(), request.payee(), request.amount(),
                bank.number(), request.reason()));
    }

    private static Receipt unidentifiedReceipt(Context context, String key) {
        Receipt receipt = context.view().receipt(key).orElseThrow(() -> new NotFoundException(
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
