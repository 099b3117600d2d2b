package org.casefunds.ledger.events;

/**
 * The first event of every journal: which court it belongs to. One journal, one court.
 *
 * @param courtCode the court's code as in its case numbers, e.g. {@code 京02}
 * @param courtName the court's full name
 */
public record LedgerOpened(String courtCode, String courtName) implements EventPayload {
}
