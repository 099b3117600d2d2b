package org.casefunds.ledger.accounts;

import java.util.Objects;
import org.joda.money.Money;

/**
 * One line of a double entry: an amount debited or credited to an account. The amount is always
 * positive; the side says the direction.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param account the account, never null
 * @param side debit or credit, never null
 * @param amount a positive amount, never null
 */
public record Posting(AccountId account, Side side, Money amount) {
    /** Checks the amount is positive. */
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a posting's amount must be positive: " + amount);
        }
    }

    /** A debit of {@code amount} to {@code account}. */
    public static Posting debit(AccountId account, Money amount) {
        return new Posting(account, Side.DEBIT, amount);
    }

    /** A credit of {@code amount} to {@code account}. */
    public static Posting credit(AccountId account, Money amount) {
        return new Posting(account, Side.CREDIT, amount);
    }

    /** The same amount on the other side: what a reversal posts. */
    public Posting mirror() {
        return new Posting(account, side.opposite(), amount);
    }

    /**
     * The change this posting makes to its account's balance, in minor units, signed so that a
     * positive number increases the balance on the account's normal side.
     */
    public long balanceChangeMinor() {
        long minor = amount.getAmountMinorLong();
        return side == account.kind().normalSide() ? minor : -minor;
    }
}
