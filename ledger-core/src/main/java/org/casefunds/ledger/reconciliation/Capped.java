package org.casefunds.ledger.reconciliation;

import java.util.ArrayList;
import java.util.List;

/** Counts every line of a category exactly and keeps only the first ones, up to a limit. */
final class Capped<T> {
    private final int limit;
    private final List<T> shown = new ArrayList<>();
    private long count;

    Capped(int limit) {
        this.limit = limit;
    }

    void add(T line) {
        count++;
        if (shown.size() < limit) {
            shown.add(line);
        }
    }

    Listing<T> listing() {
        return new Listing<>(count, shown);
    }
}
