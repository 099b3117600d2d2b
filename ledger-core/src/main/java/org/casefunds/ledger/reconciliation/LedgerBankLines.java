package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.casefunds.ledger.Checks;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.FeesSwept;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.journal.Event;
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
 * <p>The journal is read twice, streaming: first for the reversals of the account's lines, then
 * for the lines. Memory holds only those reversals (each one needs an approval; they are few),
 * never the journal's lines.
 *
 * <p>This class is not thread-safe.
 */
public final class LedgerBankLines {
    /** Receives the lines, in journal order. */
    public interface Sink {
        /** A line of the account, dated in the period or not. */
        void line(LedgerLine line);

        /** An event of the period cancelled by its reversal, also of the period. */
        void corrected(Correction correction);
    }

    /** A reversal of one of the account's lines. */
    private record Reversal(long sequence, LocalDate date) {
    }

    private final AccountId bank;
    private final LocalDate from;
    private final LocalDate to;
    private final Sink sink;
    /** The reversals by the sequence of the event they reverse. */
    private final Map<Long, Reversal> reversals = new HashMap<>();
    /** The lines of reversed events, by sequence, until their reversal is read. */
    private final Map<Long, LedgerLine> reversedLines = new HashMap<>();
    /** The last event the first pass read: the second pass reads no further, whatever was appended since. */
    private long lastSequence;

    private LedgerBankLines(String bankAccount, LocalDate from, LocalDate to, Sink sink) {
        this.bank = AccountId.bank(bankAccount);
        this.from = from;
        this.to = to;
        this.sink = sink;
    }

    /**
     * Gives {@code sink} every bank line of master account {@code bankAccount}, dated in the period
     * {@code from}..{@code to} or not, and every correction within the period, in journal order.
     *
     * @param journal opens the journal's events from the first, in sequence order; called twice,
     *     and each stream is closed
     */
    public static void read(Supplier<? extends Stream<Event>> journal, String bankAccount, LocalDate from,
            LocalDate to, Sink sink) {
        Checks.required(journal, "journal");
        Checks.required(bankAccount, "bankAccount");
        Checks.required(from, "from");
        Checks.required(to, "to");
        Checks.required(sink, "sink");
        LedgerBankLines lines = new LedgerBankLines(bankAccount, from, to, sink);
        try (Stream<Event> events = journal.get()) {
            lines.findReversals(events.iterator());
        }
        try (Stream<Event> events = journal.get()) {
            lines.readLines(events.iterator());
        }
        Checks.invariant(lines.reversedLines.isEmpty(), "every reversed event of " + lines.bank
                + " was followed by its reversal: " + lines.reversedLines.keySet());
    }

    private void findReversals(Iterator<Event> events) {
        while (events.hasNext()) {
            Event event = events.next();
            lastSequence = event.sequence();
            if (event.kind() == EventKind.EVENT_REVERSED && movementMinor(event) != 0) {
                EventReversed reversal = (EventReversed) event.payload();
                reversals.put(reversal.reversedSequence(), new Reversal(event.sequence(), event.effectiveDate()));
            }
        }
    }

    private void readLines(Iterator<Event> events) {
        while (events.hasNext()) {
            Event event = events.next();
            if (event.sequence() > lastSequence) {
                return;
            }
            long movement = movementMinor(event);
            if (movement == 0) {
                continue;
            }
            if (event.kind() == EventKind.EVENT_REVERSED) {
                readReversal(event, movement);
            } else {
                readEvent(event, movement);
            }
        }
    }

    private void readEvent(Event event, long movement) {
        LedgerLine line = new LedgerLine(reference(event), event.effectiveDate(),
                movement > 0 ? Direction.CREDIT : Direction.DEBIT, money(event, Math.abs(movement)), event.sequence(),
                event.kind());
        Checks.invariant(line.direction() == (event.kind() == EventKind.RECEIPT_RECORDED ? Direction.CREDIT
                : Direction.DEBIT), "event " + event.sequence() + " (" + event.kind() + ") moves money on " + bank
                + " the way its kind does");
        Reversal reversal = reversals.get(event.sequence());
        if (reversal == null) {
            sink.line(line);
            return;
        }
        reversedLines.put(event.sequence(), line);
        if (!sameSide(event.effectiveDate(), reversal.date())) {
            sink.line(line);
        } else if (inPeriod(event.effectiveDate())) {
            sink.corrected(new Correction(line, reversal.sequence(), reversal.date()));
        }
    }

    private void readReversal(Event event, long movement) {
        EventReversed payload = (EventReversed) event.payload();
        LedgerLine original = reversedLines.remove(payload.reversedSequence());
        Checks.invariant(original != null, "reversal " + event.sequence() + " follows the event "
                + payload.reversedSequence() + " it reverses, which moved money on " + bank);
        Checks.invariant(movement == -original.movementMinor(), "reversal " + event.sequence()
                + " mirrors the movement of event " + payload.reversedSequence() + " on " + bank);
        if (!sameSide(original.valueDate(), event.effectiveDate())) {
            sink.line(new LedgerLine(original.reference(), event.effectiveDate(), original.direction().opposite(),
                    original.amount(), event.sequence(), event.kind()));
        }
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
