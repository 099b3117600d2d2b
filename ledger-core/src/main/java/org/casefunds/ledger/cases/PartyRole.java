package org.casefunds.ledger.cases;

/** The part a party plays in an enforcement case. */
public enum PartyRole {
    /** 申请执行人: the applicant for enforcement, the creditor. */
    CREDITOR,
    /** 被执行人: the person enforced against, the debtor. */
    DEBTOR,
    /** 案外人: anyone else; payouts to them are notified to all parties (docs/domain.md item 14). */
    THIRD_PARTY
}
