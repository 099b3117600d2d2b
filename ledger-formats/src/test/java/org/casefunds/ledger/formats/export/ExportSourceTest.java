package org.casefunds.ledger.formats.export;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Goal: an export covers one journal: the events up to the last one recorded when it started, and
 * it is refused if commands were applied while it ran (its balance queries may have seen them); a
 * source that reports its progress counts exactly the events it hands on.
 *
 * <p>Method: an in-memory ledger, a command applied after the source was made.
 */
class ExportSourceTest {
    @Test
    void eventsStopAtTheStartAndAChangeIsRefused() {
        try (Ledger ledger = Fixtures.openedLedger()) {
            ExportSource source = ExportSource.of(ledger);
            long last = ledger.view().lastSequence();
            assertEquals(last, source.lastSequence());
            assertDoesNotThrow(source::requireUnchanged);

            ledger.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
            try (Stream<Event> events = source.events()) {
                assertEquals(last, events.count(), "the event applied later is not exported");
            }
            StateConflictException refused = assertThrows(StateConflictException.class, source::requireUnchanged);
            assertEquals(ErrorCode.INVALID_STATE, refused.code());
            assertEquals(last + 1, Long.parseLong(refused.value().orElseThrow()));
        }
    }

    @Test
    void aReportingSourceCountsTheEventsItHandsOn() {
        try (Ledger ledger = Fixtures.openedLedger()) {
            List<Long> told = new ArrayList<>();
            ExportSource source = ExportSource.of(ledger).reporting(told::add);
            ledger.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
            try (Stream<Event> events = source.events()) {
                assertEquals(source.lastSequence(), events.count());
            }
            assertEquals(LongStream.rangeClosed(1, source.lastSequence()).boxed().toList(), told,
                    "1, 2, ... up to the last event the export covers, and no further");
        }
    }
}
