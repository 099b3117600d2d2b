package org.casefunds.ledger.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;

/**
 * The port every journal store implements: in memory ({@link InMemoryJournalStore}), or SQL in
 * {@code ledger-sql}. A store keeps the events, append-only, and the state folded from them.
 *
 * <p>Writes are serialised and atomic: everything one {@link #write} appends is stored, with the
 * state it implies, or nothing is. That is what makes every command, and every batch of commands,
 * all-or-nothing.
 */
public interface JournalStore extends AutoCloseable {

    /**
     * Runs {@code work} in one write transaction, alone: no other write runs at the same time, in
     * this process or another. If {@code work} throws, nothing it appended is kept.
     *
     * <p>A store may commit the writes of concurrent callers together (group commit): each returns
     * only once the commit that holds its work is durable, and a write that fails fails alone.
     * {@code work} may then be run again before it is committed, so it must start afresh each
     * time (keep what it gathers inside the run, or clear it first).
     *
     * @return what {@code work} returned
     * @throws org.casefunds.ledger.base.StorageException if the store fails; nothing was written
     */
    <T> T write(Work<T> work);

    /**
     * The events from {@code fromSequence} (1 for all) in sequence order. The stream holds store
     * resources: close it, for example with try-with-resources.
     */
    Stream<Event> read(long fromSequence);

    /** The event appended under {@code idempotencyKey}, if there is one. */
    Optional<Event> findByKey(String idempotencyKey);

    /** The state as of the last committed write. */
    LedgerView view();

    /** Releases the store's resources; the in-memory store has none. */
    /**
     * The events of the given kinds from {@code fromSequence} on, in order; close the stream. This
     * default reads every event and keeps those kinds; a store with an index of kinds reads only
     * them.
     */
    default Stream<Event> read(long fromSequence, Set<EventKind> kinds) {
        Checks.required(kinds, "kinds");
        return read(fromSequence).filter(event -> kinds.contains(event.kind()));
    }

    /**
     * The hashes of the events from {@code fromSequence} on, in order, 64 hex digits each, as the
     * store holds them: what names the journal a report was computed from. This default reads the
     * events; a store that keeps the hash beside each event reads the hashes alone, without checking
     * them against the events' texts (the ledger's verification does that). Close the stream.
     */
    default Stream<String> storedHashes(long fromSequence) {
        return read(fromSequence).map(Event::hash);
    }

    /**
     * Every account's balance at the end of {@code date}: the events effective on or before it. This
     * default folds the journal; a store with an index of daily changes answers from it instead.
     *
     * @return the balances in account order, never null
     */
    default List<AccountBalance> balances(LocalDate date) {
        try (Stream<Event> events = read(1)) {
            return LedgerState.asOf(events::iterator, date).balances();
        }
    }

    @Override
    default void close() {
    }

    /** The work of one write transaction. */
    @FunctionalInterface
    interface Work<T> {
        /** Decides and appends events through {@code writer}. */
        T run(Writer writer);
    }

    /** What a write transaction may do: read the state including its own appends, and append. */
    interface Writer {
        /** The state including the events appended so far in this transaction. */
        LedgerView view();

        /** The event under {@code idempotencyKey}, including those appended in this transaction. */
        Optional<Event> findByKey(String idempotencyKey);

        /**
         * Appends a sealed event. It must follow the last event: the next sequence number and the
         * last hash as its previous hash.
         *
         * @throws org.casefunds.ledger.base.IntegrityException if it does not follow or breaks an invariant
         */
        void append(Event event);
    }
}
