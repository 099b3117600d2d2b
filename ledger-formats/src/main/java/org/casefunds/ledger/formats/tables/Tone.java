package org.casefunds.ledger.formats.tables;

/**
 * How a row of the three-colour list (三色预警) is marked: red for money past its notice deadline
 * (超期), yellow for money near it (临期), green for money newly arrived (新到账); plain otherwise.
 */
public enum Tone {
    /** 超期: past the deadline. */
    RED,
    /** 临期: near the deadline. */
    YELLOW,
    /** 新到账: newly arrived. */
    GREEN,
    /** Nothing to mark. */
    PLAIN
}
