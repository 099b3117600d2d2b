package org.casefunds.ledger.base;

import java.util.Objects;
import org.joda.money.Money;

/**
 * The command would take an account below zero: the money it moves is not there (on the date of the
 * command, or on a later date already in the journal).
 */
public final class InsufficientFundsException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final String account;
    private final Money requested;
    private final Money available;

    /**
     * Creates the exception.
     *
     * @param field the command field holding the amount, not null
     * @param account the account that lacks the money, not null
     * @param requested the amount asked for, not null
     * @param available the amount that is there, not null
     * @param detail what the available amount means or what to do, not null
     */
    public InsufficientFundsException(
            String field, String account, Money requested, Money available, String detail) {
        this(field, requested, account, requested, available, detail);
    }

    /**
     * Creates the exception for a field whose value is not the amount lacking (an enforced amount
     * whose fee is lacking, say).
     *
     * @param value the field's value, not null
     */
    public InsufficientFundsException(
            String field, Object value, String account, Money requested, Money available, String detail) {
        super(ErrorCode.INSUFFICIENT_FUNDS, field, value,
                account + " has " + available + " available but " + requested + " is needed; " + detail, null);
        this.account = Objects.requireNonNull(account, "account");
        this.requested = Objects.requireNonNull(requested, "requested");
        this.available = Objects.requireNonNull(available, "available");
    }

    /** The account that lacks the money. */
    public String account() {
        return account;
    }

    /** The amount the command asked for. */
    public Money requested() {
        return requested;
    }

    /** The amount that was available. */
    public Money available() {
        return available;
    }
}
