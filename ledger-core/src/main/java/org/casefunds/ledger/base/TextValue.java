package org.casefunds.ledger.base;

/**
 * A value that the canonical encoding writes as one line of text: its {@code toString()}. A class
 * implementing it must have a {@code public static X parse(String)} that inverts {@code toString()}
 * exactly, so that decoding and encoding again gives the same bytes.
 */
public interface TextValue {
}
