package org.casefunds.ledger.journal;

import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.TextValue;

/**
 * The identity of a lot: the sequence number of the event that created it and its index among the
 * lots that event created, written {@code 17.1}.
 *
 * <p>This class is immutable and thread-safe.
 */
public record LotId(long sequence, int index) implements TextValue, Comparable<LotId> {
    /** Checks both numbers are positive. */
    public LotId {
        if (sequence < 1 || index < 1) {
            throw new IllegalArgumentException("lot " + sequence + "." + index + ": both parts must be positive");
        }
    }

    /** Parses {@code 17.1}. */
    public static LotId parse(String text) {
        int dot = text.indexOf('.');
        try {
            return new LotId(Long.parseLong(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "lot", text,
                    "is not a lot id such as 17.1", e);
        }
    }

    @Override
    public int compareTo(LotId other) {
        int bySequence = Long.compare(sequence, other.sequence);
        return bySequence != 0 ? bySequence : Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return sequence + "." + index;
    }
}
