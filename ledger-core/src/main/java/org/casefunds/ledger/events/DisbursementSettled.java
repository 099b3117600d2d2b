package org.casefunds.ledger.events;

/**
 * The bank paid a disbursement (second phase): the money leaves the master account.
 *
 * @param disbursement the disbursement id
 * @param bankReference the bank's reference of the transfer out
 */
public record DisbursementSettled(String disbursement, String bankReference) implements EventPayload {
}
