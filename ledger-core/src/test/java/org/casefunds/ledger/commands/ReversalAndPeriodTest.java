package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.BANK_CNY;
import static org.casefunds.ledger.commands.Scenario.UNIDENTIFIED;
import static org.casefunds.ledger.commands.Scenario.assertControlIdentity;
import static org.casefunds.ledger.commands.Scenario.caseAccount;
import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.find;
import static org.casefunds.ledger.commands.Scenario.money;
import static org.casefunds.ledger.commands.Scenario.notice;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.commands.Scenario.settle;
import static org.casefunds.ledger.commands.Scenario.unidentifiedReceipt;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.AUDITOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.PeriodClosed;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Goal: a reversal is the only correction and undoes exactly one event (its postings, its lots,
 * its disbursement), is refused when later events depend on what it would undo and then says
 * what to undo first; closing a period freezes every date up to it while corrections dated after
 * it still work.
 *
 * <p>Method: examples on the test court. Events are counted after the opening: case 1 is
 * {@code afterOpening(1)}, the first receipt {@code afterOpening(2)} and its lot {@code afterOpening(2)}.1. Reversals are asked by the role that recorded the
 * event and approved by the bureau director, as the default policy requires.
 */
class ReversalAndPeriodTest {

    private static final AccountId TRANSIT = AccountId.PAYOUTS_IN_TRANSIT;

    /** Finance reverses {@code event}, approved by the bureau director. */
    private static Command reverse(String key, int day, String event) {
        return Command.of(key, FINANCE, day(day), new Reverse(event, "录入错误"))
                .approvedBy(BY_DIRECTOR);
    }

    private static DisbursementRecord.Status status(Scenario scenario, String id) {
        return scenario.view().disbursement(id).orElseThrow().status();
    }

    @Nested
    class Reversing {
        private final Scenario scenario = Scenario.opened().withCase(1);

        /** 1,000,000.00 arrives on day 2, its fee of 12,400.00 is charged on 3 and swept on 4. */
        private void chargeAndSweepTheFee() {
            scenario.receive("r-1", 2, "1000000.00", 1);
            scenario.run(Command.of("fee", HANDLER, day(3),
                    new ChargeExecutionFee(caseNumber(1), cny("1000000.00"))));
            scenario.run(Command.of("sweep", FINANCE, day(4),
                    new SweepFees(cny("12400.00"), BANK, "FEE-1")));
        }

        @Test
        void aReversedReceiptLeavesNothingBehindAndFreesItsBankReference() {
            scenario.receive("r-1", 2, "100.00", 1);
            CommandResult result = scenario.run(Command.of("undo", ADMINISTRATOR, day(3),
                    new Reverse("r-1", "银行重复推送")).approvedBy(BY_DIRECTOR));

            assertEquals(EventKind.EVENT_REVERSED, result.event().kind());
            EventReversed reversed = (EventReversed) result.event().payload();
            assertEquals("r-1", reversed.reversedKey());
            assertEquals(afterOpening(2), reversed.reversedSequence());
            assertEquals(EventKind.RECEIPT_RECORDED, reversed.reversedKind());
            assertEquals(List.of(), reversed.disbursements());
            assertEquals("银行重复推送", reversed.reason());
            assertEquals(List.of(Posting.credit(BANK_CNY, cny("100.00")),
                    Posting.debit(caseAccount(1), cny("100.00"))), result.event().postings());
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            assertTrue(scenario.view().openLots(caseAccount(1), CNY).isEmpty());
            Lot lot = scenario.view().lot(new LotId(afterOpening(2), 1)).orElseThrow();
            assertEquals(cny("0.00"), lot.remaining());
            assertTrue(scenario.view().receipt("r-1").orElseThrow().reversed());
            assertEquals(Optional.of(afterOpening(3)), scenario.view().reversalOf(afterOpening(2)));
            assertTrue(scenario.view().receiptByBankReference(BANK, "SN-r-1").isEmpty());

            // The bank reference is free again: the real receipt can be recorded under it.
            scenario.run(Command.of("r-1-correct", ADMINISTRATOR, day(3), RecordReceipt.of(BANK,
                    "SN-r-1", cny("10.00"), Payer.unknown(), null, ReceiptSource.DEBTOR_PAYMENT,
                    "88001")));
            assertEquals(cny("10.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void anEventIsReversedOnce() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(reverse("undo", 3, "r-1"));
            scenario.refuses(reverse("undo-again", 4, "r-1"), StateConflictException.class,
                    ErrorCode.ALREADY_REVERSED, "event", "r-1", "was already reversed by event " + afterOpening(3));
        }

        @Test
        void aReversalNeedsTheBureauDirector() {
            scenario.receive("r-1", 2, "100.00", 1);
            Command unapproved = Command.of("undo", FINANCE, day(3), new Reverse("r-1", "录入错误"));
            scenario.refuses(unapproved, PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a reversal needs approval by [BUREAU_DIRECTOR]");
            scenario.refuses(unapproved.approvedBy(BY_HEAD), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "head.sun as DIVISION_HEAD",
                    "BUREAU_DIRECTOR is missing");
        }

        @Test
        void eventsThatMoveNoMoneyAreNotReversed() {
            scenario.refuses(reverse("undo", 2, "case-1"), StateConflictException.class,
                    ErrorCode.NOT_REVERSIBLE, "event", "case-1",
                    "is a CASE_OPENED event, which moves no money or is itself a reversal;"
                            + " record a new event");
        }

        @Test
        void aReversalIsNotReversed() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(reverse("undo", 3, "r-1"));
            scenario.refuses(reverse("undo-undo", 4, "undo"), StateConflictException.class,
                    ErrorCode.NOT_REVERSIBLE, "event", "undo",
                    "issue the original command again under a new key instead");
        }

        @Test
        void aReceiptWhoseMoneyWasPartlyPaidOutIsNotReversed() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "40.00"));
            scenario.refuses(reverse("undo", 4, "r-1"), StateConflictException.class,
                    ErrorCode.NOT_REVERSIBLE, "event", "r-1",
                    "later events took CNY 40.00 of the CNY 100.00 it put on "
                            + "case:（2025）京02执1号 (lot " + afterOpening(2) + ".1); reverse or return those first");
        }

        @Test
        void aReversedNoticePutsTheMoneyBackIntoItsLots() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "40.00"));
            CommandResult result = scenario.run(Command.of("undo", HANDLER, day(4),
                    new Reverse("pay", "金额有误")).approvedBy(BY_DIRECTOR));

            assertEquals(List.of(Posting.credit(caseAccount(1), cny("40.00")),
                    Posting.debit(TRANSIT, cny("40.00"))), result.event().postings());
            EventReversed reversed = (EventReversed) result.event().payload();
            assertEquals(List.of("pay"), reversed.disbursements());
            Lot lot = scenario.view().lot(new LotId(afterOpening(2), 1)).orElseThrow();
            assertEquals(cny("100.00"), lot.remaining());
            assertEquals(day(2), lot.clockStart(), "the lot keeps its clock");
            assertEquals(cny("100.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(TRANSIT));
            assertEquals(new AccountBalance(BANK_CNY, cny("100.00"), cny("0.00"), cny("100.00")),
                    scenario.figures(BANK_CNY));
            DisbursementRecord record = scenario.view().disbursement("pay").orElseThrow();
            assertEquals(DisbursementRecord.Status.CANCELLED, record.status());
            assertEquals(Optional.of(day(4)), record.finishedOn());

            // Now nothing depends on the receipt: it can be reversed too.
            scenario.run(reverse("undo-r-1", 4, "r-1"));
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
        }

        @Test
        void aReceiptIsNotReversedOnADateBeforeItsMoneyWasPutBack() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.receive("r-2", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "40.00"));
            scenario.run(Command.of("undo-pay", HANDLER, day(6), new Reverse("pay", "金额有误")).approvedBy(BY_DIRECTOR));
            // On day 5 the 40.00 taken from r-1's lot was still out on the notice: the lot was not whole
            // then, though the case held enough (r-2's 100.00) for the account never to go below zero.
            scenario.refuses(reverse("undo", 5, "r-1"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "event", "r-1",
                    "lot " + afterOpening(2) + ".1 it put on case:（2025）京02执1号 was whole again only from "
                            + day(6) + ", after the command's effective date " + day(5) + "; date the command on or after "
                            + day(6));
            scenario.run(reverse("undo", 6, "r-1"));
            assertEquals(cny("100.00"), scenario.balance(BANK_CNY));
        }

        @Test
        void theIssueOfASettledNoticeIsNotReversed() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "40.00"));
            scenario.run(settle("paid", 4, "pay"));
            scenario.refuses(reverse("undo", 5, "pay"), StateConflictException.class,
                    ErrorCode.NOT_REVERSIBLE, "event", "pay",
                    "disbursement pay was settled; reverse its settlement first");
        }

        @Test
        void aReversedSettlementPutsTheNoticeBackInTransit() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "40.00"));
            scenario.run(settle("paid", 4, "pay"));
            assertEquals(cny("60.00"), scenario.balance(BANK_CNY));

            scenario.run(reverse("undo", 5, "paid"));
            DisbursementRecord back = scenario.view().disbursement("pay").orElseThrow();
            assertEquals(DisbursementRecord.Status.ISSUED, back.status());
            assertEquals(Optional.empty(), back.bankReference());
            assertEquals(new AccountBalance(BANK_CNY, cny("100.00"), cny("40.00"), cny("60.00")),
                    scenario.figures(BANK_CNY));
            assertEquals(cny("40.00"), scenario.balance(TRANSIT));

            scenario.run(settle("paid-again", 6, "pay"));
            DisbursementRecord paid = scenario.view().disbursement("pay").orElseThrow();
            assertEquals(DisbursementRecord.Status.SETTLED, paid.status());
            assertEquals(Optional.of("OUT-paid-again"), paid.bankReference());
            assertEquals(cny("60.00"), scenario.balance(BANK_CNY));
        }

        @Test
        void aReversedClaimWaitsAsUnidentifiedAgain() {
            scenario.run(unidentifiedReceipt("u-1", 2, "100.00"));
            scenario.run(Command.of("claim", ADMINISTRATOR, day(3),
                    ClaimUnidentified.of("u-1", caseNumber(1), cny("100.00"))));
            scenario.run(Command.of("undo", ADMINISTRATOR, day(4), new Reverse("claim", "认领错案"))
                    .approvedBy(BY_DIRECTOR));
            assertEquals(cny("100.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            Lot waiting = scenario.view().openLotsOfReceipt("u-1").get(0);
            assertEquals(cny("100.00"), waiting.remaining());
        }

        @Test
        void aReversedDistributionCancelsEveryShare() {
            scenario.receive("r-1", 2, "100.00", 1);
            List<Distribute.Creditor> creditors = List.of(
                    new Distribute.Creditor("甲", cny("60.00"), ProRata.Rank.ORDINARY,
                            BankDetails.of("甲", "1", "工行")),
                    new Distribute.Creditor("乙", cny("60.00"), ProRata.Rank.ORDINARY,
                            BankDetails.of("乙", "2", "工行")));
            scenario.run(Command.of("dist", HANDLER, day(3), new Distribute(caseNumber(1),
                    cny("100.00"), creditors, Optional.empty())).approvedBy(BY_HEAD));
            scenario.run(reverse("undo", 4, "dist"));
            assertEquals(DisbursementRecord.Status.CANCELLED, status(scenario, "dist#1"));
            assertEquals(DisbursementRecord.Status.CANCELLED, status(scenario, "dist#2"));
            assertEquals(cny("100.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(TRANSIT));
        }

        @Test
        void anUnknownKeyIsRefused() {
            scenario.refuses(reverse("undo", 2, "no-such"), NotFoundException.class,
                    ErrorCode.UNKNOWN_EVENT, "event", "no-such",
                    "no event was recorded under this key");
        }

        @Test
        void aFeeChargeIsNotReversedOnceItsFeesWereSwept() {
            chargeAndSweepTheFee();
            // Undoing the charge would take 12,400.00 from court-fees, which hold
            // 12,400.00 − 12,400.00 = 0.00 since the sweep: the sweep is undone first.
            scenario.refuses(reverse("undo", 5, "fee"), StateConflictException.class,
                    ErrorCode.NOT_REVERSIBLE, "event", "fee",
                    "its fee of CNY 12400.00 was swept out of the enforcement account since"
                            + " (CNY 0.00 of fees is left); reverse the sweep first");

            scenario.run(reverse("undo-sweep", 5, "sweep"));
            assertEquals(cny("12400.00"), scenario.balance(AccountId.COURT_FEES));
            scenario.run(reverse("undo", 5, "fee"));
            // 987,600.00 + 12,400.00 = 1,000,000.00 back on the case, none of it fees.
            assertEquals(cny("1000000.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(AccountId.COURT_FEES));
            assertEquals(cny("1000000.00"), scenario.balance(BANK_CNY));
        }

        @Test
        void aRefusedReversalNamesItsOwnField() {
            // LedgerException.field() is "the command field at fault, as written in the command":
            // a Reverse has the fields event and reason, so a refusal for lack of money names
            // event. Two CNY master accounts: r-1 (100.00, day 1) arrives on the second, r-2
            // (100.00, day 2) on the first. A notice paid from the first takes the older lot,
            // r-1's, and is settled on day 4: the first account holds 100.00 − 100.00 = 0.00,
            // while r-2's lot is whole. Reversing r-2 would take the first account to −100.00.
            String second = "110060002";
            scenario.run(Command.of("bank-2", FINANCE, day(1),
                    new RegisterBankAccount(second, CNY, "建设银行北京分行", "执行款第二专户")));
            scenario.run(Command.of("r-1", ADMINISTRATOR, day(1), RecordReceipt.of(second,
                    "SN-r-1", cny("100.00"), Payer.unknown(), null, ReceiptSource.DEBTOR_PAYMENT,
                    "88001")));
            scenario.receive("r-2", 2, "100.00", 1);
            scenario.run(Command.of("pay", HANDLER, day(3), new IssuePayoutNotice(caseNumber(1),
                    creditorAccount(1), cny("100.00"), Optional.of(BANK), Optional.empty()))
                    .approvedBy(BY_HEAD));
            scenario.run(settle("paid", 4, "pay"));
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("100.00"), scenario.balance(AccountId.bank(second)));
            assertEquals(cny("100.00"), scenario.balance(caseAccount(1)));

            InsufficientFundsException refusal = scenario.refuses(reverse("undo", 5, "r-2"),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "event",
                    "r-2", "bank:110060001 has CNY 0.00 available but CNY 100.00 is needed;"
                            + " on 2025-01-06 or a later day in the journal; no account goes below zero");
            assertEquals("bank:110060001", refusal.account());
            assertEquals(cny("0.00"), refusal.available());
            assertEquals(cny("100.00"), refusal.requested());
        }

        @Test
        void aReversalDatedBeforeItsEventIsRefused() {
            scenario.receive("r-1", 4, "100.00", 1);
            scenario.refuses(reverse("undo", 3, "r-1"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "event", "r-1", "the event is dated 2025-01-05");
        }

        @Test
        void anAuditorReversesNothing() {
            scenario.receive("r-1", 2, "100.00", 1);
            Command byAuditor = Command.of("undo", AUDITOR, day(3), new Reverse("r-1", "审计发现"))
                    .approvedBy(BY_DIRECTOR);
            scenario.refuses(byAuditor, PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "AUDITOR", "may not Reverse");
        }

        @Test
        void aReceiptWhosePayoutCameBackIsUnwoundFromTheLastEventBack() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "100.00"));
            scenario.run(Command.of("back", FINANCE, day(4),
                    new ReturnDisbursement("pay", "账号错误")));
            // All 100.00 is back on the case, in a new lot; the receipt's own lot stays
            // consumed, so the receipt is still refused although the message suggests a return.
            scenario.refuses(reverse("undo-r-1", 5, "r-1"), StateConflictException.class,
                    ErrorCode.NOT_REVERSIBLE, "event", "r-1", "later events took CNY 100.00");

            scenario.run(reverse("undo-back", 5, "back"));
            scenario.run(reverse("undo-pay", 5, "pay"));
            scenario.run(reverse("undo-r-1", 5, "r-1"));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
            assertControlIdentity(scenario.ledger.balances(day(5)));
        }

        /**
         * 1,000.00 arrives on day 1; notices pay-a (100.00) and pay-b (200.00) on day 2; pay-a is
         * settled on day 5 and that settlement reversed on day 6, so pay-a is in transit again
         * only from day 6. pay-b keeps payouts-in-transit at 200.00 or more on every day, so the
         * balance checks do not stop a command that finishes pay-a again before day 6.
         */
        private void settledThenReopenedOnDay6() {
            scenario.receive("r-1", 1, "1000.00", 1);
            scenario.run(notice("pay-a", 2, 1, "100.00"));
            scenario.run(notice("pay-b", 2, 1, "200.00"));
            scenario.run(settle("paid-a", 5, "pay-a"));
            scenario.run(reverse("undo-paid-a", 6, "paid-a"));
        }
        @Test
        void aSettlementIsNotDatedBeforeTheReversalThatReopenedItsNotice() {
            settledThenReopenedOnDay6();
            // Dated day 5, the journal would settle pay-a twice on day 5 (its first settlement
            // still stands then): the latest change of pay-a is the reversal of day 6.
            scenario.refuses(settle("paid-a-again", 5, "pay-a"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "disbursement", "pay-a",
                    "its latest change (issue, or a reversal that reopened it) is dated 2025-01-07,"
                            + " after the command's effective date 2025-01-06");
            assertDoesNotThrow(() -> scenario.ledger.asOf(day(5)),
                    "the state as of day 5 still folds");

            // On or after day 6 it is settled again.
            scenario.run(settle("paid-a-again", 6, "pay-a"));
            assertEquals(DisbursementRecord.Status.SETTLED, status(scenario, "pay-a"));
            // 1,000.00 − 100.00 paid = 900.00; pay-b's 200.00 is still pending.
            assertEquals(new AccountBalance(BANK_CNY, cny("900.00"), cny("200.00"), cny("700.00")),
                    scenario.figures(BANK_CNY));
        }

        @Test
        void aReturnIsNotDatedBeforeTheReversalThatReopenedItsNotice() {
            settledThenReopenedOnDay6();
            scenario.refuses(Command.of("back-a", FINANCE, day(5),
                            new ReturnDisbursement("pay-a", "账号错误")), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "disbursement", "pay-a",
                    "its latest change (issue, or a reversal that reopened it) is dated 2025-01-07");
        }

        @Test
        void aNoticeIsNotReversedOnADateWhenItWasStillSettled() {
            settledThenReopenedOnDay6();
            // On day 3 pay-a was in transit, but its settlement of day 5 still stands then: as
            // of day 5 the journal would settle a cancelled notice.
            scenario.refuses(reverse("undo-pay-a", 3, "pay-a"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "event", "pay-a",
                    "disbursement pay-a last changed on 2025-01-07");
            assertDoesNotThrow(() -> scenario.ledger.asOf(day(5)),
                    "the state as of day 5 still folds");

            // From day 6 on the notice can be reversed: its 100.00 goes back to the case.
            scenario.run(reverse("undo-pay-a", 6, "pay-a"));
            assertEquals(DisbursementRecord.Status.CANCELLED, status(scenario, "pay-a"));
            // 1,000.00 − 100.00 − 200.00 + 100.00 = 800.00
            assertEquals(cny("800.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void aHandlerReversesOnlyEventsAboutTheirOwnCases() {
            scenario.receive("r-1", 2, "100.00", 1);   // routed to case 1, handled by judge.zhao
            scenario.run(unidentifiedReceipt("u-1", 2, "50.00"));
            Command byOther = Command.of("undo", OTHER_HANDLER, day(3), new Reverse("r-1", "录入错误"))
                    .approvedBy(BY_DIRECTOR);
            scenario.refuses(byOther, PermissionDeniedException.class, ErrorCode.NOT_CASE_HANDLER,
                    "actor.id", OTHER_HANDLER.id(), "a handler reverses only events about their own"
                            + " cases; event 'r-1' concerns [（2025）京02执1号]");
            // An unidentified receipt concerns no case, so no handler reverses it.
            scenario.refuses(Command.of("undo-u", HANDLER, day(3), new Reverse("u-1", "录入错误"))
                            .approvedBy(BY_DIRECTOR), PermissionDeniedException.class,
                    ErrorCode.NOT_CASE_HANDLER, "actor.id", HANDLER.id(), "concerns no case");

            // The case's own handler may, with the bureau director's approval.
            scenario.refuses(Command.of("undo", HANDLER, day(3), new Reverse("r-1", "录入错误")),
                    PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a reversal needs approval by [BUREAU_DIRECTOR]");
            CommandResult undone = scenario.run(Command.of("undo", HANDLER, day(3),
                    new Reverse("r-1", "录入错误")).approvedBy(BY_DIRECTOR));
            assertEquals(EventKind.EVENT_REVERSED, undone.event().kind());
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));

            // Finance may reverse anything, an event about no case too.
            scenario.run(reverse("undo-u", 3, "u-1"));
            assertEquals(cny("0.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
        }

        @Test
        void financeReversesEventsAboutAnyCase() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(notice("pay", 3, 1, "40.00"));
            // Neither the receipt nor the notice is finance's, and finance handles no case.
            scenario.run(reverse("undo-pay", 4, "pay"));
            scenario.run(reverse("undo-r-1", 4, "r-1"));
            assertEquals(DisbursementRecord.Status.CANCELLED, status(scenario, "pay"));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
        }
    }

    @Nested
    class ClosingPeriods {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Command close(String key, int day, int through) {
            return Command.of(key, FINANCE, day(day), new ClosePeriod(day(through)));
        }

        @Test
        void nothingIsDatedOnOrBeforeTheClosedDate() {
            scenario.receive("r-1", 2, "100.00", 1);
            CommandResult closed = scenario.run(close("close", 4, 3));
            assertEquals(EventKind.PERIOD_CLOSED, closed.event().kind());
            assertEquals(new PeriodClosed(day(3)), closed.event().payload());
            assertEquals(Optional.of(day(3)), scenario.view().closedThrough());

            scenario.refuses(receipt("r-2", 3, "50.00", 1), StateConflictException.class,
                    ErrorCode.PERIOD_CLOSED, "effectiveDate", "2025-01-04",
                    "the books are closed through 2025-01-04; date the command after it");
            scenario.refuses(receipt("r-2", 1, "50.00", 1), StateConflictException.class,
                    ErrorCode.PERIOD_CLOSED, "effectiveDate", "2025-01-02",
                    "closed through 2025-01-04");
            scenario.receive("r-2", 4, "50.00", 1);
            assertEquals(cny("150.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void closingTheSameOrAnEarlierDateIsRefused() {
            scenario.run(close("close", 4, 3));
            scenario.refuses(close("close-earlier", 5, 2), StateConflictException.class,
                    ErrorCode.PERIOD_CLOSED, "closedThrough", "2025-01-03",
                    "the books are already closed through 2025-01-04; close a later date");
            scenario.refuses(close("close-same", 5, 3), StateConflictException.class,
                    ErrorCode.PERIOD_CLOSED, "closedThrough", "2025-01-04",
                    "already closed through");
            scenario.run(close("close-later", 6, 5));
            assertEquals(Optional.of(day(5)), scenario.view().closedThrough());
        }

        @Test
        void aPeriodClosesOnlyAfterItEnds() {
            scenario.refuses(close("close", 4, 5), StateConflictException.class,
                    ErrorCode.INVALID_DATE, "closedThrough", "2025-01-06",
                    "is after the command's effective date 2025-01-05; a period closes after it");
        }

        @Test
        void anEventInAClosedPeriodIsCorrectedByAReversalDatedAfterIt() {
            scenario.receive("r-1", 2, "100.00", 1);
            scenario.run(close("close", 4, 3));
            scenario.refuses(reverse("undo-early", 3, "r-1"), StateConflictException.class,
                    ErrorCode.PERIOD_CLOSED, "effectiveDate", "2025-01-04",
                    "corrections are reversals");

            scenario.run(reverse("undo", 5, "r-1"));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            // The closed books still show what they showed.
            List<AccountBalance> closedDay = scenario.ledger.balances(day(3));
            assertEquals(cny("100.00"), find(closedDay, caseAccount(1)).posted());
            List<AccountBalance> afterwards = scenario.ledger.balances(day(5));
            assertEquals(cny("0.00"), find(afterwards, caseAccount(1)).posted());
        }

        @Test
        void onlyFinanceClosesPeriods() {
            scenario.refuses(Command.of("close", HANDLER, day(4), new ClosePeriod(day(3))),
                    PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED, "actor.roles",
                    "HANDLER", "may not ClosePeriod");
        }

        @Test
        void aClosedPeriodDoesNotStopARepeatedCommand() {
            Command receipt = receipt("r-1", 2, "100.00", 1);
            Event first = scenario.run(receipt).event();
            scenario.run(close("close", 4, 3));
            CommandResult again = scenario.run(receipt);
            assertTrue(again.repeated(), "a resent command returns its first result");
            assertEquals(first, again.event());
        }
    }
}
