package org.casefunds.ledger.policy;

import org.casefunds.ledger.base.Checks;
import org.joda.money.Money;

/**
 * A stricter notice deadline for lots from some amount up, as some courts set (for example, under
 * 100,000 yuan within 5 working days, from 100,000 within 10).
 *
 * @param from the smallest lot amount the tier applies to
 * @param noticeDeadline the deadline for those lots
 */
public record AmountTier(Money from, Period noticeDeadline) {
    /** Checks the values. */
    public AmountTier {
        Checks.required(from, "amountTiers.from");
        Checks.argument(!from.isNegative(), "amountTiers.from", from, "must not be negative");
        Checks.required(noticeDeadline, "amountTiers.noticeDeadline");
    }
}
