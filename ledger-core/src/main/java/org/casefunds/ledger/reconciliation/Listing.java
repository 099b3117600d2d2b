package org.casefunds.ledger.reconciliation;

import java.util.List;
import org.casefunds.ledger.base.Checks;

/**
 * The lines of one category of a reconciliation: how many there are, exactly, and the first of
 * them, up to the reconciliation's detail limit, so that a statement of millions of lines that
 * disagrees everywhere still fits in memory.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param count how many lines the category holds, exactly
 * @param shown the first lines, at most the detail limit, in statement or journal order
 * @param <T> the kind of line
 */
public record Listing<T>(long count, List<T> shown) {
    /** Checks the count covers the lines shown and copies them. */
    public Listing {
        shown = List.copyOf(shown);
        Checks.invariant(count >= shown.size(), "a listing shows no more lines than it counts");
    }

    /** Whether the category holds no line. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Whether lines were left out of {@link #shown()}. */
    public boolean truncated() {
        return count > shown.size();
    }
}
