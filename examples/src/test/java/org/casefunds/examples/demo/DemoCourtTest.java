package org.casefunds.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: the demonstration court runs to the year's end whatever its size and seed. After April a
 * little money still reaches the old master account; it pays out of that account, so a small court
 * never asks the main account for money that lies on the old one (a court of 20 cases, seed 2025,
 * once stopped on 2025-08-26 for that reason).
 *
 * <p>Method: courts of generated sizes and seeds, each simulated into an in-memory ledger: every
 * day's commands must be applied, one event each (the simulation throws on the first refusal).
 */
class DemoCourtTest {
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    private static final AccountId OLD = AccountId.bank(DemoCourt.OLD_ACCOUNT);

    /** The court's year in a new store; the simulation throws when the ledger refuses one of its commands. */
    private static InMemoryJournalStore run(int cases, long seed) {
        InMemoryJournalStore store = new InMemoryJournalStore();
        DemoCourt court = DemoCourt.of(new DemoCourt.Settings(seed, cases, 2025), Policy.defaults(),
                WorkingDayCalendar.china());
        long applied;
        try (Ledger ledger = Ledger.open(store, Policy.defaults(), court.clock())) {
            applied = court.run(ledger, (day, count) -> { });
        }
        assertEquals(applied, store.events().size(), "one event per command applied");
        return store;
    }

    @Test
    void moneyThatReachedTheOldAccountPaysOutOfIt() {
        InMemoryJournalStore store = run(20, 2025);
        List<Event> events = store.events();
        long into = 0;
        long outOf = 0;
        for (Event event : events) {
            for (Posting posting : event.postings()) {
                if (posting.account().equals(OLD)) {
                    long minor = posting.amount().getAmountMinorLong();
                    if (posting.side() == Side.DEBIT) {
                        into += minor;
                    } else {
                        outOf += minor;
                    }
                }
            }
        }
        assertTrue(into > 0, "money reached the old account in this court");
        assertEquals(into, outOf, "all of it left the old account by the year's end");
        assertEquals(Money.zero(CNY), store.view().balance(OLD, CNY));
    }

    @Test
    void aStrayReceiptIsRefundedOnceTheMainAccountHoldsItAgain() {
        // Found by the property below: the main account paid cases whose money lay partly on the old
        // one, and a stray receipt's refund on 2025-04-23 was refused for want of money in it.
        InMemoryJournalStore store = run(9, -4);
        assertTrue(store.events().stream().anyMatch(event -> event.kind() == EventKind.UNIDENTIFIED_REFUND_ISSUED),
                "the court refunds stray receipts");
    }

    @Test
    void courtsOfEverySizeRunToTheYearsEnd() {
        qt().withExamples(30).forAll(integers().between(1, 90), longs().all())
                .checkAssert((cases, seed) -> run(cases, seed));
    }
}
