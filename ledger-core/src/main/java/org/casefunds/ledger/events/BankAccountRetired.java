package org.casefunds.ledger.events;

/**
 * A master account the court has moved away from (an old bank). Money still arriving on it is
 * recorded, and flagged at once (docs/domain.md item 2).
 *
 * @param accountNumber the retired account
 * @param reason why
 */
public record BankAccountRetired(String accountNumber, String reason) implements EventPayload {
}
