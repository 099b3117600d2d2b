package org.casefunds.ledger.formats.export;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.journal.Event;

/**
 * What an export reads from a ledger: the events up to the last one recorded when the export
 * started, the accounts, and the balances at the end of a date. Fixing the last sequence at the
 * start keeps an export to one journal even if commands are applied meanwhile; {@link
 * #requireUnchanged()} then refuses an export whose balance queries may have seen those commands.
 *
 * <p>This class is not thread-safe: one export uses it at a time.
 */
public final class ExportSource {
    private final Ledger ledger;
    private final long lastSequence;
    private final Function<LocalDate, List<AccountBalance>> balancesAt;
    private final LongConsumer eventsRead;

    private ExportSource(Ledger ledger, long lastSequence, Function<LocalDate, List<AccountBalance>> balancesAt,
            LongConsumer eventsRead) {
        this.ledger = ledger;
        this.lastSequence = lastSequence;
        this.balancesAt = balancesAt;
        this.eventsRead = eventsRead;
    }

    /**
     * The source over {@code ledger}, never null. The balances at a date come from the store
     * ({@link Ledger#balances}): one set-based query each on a SQL store, a fold of the journal on
     * another, which is fine for the small in-memory ledgers of tests and examples.
     */
    public static ExportSource of(Ledger ledger) {
        Objects.requireNonNull(ledger, "ledger");
        return new ExportSource(ledger, ledger.view().lastSequence(), ledger::balances, read -> { });
    }

    /**
     * This source, telling {@code eventsRead} how many events {@link #events()} has handed on so far
     * (1, 2, ... up to {@link #lastSequence()}), for a display of the export's progress. It is called
     * on the exporting thread, once per event, and must be quick.
     */
    public ExportSource reporting(LongConsumer eventsRead) {
        return new ExportSource(ledger, lastSequence, balancesAt, Objects.requireNonNull(eventsRead, "eventsRead"));
    }

    /** The sequence of the last event the export covers; 0 for an empty journal. */
    public long lastSequence() {
        return lastSequence;
    }

    /** The court code, once the ledger is opened. */
    public Optional<String> courtCode() {
        return ledger.view().courtCode();
    }

    /** The events from 1 to {@link #lastSequence()} in order, streamed from the store; close the stream. */
    public Stream<Event> events() {
        return ledger.events(1).takeWhile(event -> event.sequence() <= lastSequence)
                .peek(event -> eventsRead.accept(event.sequence()));
    }

    /** Every account and currency the ledger has posted to, with its balance now, in account order. */
    public List<AccountBalance> accounts() {
        return ledger.view().balances();
    }

    /** Every account's balance at the end of {@code date}, in account order then currency. */
    public List<AccountBalance> balancesAt(LocalDate date) {
        return balancesAt.apply(Objects.requireNonNull(date, "date"));
    }

    /**
     * Throws if the journal grew since the export started, because the balances read since may
     * then hold events the export does not.
     *
     * @throws StateConflictException if an event was appended since this source was made
     */
    public void requireUnchanged() {
        long now = ledger.view().lastSequence();
        if (now != lastSequence) {
            throw new StateConflictException(ErrorCode.INVALID_STATE, "lastSequence", now,
                    "the ledger changed during the export (it started at event " + lastSequence
                            + "); nothing was written: export again");
        }
    }
}
