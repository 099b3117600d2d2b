package org.casefunds.ledger.events;

import org.joda.money.CurrencyUnit;

/**
 * A master bank account (执行款专户) of the court, in one currency; foreign currency goes to its own
 * account (外币执行款专户).
 *
 * @param accountNumber the bank account number
 * @param currency the only currency the account holds
 * @param bank the bank and branch
 * @param accountName the account's name at the bank
 */
public record BankAccountRegistered(String accountNumber, CurrencyUnit currency, String bank, String accountName)
        implements EventPayload {
}
