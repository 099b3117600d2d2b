package org.casefunds.ledger.formats.export;

import java.util.Objects;

/**
 * What an export wrote.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param events the events read from the journal
 * @param written what the file holds, in words, such as {@code "12 transactions"}; never null
 */
public record ExportSummary(long events, String written) {
    /** Checks the values. */
    public ExportSummary {
        Objects.requireNonNull(written, "written");
        if (events < 0) {
            throw new IllegalArgumentException("events must not be negative: " + events);
        }
    }
}
