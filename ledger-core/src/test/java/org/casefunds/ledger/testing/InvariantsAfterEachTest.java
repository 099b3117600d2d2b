package org.casefunds.ledger.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks the ledger's invariants after every example test, not only in the property harness (as
 * Caffeine's validating extension does after every test of its caches): each ledger an example
 * test opened through {@link #track} must, when the test ends, have a balanced journal and trial
 * balance, no account below zero now or on the last date it reached, the control identity, a
 * replay equal to the live state, a chain that verifies, and lots that add up to the balances.
 * A test that leaves a broken ledger fails here even if its own assertions passed.
 *
 * <p>Registered for every test of the module (JUnit's extension auto-detection); a test that
 * opened no tracked ledger is not affected.
 */
public final class InvariantsAfterEachTest implements AfterEachCallback {
    private static final ThreadLocal<List<Ledger>> OPENED = ThreadLocal.withInitial(ArrayList::new);

    /** Checks {@code ledger} when the running test ends; returns it. */
    public static Ledger track(Ledger ledger) {
        OPENED.get().add(ledger);
        return ledger;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Ledger> ledgers = new ArrayList<>(OPENED.get());
        OPENED.get().clear();
        if (context.getExecutionException().isPresent()) {
            return; // the test failed on its own; its failure says more than a broken invariant would
        }
        for (Ledger ledger : ledgers) {
            if (!(ledger.store() instanceof InMemoryJournalStore)) {
                continue;
            }
            check(ledger, context.getDisplayName());
        }
    }

    private static void check(Ledger ledger, String test) {
        List<String> broken = failures(((InMemoryJournalStore) ledger.store()).events(), ledger.view());
        if (!broken.isEmpty()) {
            throw new AssertionError("after " + test + " the ledger breaks its invariants: " + broken);
        }
    }

    /** The invariants {@code view}, the state of {@code events}, breaks; empty when it keeps them all. */
    static List<String> failures(List<Event> events, LedgerView view) {
        LocalDate last = events.stream().map(Event::effectiveDate).max(LocalDate::compareTo).orElse(null);
        List<String> broken = new ArrayList<>();
        add(broken, Invariants.balanced(events, view));
        if (last != null) {
            add(broken, Invariants.nonNegative(events, view, last));
        }
        add(broken, Invariants.controlIdentity(view));
        add(broken, Invariants.replayEqualsLive(events, view));
        add(broken, Invariants.chainVerifies(events));
        if (view instanceof LedgerState) {
            add(broken, Invariants.lotsMatchBalances(view, Invariants.lots((LedgerState) view)));
        }
        return broken;
    }

    private static void add(List<String> broken, String failure) {
        if (failure != null) {
            broken.add(failure);
        }
    }
}
