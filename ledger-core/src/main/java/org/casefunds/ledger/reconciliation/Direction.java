package org.casefunds.ledger.reconciliation;

/**
 * Which way money moved on a master account, as the bank's statement says it: a credit (贷方) is
 * money in, a debit (借方) money out. In the ledger a credit of the statement is a debit to
 * {@code bank:<no>}, because the bank account is an asset of the court.
 */
public enum Direction {
    /** Money in: a receipt. */
    CREDIT,
    /** Money out: a payout, refund or deposit paid by the bank, or fees swept. */
    DEBIT;

    /** The other direction: what a reversal moves. */
    public Direction opposite() {
        return this == CREDIT ? DEBIT : CREDIT;
    }

    /** {@code amountMinor} signed by its effect on the account's balance: positive in, negative out. */
    public long signed(long amountMinor) {
        return this == CREDIT ? amountMinor : -amountMinor;
    }
}
