package org.casefunds.ledger.events;

/**
 * The bank could not pay a disbursement (wrong account, closed account): the money goes back to
 * where it came from as a new lot whose clock starts on the return date, to be paid again.
 *
 * @param disbursement the disbursement id
 * @param reason why the bank returned it
 */
public record DisbursementReturned(String disbursement, String reason) implements EventPayload {
}
