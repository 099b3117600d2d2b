package org.casefunds.ledger.state;

import java.time.LocalDate;
import org.joda.money.CurrencyUnit;

/**
 * A master bank account of the court as the journal knows it.
 *
 * @param number the account number
 * @param currency its only currency
 * @param bank the bank and branch
 * @param accountName the account's name at the bank
 * @param registeredOn the effective date of its registration
 * @param retired whether the court has moved away from it
 */
public record BankAccount(
        String number, CurrencyUnit currency, String bank, String accountName, LocalDate registeredOn,
        boolean retired) {

    BankAccount retire() {
        return new BankAccount(number, currency, bank, accountName, registeredOn, true);
    }
}
