package org.casefunds.examples.cli;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.sql.SqlJournalStore;

/**
 * The events that move a master account's money, read from the journal alone: the only kinds a
 * reconciliation needs to decode, and the events that were reversed (read once, before the pass).
 */
public final class BankEvents {
    /** Receipts, bank payments of disbursements, fee sweeps, and reversals of any of them. */
    public static final Set<EventKind> KINDS = EnumSet.of(EventKind.RECEIPT_RECORDED, EventKind.DISBURSEMENT_SETTLED,
            EventKind.FEES_SWEPT, EventKind.EVENT_REVERSED);

    private BankEvents() {
    }

    /** The sequences of every event the journal reversed. */
    public static Set<Long> reversedSequences(SqlJournalStore store) {
        Set<Long> reversed = new HashSet<>();
        try (Stream<Event> reversals = store.read(1, EnumSet.of(EventKind.EVENT_REVERSED))) {
            reversals.forEach(event -> reversed.add(((EventReversed) event.payload()).reversedSequence()));
        }
        return reversed;
    }
}
