package org.casefunds.ledger.reports;

import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * How many movements of one kind, and how much money, in a period.
 *
 * @param count how many
 * @param amount how much
 */
public record Flow(int count, Money amount) {
    /** No movement. */
    public static Flow none(CurrencyUnit currency) {
        return new Flow(0, Money.zero(currency));
    }

    /** This flow with one more movement of {@code more}. */
    public Flow plus(Money more) {
        return new Flow(count + 1, amount.plus(more));
    }
}
