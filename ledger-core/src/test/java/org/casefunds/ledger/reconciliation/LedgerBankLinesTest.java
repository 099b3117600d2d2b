package org.casefunds.ledger.reconciliation;

import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.journal.Event;
import org.junit.jupiter.api.Test;

/**
 * Goal: the ledger's bank lines of a master account are derived from every kind of event that moves
 * its money, with a reversal cancelling its event only when both lie on the same side of the period.
 *
 * <p>Method: {@link MarchLedger} builds a real journal in memory; the lines read from it are compared
 * with the bank lines written by hand in its comments, in the order they are told.
 */
class LedgerBankLinesTest {
    @Test
    void everyKindOfBankMovementMakesItsLineAndReversalsCancelOnlyOnTheSameSide() {
        List<String> lines = new MarchLedger().lines();
        assertEquals(List.of(
                "SN-A CREDIT 1000.00 2025-02-20 RECEIPT_RECORDED",
                // A reversed event's line waits for its reversal, then both are told.
                "SN-E CREDIT 100.00 2025-02-25 RECEIPT_RECORDED",
                "SN-E DEBIT 100.00 2025-03-03 EVENT_REVERSED",
                "SN-B CREDIT 500.00 2025-03-05 RECEIPT_RECORDED",
                "SN-C CREDIT 300.00 2025-03-06 RECEIPT_RECORDED",
                "OUT-1 DEBIT 800.00 2025-03-10 DISBURSEMENT_SETTLED",
                "corrected SN-D 2025-03-13",
                "FEE-1 DEBIT 50.00 2025-03-20 FEES_SWEPT",
                "SN-F CREDIT 40.00 2025-03-28 RECEIPT_RECORDED",
                "SN-F DEBIT 40.00 2025-04-02 EVENT_REVERSED",
                "SN-H CREDIT 60.00 2025-04-03 RECEIPT_RECORDED"), lines);
    }

    @Test
    void aReversalWrittenAfterTheEventsWereReadLeavesItsEventStanding() {
        MarchLedger march = new MarchLedger();
        List<String> seen = new ArrayList<>();
        // The view knows rev-F; the events read do not hold it, as if it had been written meanwhile.
        try (Stream<Event> events = march.ledger.events(1).filter(event -> !event.idempotencyKey().equals("rev-F"))) {
            LedgerBankLines.read(events, march.ledger.view(), BANK, MarchLedger.FROM, MarchLedger.TO,
                    MarchLedger.sink(seen));
        }
        assertTrue(seen.contains("SN-F CREDIT 40.00 2025-03-28 RECEIPT_RECORDED"), seen.toString());
        assertEquals(List.of(), seen.stream().filter(line -> line.startsWith("SN-F DEBIT"))
                .collect(Collectors.toList()));
    }
}
