package org.casefunds.ledger.state;

import org.casefunds.ledger.accounts.AccountId;
import org.joda.money.CurrencyUnit;

/** One account's money in one currency: the unit balances and lots are kept in. */
record Pocket(AccountId account, CurrencyUnit currency) implements Comparable<Pocket> {

    @Override
    public int compareTo(Pocket other) {
        int byAccount = account.compareTo(other.account);
        return byAccount != 0 ? byAccount : currency.compareTo(other.currency);
    }

    @Override
    public String toString() {
        return account + " " + currency;
    }
}
