package org.casefunds.ledger.commands;

import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.joda.money.CurrencyUnit;

/**
 * Registers a master bank account (执行款专户) in one currency.
 *
 * @param accountNumber the account number
 * @param currency its only currency
 * @param bank the bank and branch
 * @param accountName the account's name at the bank
 */
public record RegisterBankAccount(String accountNumber, CurrencyUnit currency, String bank, String accountName)
        implements Request {
    /** Checks the values. */
    public RegisterBankAccount {
        accountNumber = Checks.requiredText(accountNumber, "accountNumber", Limits.ACCOUNT_NUMBER_LENGTH_MAX);
        Checks.argument(accountNumber.matches("[0-9A-Za-z-]+"), "accountNumber", accountNumber,
                "may hold only digits, letters and '-'");
        Checks.required(currency, "currency");
        bank = Checks.requiredText(bank, "bank", 200);
        accountName = Checks.requiredText(accountName, "accountName", 200);
    }
}
