package org.casefunds.ledger.events;

import org.casefunds.ledger.accounts.AccountId;

/**
 * The kinds of money leaving the court in two phases: issued to an in-transit account, then
 * settled by the bank or returned.
 */
public enum Disbursement {
    /** A payment notice to finance (支付案款通知) for a creditor. */
    PAYOUT(AccountId.PAYOUTS_IN_TRANSIT),
    /** One creditor's share of a distribution (案款分配). */
    DISTRIBUTION_SHARE(AccountId.PAYOUTS_IN_TRANSIT),
    /** Money above the debt and costs going back to the debtor. */
    SURPLUS_REFUND(AccountId.REFUNDS_IN_TRANSIT),
    /** An unidentified receipt paid back to its payer. */
    UNIDENTIFIED_REFUND(AccountId.REFUNDS_IN_TRANSIT),
    /** A deposit with a notary (提存). */
    DEPOSIT(AccountId.DEPOSITS_IN_TRANSIT);

    private final AccountId transitAccount;

    Disbursement(AccountId transitAccount) {
        this.transitAccount = transitAccount;
    }

    /** The in-transit account the money waits on until the bank pays it. */
    public AccountId transitAccount() {
        return transitAccount;
    }
}
