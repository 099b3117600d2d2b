package org.casefunds.ledger.journal;

import java.util.Iterator;
import java.util.Optional;

/**
 * Verifies a journal's hash chain: sequence numbers from 1 without gaps, each event's previous
 * hash equal to the hash of the event before it, and each event's hash equal to the SHA-256 of its
 * canonical text. The first event that fails is named; nothing after it can be trusted.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ChainVerifier {
    private ChainVerifier() {
    }

    /** The outcome of a verification. */
    public record Result(long eventsVerified, Optional<Failure> failure) {
        /** Whether the whole chain verified. */
        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /**
     * The first event that does not verify.
     *
     * @param sequence the position in the journal where the failure was found
     * @param idempotencyKey the key of that event, when it could be read
     * @param reason what is wrong
     */
    public record Failure(long sequence, String idempotencyKey, String reason) {
        @Override
        public String toString() {
            return "event " + sequence + " (" + idempotencyKey + "): " + reason;
        }
    }

    /** Verifies {@code events}, read in order from the first. */
    public static Result verify(Iterable<Event> events) {
        return verify(events.iterator());
    }

    /** Verifies the events of {@code events} in order from the first. */
    public static Result verify(Iterator<Event> events) {
        String previousHash = Event.GENESIS_HASH;
        long expected = 1;
        while (events.hasNext()) {
            Event event = events.next();
            Optional<String> problem = check(event, expected, previousHash);
            if (problem.isPresent()) {
                return new Result(expected - 1, Optional.of(
                        new Failure(expected, event.idempotencyKey(), problem.get())));
            }
            previousHash = event.hash();
            expected++;
        }
        return new Result(expected - 1, Optional.empty());
    }

    /** Why {@code event} does not fit at position {@code expected} after {@code previousHash}, if it does not. */
    public static Optional<String> check(Event event, long expected, String previousHash) {
        if (event.sequence() != expected) {
            return Optional.of("has sequence " + event.sequence() + " where " + expected + " was expected");
        }
        if (!event.previousHash().equals(previousHash)) {
            return Optional.of("its previous hash " + event.previousHash()
                    + " is not the hash of the event before it (" + previousHash + ")");
        }
        String computed = event.computeHash();
        if (!computed.equals(event.hash())) {
            return Optional.of("its content does not match its hash: stored " + event.hash()
                    + ", computed " + computed + "; the event was changed after it was written");
        }
        return Optional.empty();
    }
}
