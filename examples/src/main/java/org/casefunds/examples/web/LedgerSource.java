package org.casefunds.examples.web;

import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.reports.CourtReports;

/**
 * Where the dashboard reads the ledger: each request opens it read-only, in one snapshot, and closes
 * it when answered, so that every page shows one consistent moment while writers go on beside it.
 */
public interface LedgerSource {
    /** The ledger, opened read-only in one snapshot; the caller closes it. */
    Ledger openForReading();

    /** The court's reports over {@code opened}. */
    CourtReports reports(Ledger opened);

    /** Where the ledger is, for people: a file's path or a database URL without its password. */
    String location();
}
