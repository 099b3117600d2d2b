package org.casefunds.ledger.formats.tables;

import java.util.Objects;

/**
 * A column of a {@link ReportTable}: its heading, already in the table's language, and the kind of
 * value its cells hold, which says how each rendering shows them (amounts with thousands separators
 * and two decimals, aligned right; dates as ISO dates; ...).
 *
 * @param heading the heading
 * @param kind what the cells hold
 */
public record Column(String heading, Kind kind) {

    /** What a column's cells hold, and so the Java type of a non-empty cell. */
    public enum Kind {
        /** Words: a {@link String}. */
        TEXT,
        /** Money: a Joda-Money {@code Money}. */
        AMOUNT,
        /** A count or a number of days: a {@link Long}. */
        COUNT,
        /** A date: a {@link java.time.LocalDate}. */
        DATE,
        /** A decimal figure such as an average or a rate: a {@link java.math.BigDecimal}. */
        DECIMAL,
        /** A case number, which the web pages link to the case: a {@link String}. */
        CASE
    }

    /** Checks both are present. */
    public Column {
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether the column's cells are figures, aligned right. */
    public boolean figures() {
        return kind == Kind.AMOUNT || kind == Kind.COUNT || kind == Kind.DECIMAL;
    }
}
