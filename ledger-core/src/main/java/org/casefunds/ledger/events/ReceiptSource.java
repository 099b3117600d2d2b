package org.casefunds.ledger.events;

/** How money reached the master account (docs/domain.md item 5). */
public enum ReceiptSource {
    /** Paid by the debtor or on their behalf. */
    DEBTOR_PAYMENT,
    /** Deducted through the online enforcement network (网络扣划). */
    ONLINE_DEDUCTION,
    /** Deducted at the bank counter (线下扣划). */
    OFFLINE_DEDUCTION,
    /** Proceeds of a judicial auction. */
    AUCTION_PROCEEDS,
    /** Cash handed over to two officers and entered later. */
    CASH,
    /** Anything else; say what in the memo. */
    OTHER
}
