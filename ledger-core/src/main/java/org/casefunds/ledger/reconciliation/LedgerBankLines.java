package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.FeesSwept;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The bank lines of one master account, derived from the journal's events: what the bank's
 * statement should show. Money touches {@code bank:<no>} in four kinds of event: a receipt (a
 * credit, by its serial number), a settled disbursement and a fee sweep (debits, by the bank
 * reference of the transfer out), and the reversal of one of these (the mirror, with the reversed
 * event's reference).
 *
 * <p>An event and its reversal dated on the same side of the period (both before it, both in it,
 * or both after it) cancel: the bank never showed that money move within the period. Those in the
 * period are reported as {@linkplain Correction corrections in the ledger}. Otherwise the event and
 * the reversal are each a line of their own, dated on their own day.
 *
 * <p>The journal is read once, streaming. A reversal always comes after the event it reverses, so
 * the line of an event that the ledger knows to be reversed waits for its reversal, and only then
 * is it told whether they cancel. Memory holds only those waiting lines (each reversal needs an
 * approval; they are few), never the journal's lines.
 *
 * <p>This class is not thread-safe.
 */
public final class LedgerBankLines {
    /** The kinds of event that move a master account's money: receipts, bank payments, fee sweeps, reversals. */
    public static final Set<EventKind> KINDS = Collections.unmodifiableSet(EnumSet.of(EventKind.RECEIPT_RECORDED,
            EventKind.DISBURSEMENT_SETTLED, EventKind.FEES_SWEPT, EventKind.EVENT_REVERSED));

    /**
     * The sequences of every event the journal of {@code store} reversed, read once (a reconciliation
     * asks about each bank line).
     */
    public static Set<Long> reversedSequences(JournalStore store) {
        Checks.required(store, "store");
        Set<Long> reversed = new HashSet<>();
        try (Stream<Event> reversals = store.read(1, EnumSet.of(EventKind.EVENT_REVERSED))) {
            reversals.forEach(event -> reversed.add(((EventReversed) event.payload()).reversedSequence()));
        }
        return reversed;
    }

    /** Receives the lines. */
    public interface Sink {
        /** A line of the account, dated in the period or not. */
        void line(LedgerLine line);

        /** An event of the period cancelled by its reversal, also of the period. */
        void corrected(Correction correction);
    }

    private final AccountId bank;
    private final LocalDate from;
    private final LocalDate to;
    private final LongPredicate reversed;
    private final Sink sink;
    /** The lines of reversed events, by sequence, until their reversal is read. */
    private final Map<Long, LedgerLine> awaitingReversal = new HashMap<>();

    private LedgerBankLines(String bankAccount, LocalDate from, LocalDate to, LongPredicate reversed,
            Sink sink) {
        this.bank = AccountId.bank(bankAccount);
        this.from = from;
        this.to = to;
        this.reversed = reversed;
        this.sink = sink;
    }

    /**
     * Gives {@code sink} every bank line of master account {@code bankAccount}, dated in the period
     * {@code from}..{@code to} or not, and every correction within the period.
     *
     * @param events the journal's events from the first, in sequence order; the caller closes them
     * @param view the ledger's state, asked which events were reversed; a reversal it knows of that
     *     {@code events} does not hold (written since they were read) is not taken into account
     */
    public static void read(Stream<Event> events, LedgerView view, String bankAccount, LocalDate from,
            LocalDate to, Sink sink) {
        Checks.required(view, "view");
        read(events, sequence -> view.reversalOf(sequence).isPresent(), bankAccount, from, to, sink);
    }

    /**
     * As {@link #read(Stream, LedgerView, String, LocalDate, LocalDate, Sink)}, told which events were
     * reversed by {@code reversed} (for example a set read from the journal's reversals once, rather
     * than a question to the state per event).
     */
    public static void read(Stream<Event> events, LongPredicate reversed, String bankAccount,
            LocalDate from, LocalDate to, Sink sink) {
        Checks.required(events, "events");
        Checks.required(reversed, "reversed");
        Checks.required(bankAccount, "bankAccount");
        Checks.required(from, "from");
        Checks.required(to, "to");
        Checks.required(sink, "sink");
        LedgerBankLines lines = new LedgerBankLines(bankAccount, from, to, reversed, sink);
        Iterator<Event> iterator = events.iterator();
        while (iterator.hasNext()) {
            lines.read(iterator.next());
        }
        // Reversals the events did not reach: those events stand as they were read.
        lines.awaitingReversal.values().forEach(sink::line);
    }

    private void read(Event event) {
        long movement = movementMinor(event);
        if (movement == 0) {
            return;
        }
        if (event.kind() == EventKind.EVENT_REVERSED) {
            readReversal(event, movement);
            return;
        }
        LedgerLine line = new LedgerLine(reference(event), event.effectiveDate(),
                movement > 0 ? Direction.CREDIT : Direction.DEBIT, money(event, Math.abs(movement)), event.sequence(),
                event.kind());
        Checks.invariant(line.direction() == (event.kind() == EventKind.RECEIPT_RECORDED ? Direction.CREDIT
                : Direction.DEBIT), "event " + event.sequence() + " (" + event.kind() + ") moves money on " + bank
                + " the way its kind does");
        if (reversed.test(event.sequence())) {
            awaitingReversal.put(event.sequence(), line);
        } else {
            sink.line(line);
        }
    }

    private void readReversal(Event event, long movement) {
        EventReversed payload = (EventReversed) event.payload();
        LedgerLine original = awaitingReversal.remove(payload.reversedSequence());
        Checks.invariant(original != null, "reversal " + event.sequence() + " follows the event "
                + payload.reversedSequence() + " it reverses, which moved money on " + bank);
        Checks.invariant(movement == -original.movementMinor(), "reversal " + event.sequence()
                + " mirrors the movement of event " + payload.reversedSequence() + " on " + bank);
        if (sameSide(original.valueDate(), event.effectiveDate())) {
            if (inPeriod(original.valueDate())) {
                sink.corrected(new Correction(original, event.sequence(), event.effectiveDate()));
            }
            return;
        }
        sink.line(original);
        sink.line(new LedgerLine(original.reference(), event.effectiveDate(), original.direction().opposite(),
                original.amount(), event.sequence(), event.kind()));
    }

    /** The event's net movement of the account in minor units: positive in, negative out, 0 if none. */
    private long movementMinor(Event event) {
        long movement = 0;
        for (Posting posting : event.postings()) {
            if (posting.account().equals(bank)) {
                movement = Reconciliation.sum(movement, posting.balanceChangeMinor());
            }
        }
        return movement;
    }

    private Money money(Event event, long amountMinor) {
        for (Posting posting : event.postings()) {
            if (posting.account().equals(bank)) {
                CurrencyUnit currency = posting.amount().getCurrencyUnit();
                return Money.ofMinor(currency, amountMinor);
            }
        }
        throw new AssertionError("event " + event.sequence() + " has no posting on " + bank);
    }

    /** The bank reference the event recorded; only the kinds that move a master account's money have one. */
    private String reference(Event event) {
        if (event.payload() instanceof ReceiptRecorded) {
            return ((ReceiptRecorded) event.payload()).bankReference();
        }
        if (event.payload() instanceof DisbursementSettled) {
            return ((DisbursementSettled) event.payload()).bankReference();
        }
        if (event.payload() instanceof FeesSwept) {
            return ((FeesSwept) event.payload()).bankReference();
        }
        throw new AssertionError("event " + event.sequence() + " of kind " + event.kind() + " moves money on "
                + bank + ", which reconciliation does not know how to reference");
    }

    /** Whether two dates lie on the same side of the period: both before it, both in it, or both after it. */
    private boolean sameSide(LocalDate one, LocalDate other) {
        return side(one) == side(other);
    }

    private int side(LocalDate date) {
        return date.isBefore(from) ? -1 : date.isAfter(to) ? 1 : 0;
    }

    private boolean inPeriod(LocalDate date) {
        return side(date) == 0;
    }
}
