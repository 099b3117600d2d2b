package org.casefunds.ledger.testing;

import java.util.Map;
import java.util.TreeMap;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.state.LedgerView;

/** What the {@link ReferenceModel} holds, for tests outside its package, in the terms it holds it. */
public final class ReferenceModels {
    private ReferenceModels() {
    }

    /** The model's balances that are not zero: "account currency" to minor units. */
    public static Map<String, Long> balances(ReferenceModel model) {
        Map<String, Long> balances = new TreeMap<>(model.balances);
        balances.values().removeIf(value -> value == 0);
        return balances;
    }

    /** The posted balances of {@code view} that are not zero, as {@link #balances(ReferenceModel)} has them. */
    public static Map<String, Long> balances(LedgerView view) {
        Map<String, Long> balances = new TreeMap<>();
        for (AccountBalance balance : view.balances()) {
            if (!balance.posted().isZero()) {
                balances.put(balance.account() + " " + balance.posted().getCurrencyUnit(),
                        balance.posted().getAmountMinorLong());
            }
        }
        return balances;
    }
}
