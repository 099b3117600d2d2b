package org.casefunds.ledger.formats.digest;

import java.util.Objects;

/**
 * One check of a digest or proof file and what it found.
 *
 * @param name what was checked, such as {@code signature}
 * @param ok whether it held
 * @param detail what was found, in a sentence that names the field and value at fault
 */
public record FileCheck(String name, boolean ok, String detail) {
    /** Checks nothing is missing. */
    public FileCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
