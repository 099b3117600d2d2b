package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.ClosePeriod;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.commands.GrantDeferral;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.LiftDeferral;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.commands.Request;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.Invariants;
import org.casefunds.ledger.testing.StaleWriterStore.Part;
import org.casefunds.ledger.testing.StateSnapshot;

/**
 * The cross-writer cases as plain examples: writer A sets the ledger up (so that whatever A keeps
 * in memory holds it), writer B changes something, and A then sends a command whose outcome
 * depends on B's change. Each also names the part of a writer's working set that, left stale,
 * makes it fail ({@link TwoWritersStaleWriterTest} checks that it does).
 */
final class TwoWritersScenarios {
    /** A cross-writer case: its name, the parts of A's working set it catches stale, and what A and B do. */
    record Scenario(String name, Set<Part> catches, BiConsumer<Ledger, Ledger> body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Scenario> ALL = List.of(
            new Scenario("a receipt claimed by B cannot be claimed again in full by A", Set.of(Part.RECEIPTS_AND_LOTS),
                    TwoWritersScenarios::aReceiptClaimedByBCannotBeClaimedAgainInFullByA),
            new Scenario("a receipt claimed by B cannot be refunded in full by A", Set.of(Part.RECEIPTS_AND_LOTS),
                    TwoWritersScenarios::aReceiptClaimedByBCannotBeRefundedInFullByA),
            new Scenario("a lot paid out by B is no longer there for A", Set.of(Part.RECEIPTS_AND_LOTS, Part.BALANCES),
                    TwoWritersScenarios::aLotPaidOutByBIsNoLongerThereForA),
            new Scenario("a case opened by B takes A's receipts and notices", Set.of(Part.CASES),
                    TwoWritersScenarios::aCaseOpenedByBTakesAsReceiptsAndNotices),
            new Scenario("B's command sent again by A returns B's event", Set.of(Part.KEYS),
                    TwoWritersScenarios::bsCommandSentAgainByAReturnsBsEvent),
            new Scenario("another command under B's key is refused to A", Set.of(Part.KEYS),
                    TwoWritersScenarios::anotherCommandUnderBsKeyIsRefusedToA),
            new Scenario("a notice B settled cannot be returned by A", Set.of(Part.DISBURSEMENTS),
                    TwoWritersScenarios::aNoticeBSettledCannotBeReturnedByA),
            new Scenario("a deferral B lifted cannot be lifted again by A", Set.of(Part.DEFERRALS),
                    TwoWritersScenarios::aDeferralBLiftedCannotBeLiftedAgainByA),
            new Scenario("a receipt B reversed cannot be reversed again by A", Set.of(Part.COURT),
                    TwoWritersScenarios::aReceiptBReversedCannotBeReversedAgainByA),
            new Scenario("a period B closed is closed to A", Set.of(Part.COURT),
                    TwoWritersScenarios::aPeriodBClosedIsClosedToA),
            new Scenario("a batch refused to A leaves nothing behind, and A then pays out what B received",
                    Set.of(Part.RECEIPTS_AND_LOTS, Part.BALANCES),
                    TwoWritersScenarios::aBatchRefusedToALeavesNothingBehind));

    private static final LocalDate DAY = DAY_ONE.plusDays(1);

    private TwoWritersScenarios() {
    }

    /**
     * A knows two unidentified receipts of 100.00; B claims 60.00 of the first; A may claim the 40.00
     * left of it, not 100.00 (though the unidentified account holds 140.00).
     */
    static void aReceiptClaimedByBCannotBeClaimedAgainInFullByA(Ledger a, Ledger b) {
        openedWithUnidentifiedReceipts(a);
        b.execute(command("b-claim", ADMINISTRATOR, ClaimUnidentified.of("r1", caseNumber(1), cny("60.00"))));
        refused(a, ErrorCode.INSUFFICIENT_FUNDS,
                command("a-claim", ADMINISTRATOR, ClaimUnidentified.of("r1", caseNumber(1), cny("100.00"))));
        applied(a, command("a-claim-rest", ADMINISTRATOR, ClaimUnidentified.of("r1", caseNumber(1), cny("40.00"))));
        for (Ledger writer : List.of(a, b)) {
            assertTrue(writer.view().openLotsOfReceipt("r1").isEmpty(), "money is left of the first receipt");
            assertEquals(cny("100.00"), writer.view().balance(AccountId.unidentified(BANK), CNY));
            assertEquals(cny("100.00"), writer.view().balance(AccountId.ofCase(caseNumber(1)), CNY));
        }
        agree(a, b);
    }

    /**
     * A knows two unidentified receipts of 100.00; B claims 60.00 of the first; A may refund the
     * 40.00 left of it, not 100.00.
     */
    static void aReceiptClaimedByBCannotBeRefundedInFullByA(Ledger a, Ledger b) {
        openedWithUnidentifiedReceipts(a);
        b.execute(command("b-claim", ADMINISTRATOR, ClaimUnidentified.of("r1", caseNumber(1), cny("60.00"))));
        refused(a, ErrorCode.INSUFFICIENT_FUNDS, command("a-refund", ADMINISTRATOR,
                new RefundUnidentified("r1", cny("100.00"), Fixtures.debtorAccount(1), "paid by mistake")));
        applied(a, command("a-refund-rest", ADMINISTRATOR,
                new RefundUnidentified("r1", cny("40.00"), Fixtures.debtorAccount(1), "paid by mistake")));
        for (Ledger writer : List.of(a, b)) {
            assertTrue(writer.view().openLotsOfReceipt("r1").isEmpty(), "money is left of the first receipt");
            assertEquals(cny("100.00"), writer.view().balance(AccountId.unidentified(BANK), CNY));
            assertEquals(cny("40.00"), writer.view().disbursement("a-refund-rest").orElseThrow().amount());
        }
        agree(a, b);
    }

    /**
     * A knows case 1's lots of 60.00 and 40.00; B issues a notice of 60.00, which takes the first;
     * A may pay out 40.00, from the second lot, not 50.00.
     */
    static void aLotPaidOutByBIsNoLongerThereForA(Ledger a, Ledger b) {
        opened(a);
        a.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        a.execute(command("r1", ADMINISTRATOR, receipt("SN1", "60.00", Optional.of(Fixtures.subAccount(1)))));
        a.execute(command("r2", ADMINISTRATOR, receipt("SN2", "40.00", Optional.of(Fixtures.subAccount(1)))));
        b.execute(notice("b-notice", 1, "60.00"));
        refused(a, ErrorCode.INSUFFICIENT_FUNDS, notice("a-notice", 1, "50.00"));
        applied(a, notice("a-notice-rest", 1, "40.00"));
        long secondLot = a.view().receipt("r2").orElseThrow().sequence();
        for (Ledger writer : List.of(a, b)) {
            assertEquals(cny("0.00"), writer.view().balance(AccountId.ofCase(caseNumber(1)), CNY));
            assertTrue(writer.view().openLots(AccountId.ofCase(caseNumber(1)), CNY).isEmpty(), "a lot is left");
            assertTrue(writer.view().disbursement("a-notice-rest").orElseThrow().consumed().stream()
                    .allMatch(piece -> piece.lot().sequence() == secondLot), "A's notice took from the first lot");
        }
        agree(a, b);
    }

    /** A has written; B opens case 2; A's receipt to its sub-account lands on the case, and pays out from it. */
    static void aCaseOpenedByBTakesAsReceiptsAndNotices(Ledger a, Ledger b) {
        opened(a);
        b.execute(Fixtures.openCase("case-2", HANDLER, 2, DAY_ONE));
        applied(a, command("r2", ADMINISTRATOR, receipt("SN2", "80.00", Optional.of(Fixtures.subAccount(2)))));
        assertEquals(cny("80.00"), a.view().balance(AccountId.ofCase(caseNumber(2)), CNY),
                "A's receipt to the case's sub-account did not go to the case");
        applied(a, notice("a-notice", 2, "80.00"));
        for (Ledger writer : List.of(a, b)) {
            assertEquals(cny("0.00"), writer.view().balance(AccountId.unidentified(BANK), CNY));
            assertEquals(cny("0.00"), writer.view().balance(AccountId.ofCase(caseNumber(2)), CNY));
            assertEquals(cny("80.00"), writer.view().disbursement("a-notice").orElseThrow().amount());
        }
        agree(a, b);
    }

    /** A has written; B applies a receipt under key k; A sends the same command: B's event, nothing appended. */
    static void bsCommandSentAgainByAReturnsBsEvent(Ledger a, Ledger b) {
        opened(a);
        Command command = command("k", ADMINISTRATOR, receipt("SN3", "10.00", Optional.empty()));
        CommandResult first = b.execute(command);
        long length = a.view().lastSequence();
        CommandResult again = applied(a, command);
        assertTrue(again.repeated(), "A applied B's command a second time");
        assertEquals(first.event(), again.event(), "A did not return B's event");
        assertEquals(length, a.view().lastSequence(), "A appended an event");
        assertEquals(1, events(b).stream().filter(event -> event.idempotencyKey().equals("k")).count());
        agree(a, b);
    }

    /** A has written; B applies a receipt under key k; A sends another receipt under k: refused, nothing appended. */
    static void anotherCommandUnderBsKeyIsRefusedToA(Ledger a, Ledger b) {
        opened(a);
        b.execute(command("k", ADMINISTRATOR, receipt("SN3", "10.00", Optional.empty())));
        refused(a, ErrorCode.IDEMPOTENCY_CONFLICT,
                command("k", ADMINISTRATOR, receipt("SN4", "20.00", Optional.empty())));
        for (Ledger writer : List.of(a, b)) {
            assertEquals(cny("10.00"), writer.view().balance(AccountId.unidentified(BANK), CNY));
        }
        agree(a, b);
    }

    /** A issued a notice; B records its payment; A's return of it is refused, the notice stays settled. */
    static void aNoticeBSettledCannotBeReturnedByA(Ledger a, Ledger b) {
        opened(a);
        a.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        a.execute(command("r1", ADMINISTRATOR, receipt("SN1", "100.00", Optional.of(Fixtures.subAccount(1)))));
        a.execute(notice("n1", 1, "100.00"));
        b.execute(command("b-settle", FINANCE, new SettleDisbursement("n1", "OUT1")));
        refused(a, ErrorCode.ALREADY_FINISHED,
                command("a-return", FINANCE, new ReturnDisbursement("n1", "account closed")));
        for (Ledger writer : List.of(a, b)) {
            assertEquals(DisbursementRecord.Status.SETTLED, writer.view().disbursement("n1").orElseThrow().status());
            assertEquals(cny("0.00"), writer.view().balance(AccountId.ofCase(caseNumber(1)), CNY));
        }
        agree(a, b);
    }

    /** A granted a deferral; B lifts it; A's lifting of it is refused. */
    static void aDeferralBLiftedCannotBeLiftedAgainByA(Ledger a, Ledger b) {
        opened(a);
        a.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        a.execute(command("d1", HANDLER, new GrantDeferral(caseNumber(1), DeferralReason.DISPUTED, "part of it is disputed",
                DAY, DAY.plusDays(30), Optional.empty())));
        b.execute(command("b-lift", HANDLER, new LiftDeferral("d1", "the creditor collected")));
        refused(a, ErrorCode.INVALID_STATE,
                command("a-lift", HANDLER, new LiftDeferral("d1", "the creditor collected")));
        for (Ledger writer : List.of(a, b)) {
            assertTrue(writer.view().deferral("d1").orElseThrow().liftedOn().isPresent(), "the deferral is not lifted");
        }
        agree(a, b);
    }

    /** A recorded a receipt; B reverses it; A's reversal of it is refused. */
    static void aReceiptBReversedCannotBeReversedAgainByA(Ledger a, Ledger b) {
        opened(a);
        a.execute(command("r1", ADMINISTRATOR, receipt("SN1", "100.00", Optional.empty())));
        b.execute(command("b-reverse", FINANCE, new Reverse("r1", "entered in error")));
        refused(a, ErrorCode.ALREADY_REVERSED, command("a-reverse", FINANCE, new Reverse("r1", "entered in error")));
        for (Ledger writer : List.of(a, b)) {
            assertEquals(cny("0.00"), writer.view().balance(AccountId.unidentified(BANK), CNY));
        }
        agree(a, b);
    }

    /** A has written; B closes the period through day one; A's receipt dated day one is refused. */
    static void aPeriodBClosedIsClosedToA(Ledger a, Ledger b) {
        opened(a);
        b.execute(Command.of("b-close", FINANCE, DAY, new ClosePeriod(DAY_ONE)));
        refused(a, ErrorCode.PERIOD_CLOSED, Command.of("a-late", ADMINISTRATOR, DAY_ONE,
                receipt("SN9", "10.00", Optional.empty())).approvedBy(BY_HEAD, BY_DIRECTOR, BY_LEADER));
        for (Ledger writer : List.of(a, b)) {
            assertEquals(Optional.of(DAY_ONE), writer.view().closedThrough());
        }
        agree(a, b);
    }

    /**
     * A's batch of a receipt of 100.00 to case 1 and a payout that overdraws it is refused whole, so
     * A may not then pay out those 100.00; B records 30.00 to the case; A may pay out those.
     */
    static void aBatchRefusedToALeavesNothingBehind(Ledger a, Ledger b) {
        opened(a);
        a.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        long length = a.view().lastSequence();
        BatchResult batch = a.executeAll(List.of(
                command("a-r1", ADMINISTRATOR, receipt("SN1", "100.00", Optional.of(Fixtures.subAccount(1)))),
                notice("a-overdraw", 1, "1000.00")));
        assertFalse(batch.applied(), "a batch with an overdrawing payout was applied");
        assertEquals(1, batch.refusal().orElseThrow().index());
        assertEquals(length, a.view().lastSequence(), "a refused batch appended");
        refused(a, ErrorCode.INSUFFICIENT_FUNDS, notice("a-notice-batch", 1, "100.00"));
        b.execute(command("b-r2", ADMINISTRATOR, receipt("SN2", "30.00", Optional.of(Fixtures.subAccount(1)))));
        applied(a, notice("a-notice", 1, "30.00"));
        for (Ledger writer : List.of(a, b)) {
            assertTrue(writer.view().receipt("a-r1").isEmpty(), "the refused batch's receipt is there");
            assertEquals(cny("0.00"), writer.view().balance(AccountId.ofCase(caseNumber(1)), CNY));
        }
        agree(a, b);
    }

    // ---------------------------------------------------------------- helpers

    private static void opened(Ledger a) {
        Fixtures.opening().forEach(a::execute);
    }

    private static void openedWithUnidentifiedReceipts(Ledger a) {
        opened(a);
        a.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
        a.execute(command("r1", ADMINISTRATOR, receipt("SN1", "100.00", Optional.empty())));
        a.execute(command("r2", ADMINISTRATOR, receipt("SN2", "100.00", Optional.empty())));
        assertEquals(cny("200.00"), a.view().balance(AccountId.unidentified(BANK), CNY));
    }

    /** {@code ledger} applies {@code command} (or returns its first result); a refusal fails the example. */
    private static CommandResult applied(Ledger ledger, Command command) {
        return assertDoesNotThrow(() -> ledger.execute(command), command.idempotencyKey() + " was refused");
    }

    private static Command command(String key, Actor actor, Request request) {
        return Command.of(key, actor, DAY, request).approvedBy(BY_HEAD, BY_DIRECTOR, BY_LEADER);
    }

    private static RecordReceipt receipt(String reference, String amount, Optional<String> subAccount) {
        return new RecordReceipt(BANK, reference, cny(amount), Payer.of("付款人", "62170001", "建设银行"), Optional.empty(),
                ReceiptSource.DEBTOR_PAYMENT, subAccount, Optional.empty());
    }

    private static Command notice(String key, int n, String amount) {
        return command(key, HANDLER, IssuePayoutNotice.of(caseNumber(n), Fixtures.creditorAccount(n), cny(amount)));
    }

    /** {@code ledger} refuses {@code command} with {@code code}, and neither its journal nor its state changes. */
    private static void refused(Ledger ledger, ErrorCode code, Command command) {
        List<Event> before = events(ledger);
        String state = StateSnapshot.of((LedgerState) ledger.view());
        LedgerException refusal = assertThrows(LedgerException.class, () -> ledger.execute(command),
                command.idempotencyKey() + " was applied");
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertEquals(before, events(ledger), "a refused command changed the journal");
        assertEquals(state, StateSnapshot.of((LedgerState) ledger.view()), "a refused command changed the state");
    }

    /**
     * Both writers read the same journal, its chain verifies, and each one's state is its fold; the
     * invariants hold on what each sees.
     */
    static void agree(Ledger a, Ledger b) {
        List<Event> journal = events(a);
        assertEquals(journal, events(b), "the writers read different journals");
        assertTrue(Invariants.chainVerifies(journal) == null, Invariants.chainVerifies(journal));
        String folded = StateSnapshot.of(LedgerState.fold(journal));
        for (Ledger writer : List.of(a, b)) {
            String seen = StateSnapshot.of((LedgerState) writer.view());
            assertEquals(folded, seen, StateSnapshot.difference(folded, seen));
            for (String breach : new String[] {Invariants.balanced(journal, writer.view()),
                Invariants.nonNegative(journal, writer.view(), DAY_ONE), Invariants.controlIdentity(writer.view()),
                Invariants.lotsMatchBalances(writer.view(), Invariants.lots((LedgerState) writer.view()))}) {
                assertFalse(breach != null, breach);
            }
        }
    }

    private static List<Event> events(Ledger ledger) {
        try (Stream<Event> events = ledger.events(1)) {
            return events.collect(Collectors.toList());
        }
    }
}
