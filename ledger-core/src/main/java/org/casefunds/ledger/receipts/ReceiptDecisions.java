package org.casefunds.ledger.receipts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.BankAccount;

/** Money arriving, and unidentified money being claimed or refunded. */
public final class ReceiptDecisions {
    private ReceiptDecisions() {
    }

    public static void record(Context context, RecordReceipt request) {
        BankAccount bank = context.requireBankAccount(request.bankAccount(), "bankAccount");
        Amounts.sameCurrency(request.amount(), bank.currency(), "amount", "master account " + bank.number());
        context.view().receiptByBankReference(bank.number(), request.bankReference()).ifPresent(existing -> {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "bankReference", request.bankReference(),
                    "is already recorded on " + bank.number() + " by receipt '" + existing.key() + "' (event "
                            + existing.sequence() + "); a bank serial number is recorded once");
        });
        Optional<CaseNumber> routedTo = Optional.empty();
        Routing routing = Routing.UNIDENTIFIED;
        Optional<CaseNumber> bySubAccount = request.subAccountNumber().flatMap(context.view()::caseBySubAccount)
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
        context.draft().transfer(AccountId.bank(bank.number()), credited, request.amount());
        context.draft().createLot(credited, request.amount(), context.date(), context.date(), context.key());
        context.draft().payload(new ReceiptRecorded(bank.number(), request.bankReference(), request.amount(),
                request.payer(), request.memo(), request.source(), request.subAccountNumber(), routing, routedTo,
                bank.retired(), request.caseNumber()));
    }

    /** Whether the case has a fund record opened on or before the command's date. */
    private static boolean openOn(Context context, CaseNumber caseNumber) {
        return context.view().caseRecord(caseNumber).map(record -> !record.openedOn().isAfter(context.date()))
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

}
