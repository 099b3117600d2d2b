package org.casefunds.ledger.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;

/**
 * A journal store in memory: for tests, for trying the library, and as the reference the SQL stores
 * are compared with. Nothing survives the process.
 *
 * <p>This class is thread-safe: writes are serialised on the store.
 */
public final class InMemoryJournalStore implements JournalStore {
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Event> byKey = new HashMap<>();
    private LedgerState state = LedgerState.empty();

    /** An empty store. */
    public InMemoryJournalStore() {
    }

    @Override
    public synchronized <T> T write(Work<T> work) {
        Transaction transaction = new Transaction();
        boolean committed = false;
        try {
            T result = work.run(transaction);
            events.addAll(transaction.appended);
            byKey.putAll(transaction.appendedByKey);
            committed = true;
            return result;
        } finally {
            if (!committed && !transaction.appended.isEmpty()) {
                // The state already holds the discarded events: fold it again from what is kept.
                state = LedgerState.fold(events);
            }
        }
    }

    @Override
    public synchronized Stream<Event> read(long fromSequence) {
        int from = (int) Math.max(0, Math.min(events.size(), fromSequence - 1));
        return List.copyOf(events.subList(from, events.size())).stream();
    }

    @Override
    public synchronized Optional<Event> findByKey(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    @Override
    public synchronized LedgerView view() {
        return state;
    }

    /** A copy of every event, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    private final class Transaction implements Writer {
        private final List<Event> appended = new ArrayList<>();
        private final Map<String, Event> appendedByKey = new HashMap<>();

        @Override
        public LedgerView view() {
            return state;
        }

        @Override
        public Optional<Event> findByKey(String idempotencyKey) {
            Event event = appendedByKey.get(idempotencyKey);
            return event != null ? Optional.of(event) : Optional.ofNullable(byKey.get(idempotencyKey));
        }

        @Override
        public void append(Event event) {
            Checks.invariant(findByKey(event.idempotencyKey()).isEmpty(),
                    "idempotency key " + event.idempotencyKey() + " is already in the journal");
            Checks.invariant(event.hash().equals(event.computeHash()),
                    "event " + event.sequence() + " is not sealed with its own hash");
            state.apply(event);
            appended.add(event);
            appendedByKey.put(event.idempotencyKey(), event);
        }
    }
}
