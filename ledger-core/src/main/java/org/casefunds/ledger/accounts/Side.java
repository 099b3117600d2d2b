package org.casefunds.ledger.accounts;

/** The side of a posting. A debit increases an asset and decreases a liability or income. */
public enum Side {
    DEBIT,
    CREDIT;

    /** The other side. */
    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}
