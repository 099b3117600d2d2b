package org.casefunds.ledger.reconciliation;

/**
 * A statement line and a ledger line with the same reference and direction that disagree on the
 * amount, or on the date.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param statement the bank's line, never null
 * @param ledger the ledger's line, never null
 */
public record Mismatch(StatementLine statement, LedgerLine ledger) {
}
