package org.casefunds.ledger.events;

/** How a receipt found its case, or did not. */
public enum Routing {
    /** Paid to the case's own sub-account number (一案一账号): counts toward the usage rate. */
    SUB_ACCOUNT,
    /** Matched by the case number given with the payment. */
    CASE_NUMBER,
    /** No case could be determined: the money waits as an unidentified receipt (不明款). */
    UNIDENTIFIED
}
