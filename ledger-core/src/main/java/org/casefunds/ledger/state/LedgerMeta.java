package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.casefunds.ledger.journal.Event;

/**
 * The facts about a ledger as a whole: its court, when it opened, the end of its chain, its closed
 * period.
 *
 * @param courtCode the court, once opened
 * @param courtName the court's name, once opened
 * @param openedOn the effective date of the opening
 * @param lastSequence the sequence of the last event; 0 for none
 * @param lastHash the hash of the last event
 * @param closedThrough the last closed date
 */
public record LedgerMeta(
        Optional<String> courtCode, Optional<String> courtName, Optional<LocalDate> openedOn, long lastSequence,
        String lastHash, Optional<LocalDate> closedThrough) {

    /** Checks nothing is null. */
    public LedgerMeta {
        Objects.requireNonNull(courtCode, "courtCode");
        Objects.requireNonNull(courtName, "courtName");
        Objects.requireNonNull(openedOn, "openedOn");
        Objects.requireNonNull(lastHash, "lastHash");
        Objects.requireNonNull(closedThrough, "closedThrough");
    }

    /** The facts of an empty journal. */
    public static LedgerMeta empty() {
        return new LedgerMeta(Optional.empty(), Optional.empty(), Optional.empty(), 0, Event.GENESIS_HASH,
                Optional.empty());
    }

    LedgerMeta opened(String code, String name, LocalDate on) {
        return new LedgerMeta(Optional.of(code), Optional.of(name), Optional.of(on), lastSequence, lastHash,
                closedThrough);
    }

    LedgerMeta after(Event event) {
        return new LedgerMeta(courtCode, courtName, openedOn, event.sequence(), event.hash(), closedThrough);
    }

    LedgerMeta closed(LocalDate through) {
        return new LedgerMeta(courtCode, courtName, openedOn, lastSequence, lastHash, Optional.of(through));
    }
}
