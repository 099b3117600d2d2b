package org.casefunds.ledger.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two states fact by fact: the ledger's meta, bank accounts, cases, receipts, lots,
 * disbursements, deferrals and balances. The verifier uses it to show that the projections a store
 * keeps equal a fold of its journal (replay = live).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class StateComparison {
    private StateComparison() {
    }

    /** The facts of {@code state}, one line each, sorted. */
    public static TreeSet<String> facts(LedgerState state) {
        TreeSet<String> lines = new TreeSet<>();
        lines.add("meta " + state.tables().meta());
        state.bankAccounts().forEach(account -> lines.add("bank " + account));
        state.cases().forEach(record -> lines.add("case " + record));
        add(lines, "receipt ", state.receipts());
        add(lines, "lot ", state.lots());
        add(lines, "disbursement ", state.disbursements());
        add(lines, "deferral ", state.deferrals());
        state.balances().forEach(balance -> lines.add("balance " + balance));
        return lines;
    }

    private static void add(TreeSet<String> lines, String prefix, Collection<?> values) {
        values.forEach(value -> lines.add(prefix + value));
    }

    /**
     * The facts that differ: each line held by one state and not the other, marked with the state
     * that holds it, at most {@code limit} of them; empty when the states are equal.
     */
    public static List<String> differences(LedgerState expected, LedgerState actual, int limit) {
        TreeSet<String> left = facts(expected);
        TreeSet<String> right = facts(actual);
        List<String> differences = new ArrayList<>();
        for (String line : left) {
            if (!right.contains(line) && differences.size() < limit) {
                differences.add("only in the replay: " + line);
            }
        }
        for (String line : right) {
            if (!left.contains(line) && differences.size() < limit) {
                differences.add("only in the store: " + line);
            }
        }
        return differences;
    }
}
