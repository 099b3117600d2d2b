package org.casefunds.ledger.digest;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of checking a journal against a digest an auditor kept ({@link JournalTree#check}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param digest the digest checked against
 * @param journalSequence the number of events the journal holds now
 * @param journalHeadHash the hash of its last event now
 * @param ok whether the journal still begins with exactly the events the digest covered
 * @param firstDifferentEvent when not, the first event (from 1) that differs or is missing, if it
 *     could be named
 * @param detail what was found, in a sentence
 */
public record DigestCheck(JournalDigest digest, long journalSequence, String journalHeadHash, boolean ok,
        OptionalLong firstDifferentEvent, String detail) {

    /** Checks nothing is missing. */
    public DigestCheck {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(journalHeadHash, "journalHeadHash");
        Objects.requireNonNull(firstDifferentEvent, "firstDifferentEvent");
        Objects.requireNonNull(detail, "detail");
    }
}
