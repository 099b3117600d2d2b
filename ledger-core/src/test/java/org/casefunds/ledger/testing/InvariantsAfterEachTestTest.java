package org.casefunds.ledger.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.junit.jupiter.api.Test;

/** The extension that checks invariants after every example test can fail: it finds a state that is not its journal's. */
class InvariantsAfterEachTestTest {

    @Test
    void aLedgerThatKeepsItsInvariantsPasses() {
        Ledger ledger = Fixtures.openedLedger();
        ledger.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
        List<Event> events = ((InMemoryJournalStore) ledger.store()).events();
        assertEquals(List.of(), InvariantsAfterEachTest.failures(events, ledger.view()));
    }

    @Test
    void aStateThatIsNotItsJournalsFails() {
        Ledger ledger = Fixtures.openedLedger();
        Ledger other = Fixtures.openedLedger();
        other.execute(Fixtures.openCase("case-1", Fixtures.HANDLER, 1, Fixtures.DAY_ONE));
        List<Event> events = ((InMemoryJournalStore) ledger.store()).events();
        List<String> broken = InvariantsAfterEachTest.failures(events, other.view());
        assertTrue(broken.stream().anyMatch(failure -> failure.contains("replayed state differs")), broken.toString());
    }
}
