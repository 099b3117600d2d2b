/**
 * Reconciliation of a master account's bank statement with the ledger (docs/domain.md item 26): the
 * statement's lines are matched line by line against the ledger's bank lines, which are derived
 * from the journal's events, and the opening and closing balances are compared.
 *
 * <p>{@link org.casefunds.ledger.reconciliation.Reconciliation} is the entry point; it holds the
 * statement compactly and streams the journal against it, so that memory grows with the statement
 * and never with the journal.
 */
package org.casefunds.ledger.reconciliation;
