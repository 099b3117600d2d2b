/**
 * Exports of a ledger for tools that check it independently: an hledger journal with month-end
 * balance assertions, a CSV file of postings, and a JSON array of every event. Every export
 * streams the journal, so memory does not grow with the number of events, and is written to a
 * temporary file that replaces the target only once it is complete ({@link AtomicFile}).
 */
package org.casefunds.ledger.formats.export;
