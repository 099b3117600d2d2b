package org.casefunds.ledger.reconciliation;

import org.joda.money.Money;

/**
 * A statement line whose balance is not the previous balance plus the line's movement: the
 * statement's own running balance breaks there (a line is missing, or a balance is wrong).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lineNumber the statement line where the running balance breaks
 * @param expected the previous balance plus the movements since, never null
 * @param stated the balance the line states, never null
 */
public record BalanceBreak(long lineNumber, Money expected, Money stated) {
}
