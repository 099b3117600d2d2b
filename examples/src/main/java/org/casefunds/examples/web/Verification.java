package org.casefunds.examples.web;

import java.time.Clock;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.journal.ChainVerifier;

/**
 * The verification status the dashboard shows: the hash chain checked from the first event to the
 * last of the snapshot read, and the journal's digest at that event (head hash and Merkle root), which
 * an auditor compares with a digest they keep ({@code casefunds verify --digest}). The full audit of
 * the tables against the journal is {@code casefunds verify}.
 *
 * @param events the events checked
 * @param ok whether every event's hash and link held
 * @param failure the first event that did not, in words
 * @param digest the journal's digest at the last event checked
 */
public record Verification(long events, boolean ok, Optional<String> failure, JournalDigest digest) {

    /** Checks the chain of {@code opened} and makes its digest, dated by {@code clock}. */
    public static Verification of(Ledger opened, Clock clock) {
        ChainVerifier.Result chain = opened.verifyChain();
        JournalDigest digest = JournalTree.read(opened.store()).digest(clock.instant());
        return new Verification(chain.eventsVerified(), chain.ok(), chain.failure().map(Object::toString), digest);
    }
}
