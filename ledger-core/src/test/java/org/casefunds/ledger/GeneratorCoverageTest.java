package org.casefunds.ledger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.SequenceHarness;
import org.junit.jupiter.api.Test;

/**
 * Goal: the generated scripts of the property tests reach every rule; a generator that only ever
 * produced refused commands, or never a given refusal, would make those tests pass without testing.
 *
 * <p>Method: run 200 scripts with a fixed seed, count outcomes per request kind, print the counts,
 * and require each kind to be applied and the main refusals to occur.
 */
class GeneratorCoverageTest {

    @Test
    void generatedScriptsApplyAndRefuseEveryKindOfRequest() {
        SequenceHarness harness = new SequenceHarness(InMemoryJournalStore::new);
        qt().withFixedSeed(20251122L).withExamples(200).forAll(SequenceHarness.scripts())
                .checkAssert(script -> harness.run(script, EnumSet.noneOf(SequenceHarness.Check.class)));
        Map<String, Integer> outcomes = harness.outcomes();
        outcomes.forEach((outcome, count) -> System.out.printf("%6d  %s%n", count, outcome));
        for (String kind : List.of("RecordReceipt", "OpenCase", "IssuePayoutNotice", "ClaimUnidentified",
                "RefundUnidentified", "SettleDisbursement", "ReturnDisbursement", "ChargeExecutionFee", "SweepFees",
                "TransferBetweenCases", "Distribute", "DepositWithNotary", "RefundSurplus", "Reverse", "ClosePeriod",
                "HandOverCase", "ConfirmPayee", "GrantDeferral", "LiftDeferral", "RenewDeferral", "AdoptCalendarYear",
                "AdoptPolicy", "RegisterStaff", "GrantRole", "RevokeRole")) {
            assertTrue(outcomes.getOrDefault(kind + " applied", 0) > 0, kind + " was never applied");
        }
        // The court's timeline: an adoption repeated, one without its reason, one into a closed period.
        // Money dated after the day it is recorded.
        assertTrue(outcomes.getOrDefault("RecordReceipt refused INVALID_DATE", 0) > 0, "no receipt dated after today");
        // A reversal that removes a lot, dated before the reversal that refilled the lot.
        assertTrue(outcomes.getOrDefault("Reverse refused OUT_OF_ORDER (lot refilled later)", 0) > 0,
                "no reversal dated before its lot was refilled");
        for (String outcome : List.of("AdoptCalendarYear refused ALREADY_EXISTS", "AdoptCalendarYear refused MISSING_VALUE",
                "AdoptPolicy refused ALREADY_EXISTS", "AdoptPolicy refused APPROVAL_MISSING")) {
            assertTrue(outcomes.getOrDefault(outcome, 0) > 0, "no generated " + outcome);
        }
        // The staff register: a second id for a staff number, a role for someone unknown, a revocation
        // of a role not held, a register change approved by its requester, an actor or approver
        // without the role on the day (revoked, never held, or held for another division), and the
        // handler recording the payment of their own case's notice.
        for (String outcome : List.of("RegisterStaff refused ALREADY_EXISTS", "GrantRole refused UNKNOWN_PERSON",
                "RevokeRole refused INVALID_STATE", "GrantRole refused SELF_APPROVAL",
                "IssuePayoutNotice refused ROLE_NOT_HELD", "OpenCase refused ROLE_NOT_HELD",
                "SettleDisbursement refused DUTIES_NOT_SEPARATED")) {
            assertTrue(outcomes.getOrDefault(outcome, 0) > 0, "no generated " + outcome);
        }
        for (String refusal : List.of("INSUFFICIENT_FUNDS", "APPROVAL_MISSING", "SELF_APPROVAL", "NOT_CASE_HANDLER",
                "ROLE_NOT_PERMITTED", "PERIOD_CLOSED", "ALREADY_FINISHED", "ALREADY_REVERSED", "NOT_REVERSIBLE",
                "IDEMPOTENCY_CONFLICT", "ALREADY_EXISTS", "UNKNOWN_DISBURSEMENT", "CURRENCY_MISMATCH",
                "OUT_OF_ORDER", "INVALID_STATE", "INVALID_DATE")) {
            assertTrue(outcomes.keySet().stream().anyMatch(outcome -> outcome.endsWith("refused " + refusal)),
                    "no generated command was refused with " + refusal);
        }
        assertTrue(outcomes.keySet().stream().anyMatch(outcome -> outcome.endsWith("repeated")),
                "no generated command was a repetition");
    }
}
