package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;

/**
 * An event and its reversal, both dated in the reconciled period: they cancel, so the bank shows
 * neither, and the reconciliation lists them as corrected in the ledger.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param original the line the reversed event made, never null
 * @param reversalSequence the sequence number of the reversal
 * @param reversalDate the reversal's effective date, never null
 */
public record Correction(LedgerLine original, long reversalSequence, LocalDate reversalDate) {
}
