package org.casefunds.ledger.policy;

/**
 * The legitimate reasons to defer a payout (延缓发放, docs/domain.md item 16). Every deferral also has a
 * written explanation; for {@link #OTHER} it must say what the reason is.
 */
public enum DeferralReason {
    /** The money must be distributed among several creditors (案款分配). */
    DISTRIBUTION,
    /** The money is frozen for another case (案款冻结). */
    FROZEN,
    /** The case is suspended (中止/暂缓执行). */
    SUSPENDED,
    /** Only part has arrived and the creditor agreed in writing to wait. */
    PARTIAL_ARRIVAL_AGREED,
    /** The creditor was notified but has not collected. */
    NOT_COLLECTED,
    /** Part of the money is disputed; the undisputed part is paid at once. */
    DISPUTED,
    /** Another legitimate reason, explained in writing. */
    OTHER
}
