package org.casefunds.ledger.formats.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A row of a {@link ReportTable}: one cell per column, {@code null} for an empty cell, and the tone
 * the row is marked with.
 *
 * @param cells the cells, as many as the table has columns; a cell's type follows its column's kind
 * @param tone how the row is marked
 */
public record Row(List<Object> cells, Tone tone) {

    /** Copies the cells (which may hold nulls). */
    public Row {
        cells = Collections.unmodifiableList(new ArrayList<>(cells));
        Objects.requireNonNull(tone, "tone");
    }

    /** A plain row of these cells. */
    public static Row of(Object... cells) {
        return new Row(java.util.Arrays.asList(cells), Tone.PLAIN);
    }

    /** This row marked with {@code tone}. */
    public Row marked(Tone tone) {
        return new Row(cells, tone);
    }
}
