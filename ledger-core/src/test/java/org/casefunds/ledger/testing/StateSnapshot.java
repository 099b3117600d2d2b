package org.casefunds.ledger.testing;

import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.state.LedgerState;

/** A state written out as sorted lines, so that two states compare as text and differences read. */
public final class StateSnapshot {
    private StateSnapshot() {
    }

    /** Every fact of {@code state}, one per line, in a fixed order. */
    public static String of(LedgerState state) {
        List<String> lines = new ArrayList<>();
        lines.add("last " + state.lastSequence() + " " + state.lastHash());
        lines.add("court " + state.courtCode() + " opened " + state.openedOn() + " closed " + state.closedThrough());
        state.bankAccounts().forEach(account -> lines.add("bank " + account));
        state.cases().forEach(record -> lines.add("case " + record));
        section(lines, "receipt ", state.receipts());
        section(lines, "lot ", state.lots());
        section(lines, "disbursement ", state.disbursements());
        section(lines, "deferral ", state.deferrals());
        state.balances().forEach(balance -> lines.add("balance " + balance));
        return String.join("\n", lines);
    }

    private static void section(List<String> lines, String prefix, Iterable<?> values) {
        List<String> sorted = new ArrayList<>();
        values.forEach(value -> sorted.add(prefix + value));
        sorted.sort(null);
        lines.addAll(sorted);
    }

    /** The lines of {@code expected} missing from {@code actual} and the reverse. */
    public static String difference(String expected, String actual) {
        List<String> left = new ArrayList<>(List.of(expected.split("\n")));
        List<String> right = new ArrayList<>(List.of(actual.split("\n")));
        List<String> onlyLeft = new ArrayList<>(left);
        onlyLeft.removeAll(right);
        List<String> onlyRight = new ArrayList<>(right);
        onlyRight.removeAll(left);
        return "only in the first:\n  " + String.join("\n  ", onlyLeft) + "\nonly in the second:\n  "
                + String.join("\n  ", onlyRight);
    }
}
