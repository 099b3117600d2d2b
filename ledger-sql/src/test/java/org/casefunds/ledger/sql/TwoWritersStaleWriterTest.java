package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.store.JournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.StaleWriterStore;
import org.casefunds.ledger.testing.StaleWriterStore.Part;
import org.casefunds.ledger.testing.TwoWriterHarness;
import org.casefunds.ledger.testing.TwoWriterScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: the two-writer tests fail when a writer decides on a stale working set, so that their
 * passing means something: each cross-writer example, and the generated property, fails on a
 * writer that keeps any one part of its state (receipts and lots, balances, cases, disbursements,
 * deferrals, idempotency keys, the court's records) as it was at its own last transaction, and a
 * failure of the property shrinks to a script of a few steps (here of writers that keep the cases
 * they knew).
 *
 * <p>Method: two writers of one store in memory, one or both wrapped in a {@link StaleWriterStore};
 * the same examples and the same harness as the SQL tests. Each example also passes with writers
 * that are not stale, so that it fails for the staleness and not for itself.
 */
class TwoWritersStaleWriterTest {

    static List<TwoWritersScenarios.Scenario> scenarios() {
        return TwoWritersScenarios.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachExampleFailsOnAWriterWhosePartItChecksIsStale(TwoWritersScenarios.Scenario scenario) {
        InMemoryJournalStore shared = new InMemoryJournalStore();
        scenario.body().accept(ledger(shared), ledger(shared));

        InMemoryJournalStore other = new InMemoryJournalStore();
        Ledger stale = ledger(new StaleWriterStore(other, scenario.catches(), 0));
        assertThrows(AssertionError.class, () -> scenario.body().accept(stale, ledger(other)),
                "the example passed with writer A's " + scenario.catches() + " stale");
    }

    @ParameterizedTest
    @EnumSource(Part.class)
    void thePropertyFailsOnWritersWithOnePartStale(Part part) {
        TwoWriterHarness harness = staleWriters(part);
        AssertionError failure = assertThrows(AssertionError.class, () -> qt().withFixedSeed(4L).withExamples(60)
                .withShrinkCycles(0).forAll(TwoWriterScript.scripts(30)).checkAssert(harness::run),
                "60 scripts passed with writers whose " + part + " is stale");
        assertTrue(failure.getMessage().contains("command log"), failure.getMessage());
    }

    @Test
    void aFailureShrinksToAFewSteps() {
        TwoWriterHarness harness = staleWriters(Part.CASES);
        AssertionError failure = assertThrows(AssertionError.class, () -> qt().withFixedSeed(1L)
                .withExamples(100).withShrinkCycles(300).forAll(TwoWriterScript.scripts(10))
                .checkAssert(harness::run));
        Matcher smallest = Pattern.compile("Smallest found falsifying value\\(s\\) :-\\s*\\n(\\[.*\\])\\s*\\n")
                .matcher(failure.getMessage());
        assertTrue(smallest.find(), failure.getMessage());
        long steps = smallest.group(1).chars().filter(c -> c == '[').count() - 1;
        assertTrue(steps <= 3, "the failure shrank to " + steps + " steps:\n" + failure.getMessage());
    }

    /** Two writers of one store in memory, both keeping {@code part} stale after the opening. */
    private static TwoWriterHarness staleWriters(Part part) {
        int opening = TwoWriterScript.opening().size();
        return TwoWriterHarness.local(() -> {
            InMemoryJournalStore shared = new InMemoryJournalStore();
            return List.of(new TwoWriterHarness.LocalWriter(new StaleWriterStore(shared, Set.of(part), opening)),
                    new TwoWriterHarness.LocalWriter(new StaleWriterStore(shared, Set.of(part), opening)));
        });
    }

    private static Ledger ledger(JournalStore store) {
        return Ledger.open(store, Policy.defaults(), Fixtures.CLOCK);
    }
}
