package org.casefunds.ledger.accounts;

import java.util.Objects;
import org.joda.money.Money;

/**
 * The balance of one account in one currency on one date.
 *
 * <ul>
 *   <li>{@code posted}: the sum of its postings dated on or before the date, on its normal side;</li>
 *   <li>{@code pending}: money that has left it for an in-transit account and that the bank has not
 *       yet paid (a case's issued payout notices, a bank account's payments under way);</li>
 *   <li>{@code available}: what a new command may take: for a bank account, posted minus pending
 *       payments; for the other accounts, the posted balance (pending money has already left them).</li>
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 */
public record AccountBalance(AccountId account, Money posted, Money pending, Money available) {
    /** Checks currencies agree. */
    public AccountBalance {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(posted, "posted");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(available, "available");
        if (!posted.isSameCurrency(pending) || !posted.isSameCurrency(available)) {
            throw new IllegalArgumentException("balance figures in different currencies");
        }
    }
}
