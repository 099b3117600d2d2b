package org.casefunds.ledger.events;

/** Why money is deposited with a notary (提存; Civil Code art. 570; docs/domain.md items 19–20). */
public enum DepositReason {
    /** The creditor refuses to accept it without a proper reason. */
    CREDITOR_REFUSES,
    /** The creditor cannot be found. */
    CREDITOR_UNKNOWN,
    /** The creditor died or lost capacity and no heir or guardian is determined. */
    NO_HEIR_OR_GUARDIAN,
    /** A share of a distribution is disputed by a suit on the plan (docs/domain.md item 19). */
    DISPUTED_SHARE,
    /** Another legal ground; the note says which. */
    OTHER
}
