package org.casefunds.ledger.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.junit.jupiter.api.Test;

/**
 * Goal: the two-writer scripts make the cross-writer cases the SQL property tests are there for; a
 * generator whose dependent commands were always refused for a reason unrelated to the other
 * writer, or never came right after the other writer wrote, would let a stale writer pass.
 *
 * <p>Method: 400 scripts with a fixed seed, turned into commands and fed to the reference model
 * (the commands and their outcomes depend on the script alone, not on any store), and to a ledger
 * in memory for the position at which it refuses each batch; count the outcome of each kind of
 * step, print the counts, and require each case to occur right after the other writer wrote (since
 * this writer's last transaction), applied and refused.
 */
class TwoWritersGeneratorCoverageTest {

    @Test
    void generatedScriptsMakeEveryCrossWriterCase() {
        Map<String, Integer> outcomes = new TreeMap<>();
        qt().withFixedSeed(20251207L).withExamples(400).forAll(TwoWriterScript.scripts(40))
                .checkAssert(script -> count(script, outcomes));
        outcomes.forEach((outcome, count) -> System.out.printf("%6d  %s%n", count, outcome));
        // Each pattern must match a step made right after the other writer wrote (no "[the other wrote earlier]").
        for (String pattern : List.of(
                // A receipt claimed by B, then claimed or refunded by A: what is left, what A saw, more.
                "(ClaimUnidentified|RefundUnidentified) \\((all|half)\\) after the other writer's ClaimUnidentified"
                        + " -> applied",
                "(ClaimUnidentified|RefundUnidentified) \\(as last seen\\) after the other writer's ClaimUnidentified"
                        + " -> refused INSUFFICIENT_FUNDS",
                "(ClaimUnidentified|RefundUnidentified) \\(as last seen\\) after the other writer's RefundUnidentified"
                        + " -> refused INSUFFICIENT_FUNDS",
                "ClaimUnidentified \\(.*\\) after the other writer's RecordReceipt -> applied",
                "RefundUnidentified \\(.*\\) after the other writer's RecordReceipt -> applied",
                // A lot paid out by B, then noticed by A: what A saw there is no longer there.
                "IssuePayoutNotice \\(as last seen\\) after the other writer's IssuePayoutNotice"
                        + " -> refused INSUFFICIENT_FUNDS",
                "IssuePayoutNotice \\((all|half)\\) after the other writer's IssuePayoutNotice -> applied",
                // Money B put into a case, paid out by A.
                "IssuePayoutNotice \\((all|as last seen)\\) after the other writer's (RecordReceipt|ClaimUnidentified)"
                        + " -> applied",
                // A case opened by B, then used by A.
                "RecordReceipt to its sub-account after the other writer's OpenCase -> applied",
                "HandOverCase after the other writer's OpenCase -> applied",
                // A notice issued or settled by B, then settled or returned by A.
                "SettleDisbursement after the other writer's IssuePayoutNotice -> applied",
                "ReturnDisbursement after the other writer's IssuePayoutNotice -> applied",
                "(SettleDisbursement|ReturnDisbursement) after the other writer's (SettleDisbursement|ReturnDisbursement)"
                        + " -> refused ALREADY_FINISHED",
                // A deferral granted by B, then lifted or renewed by A.
                "(LiftDeferral|RenewDeferral) after the other writer's GrantDeferral -> applied",
                // B's key: the same command is B's result, another command is refused.
                "the same command after the other writer's .* -> repeated",
                "another command under the key after the other writer's .* -> refused IDEMPOTENCY_CONFLICT",
                // A batch refused whole after its first command was decided (and would have been applied).
                "batch of (RecordReceipt|IssuePayoutNotice|ClaimUnidentified) and a receipt to an unknown master account"
                        + " -> refused at 1")) {
            Pattern wanted = Pattern.compile(pattern);
            assertTrue(outcomes.keySet().stream().anyMatch(outcome -> wanted.matcher(outcome).matches()),
                    "no generated step right after the other writer wrote: " + pattern);
        }
    }

    /**
     * Counts the outcome of each step of {@code script}; where the step is a batch, which command a
     * ledger in memory fed the steps refuses it at (the model is never given batches).
     */
    private static void count(List<List<Integer>> script, Map<String, Integer> outcomes) {
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), Fixtures.CLOCK);
        for (TwoWriterScript.Step step : TwoWriterScript.steps(script)) {
            if (step.batch() == null) {
                TwoWriterHarness.execute(ledger, step.command());
                outcomes.merge(step.outcome(), 1, Integer::sum);
            } else {
                TwoWriterHarness.Result result = TwoWriterHarness.executeAll(ledger, step.batch());
                outcomes.merge(step.outcome() + " -> refused at " + result.sequence(), 1, Integer::sum);
            }
        }
    }
}
