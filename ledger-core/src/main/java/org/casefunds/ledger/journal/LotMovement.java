package org.casefunds.ledger.journal;

import java.time.LocalDate;
import java.util.Objects;
import org.casefunds.ledger.accounts.AccountId;
import org.joda.money.Money;

/**
 * A change to one lot, recorded on the event that makes it. Each amount that reaches a case or
 * the unidentified account is a lot with its arrival date; payout notices, fees and transfers
 * consume lots oldest first; reversals put back exactly what an event took (docs/design.md §5).
 *
 * <p>Every movement repeats the lot's account, arrival date, clock start and originating receipt,
 * so that a store or a report can use a movement without looking the lot up.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lot the lot, never null
 * @param type what happens to it, never null
 * @param account the case or unidentified account holding the lot, never null
 * @param amount the positive amount moved, never null
 * @param arrivalDate the bank value date on which the money first reached the court, never null
 * @param clockStart the date the payout (or claiming) clock of this lot starts, never null
 * @param receipt the idempotency key of the receipt the money came in with, never null
 */
public record LotMovement(
        LotId lot, Type type, AccountId account, Money amount, LocalDate arrivalDate,
        LocalDate clockStart, String receipt) {

    /** What a movement does to its lot. */
    public enum Type {
        /** The lot comes into being with this amount. */
        CREATE,
        /** Part or all of the lot's remainder leaves it. */
        CONSUME,
        /** A reversal puts back what a consumption took. */
        RESTORE,
        /** A reversal takes away a lot that an event created; the lot must be whole. */
        REMOVE;

        /** The movement that undoes this one. */
        public Type inverse() {
            switch (this) {
                case CREATE:
                    return REMOVE;
                case REMOVE:
                    return CREATE;
                case CONSUME:
                    return RESTORE;
                case RESTORE:
                    return CONSUME;
                default:
                    throw new AssertionError(this);
            }
        }

        /** Whether the movement adds to the lot's remainder. */
        public boolean adds() {
            return this == CREATE || this == RESTORE;
        }
    }

    /** Checks the values. */
    public LotMovement {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(clockStart, "clockStart");
        Objects.requireNonNull(receipt, "receipt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a lot movement's amount must be positive: " + amount);
        }
    }

    /** The movement that undoes this one, as a reversal records it. */
    public LotMovement inverse() {
        return new LotMovement(lot, type.inverse(), account, amount, arrivalDate, clockStart, receipt);
    }

    /** The same movement with another amount. */
    public LotMovement withAmount(Money newAmount) {
        return new LotMovement(lot, type, account, newAmount, arrivalDate, clockStart, receipt);
    }

    /** The signed change to the lot's remainder in minor units. */
    public long remainderChangeMinor() {
        long minor = amount.getAmountMinorLong();
        return type.adds() ? minor : -minor;
    }
}
