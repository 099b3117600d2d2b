package org.casefunds.ledger.events;

/**
 * Execution fees leave the enforcement account for the court's own account.
 *
 * @param amount the amount swept
 * @param bankAccount the master account they leave
 * @param bankReference the bank's reference of the transfer
 */
public record FeesSwept(org.joda.money.Money amount, String bankAccount, String bankReference)
        implements EventPayload {
}
