package org.casefunds.ledger.fees;

import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.commands.ChargeExecutionFee;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.events.ExecutionFeeCharged;
import org.casefunds.ledger.events.FeesSwept;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.processing.Context;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.joda.money.Money;

/** Charging the application fee for enforcement out of a case, and sweeping the fees earned to the court. */
public final class FeeDecisions {
    private FeeDecisions() {
    }

    public static void chargeFee(Context context, ChargeExecutionFee request) {
        CaseRecord record = context.requireCase(request.caseNumber(), "caseNumber");
        context.requireHandler(record);
        Money fee = ExecutionFee.forEnforcedAmount(request.enforcedAmount());
        AccountId account = AccountId.ofCase(record.caseNumber());
        try {
            context.consumeOldestFirst(account, fee, "enforcedAmount");
        } catch (InsufficientFundsException lacking) {
            throw new InsufficientFundsException("enforcedAmount", request.enforcedAmount(), account.toString(), fee,
                    lacking.available(), "the fee on " + request.enforcedAmount() + " is " + fee
                            + "; it is settled out of the case's money, which must be there first");
        }
        context.draft().transfer(account, AccountId.COURT_FEES, fee);
        context.draft().payload(new ExecutionFeeCharged(record.caseNumber(), request.enforcedAmount(), fee));
    }

    public static void sweepFees(Context context, SweepFees request) {
        BankAccount bank = context.requireBankAccount(request.bankAccount(), "bankAccount");
        Amounts.sameCurrency(request.amount(), bank.currency(), "amount", "master account " + bank.number());
        Money fees = context.view().lowestBalanceFrom(AccountId.COURT_FEES, bank.currency(), context.date());
        if (request.amount().isGreaterThan(fees)) {
            throw new InsufficientFundsException("amount", AccountId.COURT_FEES.toString(), request.amount(), fees,
                    "fees charged and not yet swept on " + context.date());
        }
        context.requireAvailable(bank, request.amount());
        context.draft().transfer(AccountId.COURT_FEES, AccountId.bank(bank.number()), request.amount());
        context.draft().payload(new FeesSwept(request.amount(), bank.number(), request.bankReference()));
    }
}
