package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.BANK_CNY;
import static org.casefunds.ledger.commands.Scenario.caseAccount;
import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.money;
import static org.casefunds.ledger.commands.Scenario.notice;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.commands.Scenario.settle;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.USD;
import static org.casefunds.ledger.testing.Fixtures.USD_BANK;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.debtorAccount;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.events.CaseFundsTransferred;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.DistributionIssued;
import org.casefunds.ledger.events.DistributionShare;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.ExecutionFeeCharged;
import org.casefunds.ledger.events.FeesSwept;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.PayoutNoticeIssued;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.joda.money.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Goal: money leaves a case only as the rules allow: payout notices (oldest money first, only
 * money that was there on the notice's date, to a confirmed payee, by the case's handler, with
 * the approvals the amount needs), then settled or returned by finance; fees charged and swept;
 * transfers between cases; distributions among creditors; deposits and surplus refunds.
 *
 * <p>Method: each example builds a small journal on the test court and checks the event, its
 * postings, the balances, the lots and the disbursement afterwards; each refusal goes through
 * {@link Scenario#assertRefused}. Lot ids are {@code sequence.index}, counted after the opening
 * (its staff register and master accounts, {@code Fixtures.OPENING_EVENTS} events): case 1 is
 * {@code afterOpening(1)}, so the first receipt is {@code afterOpening(2)}.
 */
class DisbursementCommandsTest {

    private static final AccountId TRANSIT = AccountId.PAYOUTS_IN_TRANSIT;

    private static DisbursementRecord.Status status(Scenario scenario, String id) {
        return scenario.view().disbursement(id).orElseThrow().status();
    }

    private static Money remaining(Scenario scenario, long sequence, int index) {
        return scenario.view().lot(new LotId(sequence, index)).orElseThrow().remaining();
    }

    /** A payout notice of case 1 by {@code actor} to {@code payee}, not yet approved. */
    private static Command payout(String key, Actor actor, int day, BankDetails payee,
            Money amount) {
        return Command.of(key, actor, day(day), IssuePayoutNotice.of(caseNumber(1), payee, amount));
    }

    /** A payout notice of case 1 by its handler to its creditor, not yet approved. */
    private static Command payout(String key, int day, String amount) {
        return payout(key, HANDLER, day, creditorAccount(1), cny(amount));
    }

    @Nested
    class PayoutNotices {
        private final Scenario scenario = Scenario.opened().withCase(1);

        @Test
        void aNoticeTakesTheOldestLotsFirst() {
            scenario.receive("r-1", 1, "100.00", 1);   // afterOpening(2), its lot afterOpening(2).1
            scenario.receive("r-2", 3, "200.00", 1);   // afterOpening(3), its lot afterOpening(3).1
            CommandResult result = scenario.run(notice("pay", 4, 1, "150.00"));

            assertEquals(EventKind.PAYOUT_NOTICE_ISSUED, result.event().kind());
            assertEquals(new PayoutNoticeIssued(caseNumber(1), creditorAccount(1), cny("150.00"),
                    BANK, Optional.empty()), result.event().payload());
            assertEquals(List.of(Posting.debit(caseAccount(1), cny("150.00")),
                    Posting.credit(TRANSIT, cny("150.00"))), result.event().postings());
            assertEquals(List.of(BY_HEAD), result.event().approvals());

            // 150.00 = all 100.00 of the older lot (r-1's) + 50.00 of r-2's.
            List<LotMovement> taken = result.event().lotMovements();
            assertEquals(2, taken.size());
            assertEquals(new LotId(afterOpening(2), 1), taken.get(0).lot());
            assertEquals(cny("100.00"), taken.get(0).amount());
            assertEquals(LotMovement.Type.CONSUME, taken.get(0).type());
            assertEquals(new LotId(afterOpening(3), 1), taken.get(1).lot());
            assertEquals(cny("50.00"), taken.get(1).amount());
            assertEquals(cny("0.00"), remaining(scenario, afterOpening(2), 1));
            List<Lot> open = scenario.view().openLots(caseAccount(1), CNY);
            assertEquals(1, open.size());
            assertEquals(new LotId(afterOpening(3), 1), open.get(0).id());
            assertEquals(cny("150.00"), open.get(0).remaining());

            // 300.00 − 150.00 = 150.00 left on the case.
            assertEquals(cny("150.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("150.00"), scenario.balance(TRANSIT));
            DisbursementRecord record = scenario.view().disbursement("pay").orElseThrow();
            assertEquals(Disbursement.PAYOUT, record.kind());
            assertEquals(Optional.of(caseNumber(1)), record.caseNumber());
            assertEquals(cny("150.00"), record.amount());
            assertEquals(day(4), record.issuedOn());
            assertEquals(DisbursementRecord.Status.ISSUED, record.status());
            assertEquals(taken, record.consumed());
        }

        @Test
        void oldestMeansEarliestClockStartNotEarliestRecorded() {
            scenario.receive("r-1", 3, "100.00", 1);   // r-1's lot, arrived day 3
            scenario.receive("r-2", 2, "100.00", 1);   // r-2's lot, recorded later, arrived day 2
            CommandResult result = scenario.run(notice("pay", 4, 1, "60.00"));
            assertEquals(new LotId(afterOpening(3), 1), result.event().lotMovements().get(0).lot());
            assertEquals(cny("40.00"), remaining(scenario, afterOpening(3), 1));
            assertEquals(cny("100.00"), remaining(scenario, afterOpening(2), 1));
        }

        @Test
        void whileTheNoticeIsInTransitTheBankShowsItPending() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.run(notice("pay", 2, 1, "60.00"));

            // The bank still holds 100.00, of which 60.00 is on its way out: 40.00 available.
            assertEquals(new AccountBalance(BANK_CNY, cny("100.00"), cny("60.00"), cny("40.00")),
                    scenario.figures(BANK_CNY));
            // The case holds 40.00; its 60.00 already left it and is pending at the bank.
            assertEquals(new AccountBalance(caseAccount(1), cny("40.00"), cny("60.00"),
                    cny("40.00")), scenario.figures(caseAccount(1)));
            assertEquals(new AccountBalance(TRANSIT, cny("60.00"), cny("0.00"), cny("60.00")),
                    scenario.figures(TRANSIT));

            scenario.run(settle("settle", 3, "pay"));
            assertEquals(new AccountBalance(BANK_CNY, cny("40.00"), cny("0.00"), cny("40.00")),
                    scenario.figures(BANK_CNY));
            assertEquals(new AccountBalance(caseAccount(1), cny("40.00"), cny("0.00"),
                    cny("40.00")), scenario.figures(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(TRANSIT));
        }

        @Test
        void moreThanTheCaseHoldsIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.receive("r-2", 3, "200.00", 1);
            InsufficientFundsException refusal = scenario.refuses(notice("pay", 4, 1, "300.01"),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    money("300.01"), "case:（2025）京02执1号 has CNY 300.00 available but"
                            + " CNY 300.01 is needed; that is all the money there on 2025-01-05");
            assertEquals("case:（2025）京02执1号", refusal.account());
            assertEquals(cny("300.00"), refusal.available());
        }

        @Test
        void moneyArrivingAfterTheNoticeDateIsNotAvailableToIt() {
            scenario.receive("r-1", 3, "100.00", 1);
            InsufficientFundsException refusal = scenario.refuses(notice("pay", 2, 1, "50.00"),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    money("50.00"), "case:（2025）京02执1号 has CNY 0.00 available but CNY 50.00"
                            + " is needed; that is all the money there on 2025-01-03;"
                            + " CNY 100.00 more arrived later, the first of it on 2025-01-04");
            assertEquals(cny("0.00"), refusal.available());
        }

        @Test
        void anUnconfirmedPayeeIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            BankDetails stranger = BankDetails.of("案外人", "62179999", "招商银行");
            scenario.refuses(payout("pay", HANDLER, 2, stranger, cny("50.00")).approvedBy(BY_HEAD),
                    StateConflictException.class, ErrorCode.INVALID_STATE, "payee.accountNumber",
                    "62179999", "is not a payee account confirmed in writing for （2025）京02执1号");
        }

        @Test
        void onlyTheCaseHandlerIssuesNotices() {
            scenario.receive("r-1", 1, "100.00", 1);
            Command byOther = payout("pay", OTHER_HANDLER, 2, creditorAccount(1), cny("50.00"))
                    .approvedBy(BY_HEAD);
            scenario.refuses(byOther, PermissionDeniedException.class, ErrorCode.NOT_CASE_HANDLER,
                    "actor.id", OTHER_HANDLER.id(),
                    "is not the handler of （2025）京02执1号 (its handler is judge.zhao)");
        }

        @Test
        void aNoticeWithoutApprovalIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(payout("pay", 2, "50.00"), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a payout needs approval by [DIVISION_HEAD]");
        }

        @Test
        void theRequesterNeverApprovesTheirOwnNotice() {
            scenario.receive("r-1", 1, "100.00", 1);
            // Someone who does not hold the role is refused first, whoever they are.
            scenario.refuses(payout("pay", 2, "50.00").approvedBy(Approval.of(HANDLER.id(), Role.DIVISION_HEAD)),
                    PermissionDeniedException.class, ErrorCode.ROLE_NOT_HELD, "approvals", HANDLER.id(),
                    "does not hold DIVISION_HEAD on 2025-01-03");
            // A handler who is also a division head still never approves their own notice, under
            // their id written in another case either.
            scenario.hire("judge.feng", Role.HANDLER, Role.DIVISION_HEAD);
            scenario.run(Command.of("hand-over", HANDLER, day(2), new HandOverCase(caseNumber(1), "judge.feng", "调岗"))
                    .approvedBy(BY_HEAD));
            Command selfApproved = Command.of("pay", Actor.of("judge.feng", Role.HANDLER), day(2),
                    IssuePayoutNotice.of(caseNumber(1), creditorAccount(1), cny("50.00")))
                    .approvedBy(Approval.of("JUDGE.FENG", Role.DIVISION_HEAD));
            scenario.refuses(selfApproved, PermissionDeniedException.class, ErrorCode.SELF_APPROVAL,
                    "approvals.approverId", "JUDGE.FENG",
                    "a requester never approves their own request");
        }

        @Test
        void oneApproverCountsOnce() {
            scenario.receive("r-1", 1, "200000.00", 1);
            scenario.hire("dir.ma", Role.BUREAU_DIRECTOR, Role.COURT_LEADER);
            Command twice = payout("pay", 2, "150000.00")
                    .approvedBy(Approval.of("dir.ma", Role.BUREAU_DIRECTOR), Approval.of("DIR.MA", Role.COURT_LEADER));
            scenario.refuses(twice, InvalidInputException.class, ErrorCode.INVALID_VALUE,
                    "approvals.approverId", "DIR.MA",
                    "approves twice; each required approval needs its own approver");
        }

        @Test
        void fromOneHundredThousandTheDirectorAndTheLeaderApprove() {
            scenario.receive("r-1", 1, "200000.00", 1);
            scenario.refuses(payout("pay", 2, "150000.00").approvedBy(BY_HEAD),
                    PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals",
                    "[head.sun as DIVISION_HEAD]",
                    "a payout needs approval by [BUREAU_DIRECTOR, COURT_LEADER]");
            scenario.refuses(payout("pay", 2, "150000.00").approvedBy(BY_DIRECTOR),
                    PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals",
                    "dir.zhou as BUREAU_DIRECTOR", "COURT_LEADER is missing");

            scenario.run(payout("pay", 2, "150000.00").approvedBy(BY_DIRECTOR, BY_LEADER));
            // 200,000.00 − 150,000.00 = 50,000.00
            assertEquals(cny("50000.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void justBelowOneHundredThousandTheDivisionHeadIsEnoughButNotAtIt() {
            scenario.receive("r-1", 1, "200000.00", 1);
            scenario.refuses(notice("pay-100k", 2, 1, "100000.00"), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "head.sun", "COURT_LEADER is missing");
            scenario.run(notice("pay", 2, 1, "99999.99"));
            assertEquals(cny("99999.99"), scenario.balance(TRANSIT));
        }

        @Test
        void aCourtLeaderMayGiveTheApprovalAskedOfADivisionHead() {
            scenario.receive("r-1", 1, "100.00", 1);
            CommandResult result = scenario.run(payout("pay", 2, "50.00").approvedBy(BY_LEADER));
            assertEquals(List.of(BY_LEADER), result.event().approvals());
        }

        @Test
        void aFinanceOfficerIsNoApprover() {
            scenario.receive("r-1", 1, "100.00", 1);
            Command byFinance = payout("pay", 2, "50.00")
                    .approvedBy(Approval.of("fin.li", Role.FINANCE));
            scenario.refuses(byFinance, PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_PERMITTED, "approvals.role", "FINANCE", "does not approve");
        }

        @Test
        void aForeignCurrencyPayoutNeedsTheHighestTier() {
            scenario.run(Command.of("r-usd", ADMINISTRATOR, day(1), RecordReceipt.of(USD_BANK,
                    "SN-USD", Money.of(USD, 500), Payer.unknown(), null,
                    ReceiptSource.DEBTOR_PAYMENT, subAccount(1))));
            Command usd = payout("pay", HANDLER, 2, creditorAccount(1), Money.of(USD, 100));
            scenario.refuses(usd.approvedBy(BY_HEAD), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "head.sun",
                    "a payout needs approval by [BUREAU_DIRECTOR, COURT_LEADER]");
            CommandResult paid = scenario.run(usd.approvedBy(BY_DIRECTOR, BY_LEADER));
            assertEquals(USD_BANK, ((PayoutNoticeIssued) paid.event().payload()).bankAccount());
            assertEquals(Money.of(USD, 400), scenario.view().balance(caseAccount(1), USD));
        }
    }

    @Nested
    class Settling {
        private final Scenario scenario = Scenario.opened().withCase(1);

        Settling() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.run(notice("pay", 4, 1, "100.00"));
        }

        @Test
        void financeRecordsTheBankPayment() {
            CommandResult result = scenario.run(settle("settle", 5, "pay"));
            assertEquals(EventKind.DISBURSEMENT_SETTLED, result.event().kind());
            assertEquals(List.of(Posting.debit(TRANSIT, cny("100.00")),
                    Posting.credit(BANK_CNY, cny("100.00"))), result.event().postings());
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("0.00"), scenario.balance(TRANSIT));
            DisbursementRecord record = scenario.view().disbursement("pay").orElseThrow();
            assertEquals(DisbursementRecord.Status.SETTLED, record.status());
            assertEquals(Optional.of(day(5)), record.finishedOn());
            assertEquals(Optional.of("OUT-settle"), record.bankReference());
        }

        @Test
        void settlingTwiceIsRefused() {
            scenario.run(settle("settle", 5, "pay"));
            scenario.refuses(settle("settle-again", 6, "pay"), StateConflictException.class,
                    ErrorCode.ALREADY_FINISHED, "disbursement", "pay",
                    "was already settled on 2025-01-06 (bank reference OUT-settle)");
        }

        @Test
        void anUnknownDisbursementIsRefused() {
            scenario.refuses(settle("settle", 5, "no-such"), NotFoundException.class,
                    ErrorCode.UNKNOWN_DISBURSEMENT, "disbursement", "no-such",
                    "it is the key of the command that issued it, or key#n");
        }

        @Test
        void aSettlementDatedBeforeTheNoticeIsRefused() {
            scenario.refuses(settle("settle", 3, "pay"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "disbursement", "pay",
                    "its latest change (issue, or a reversal that reopened it) is dated 2025-01-05");
        }

        @Test
        void aHandlerMayNotSettle() {
            Command byHandler = Command.of("settle", HANDLER, day(5),
                    new SettleDisbursement("pay", "OUT-1"));
            scenario.refuses(byHandler, PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "HANDLER",
                    "may not SettleDisbursement; that needs one of [FINANCE]");
        }
    }

    @Nested
    class Returning {

        private Scenario paidOnDay2(Scenario scenario) {
            scenario.withCase(1);
            scenario.receive("r-1", 1, "100.00", 1);   // r-1's lot
            scenario.run(notice("pay", 2, 1, "100.00"));
            return scenario;
        }

        private Command recordReturn(String key, Actor actor, int day, String reason) {
            return Command.of(key, actor, day(day), new ReturnDisbursement("pay", reason));
        }

        @Test
        void returnedMoneyComesBackAsANewLotWhoseClockStartsOnTheReturnDate() {
            Scenario scenario = paidOnDay2(Scenario.opened());
            CommandResult result = scenario.run(recordReturn("return", FINANCE, 5, "收款账户已销户"));

            assertEquals(EventKind.DISBURSEMENT_RETURNED, result.event().kind());
            assertEquals(List.of(Posting.debit(TRANSIT, cny("100.00")),
                    Posting.credit(caseAccount(1), cny("100.00"))), result.event().postings());
            assertEquals(cny("100.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(TRANSIT));
            assertEquals(new AccountBalance(BANK_CNY, cny("100.00"), cny("0.00"), cny("100.00")),
                    scenario.figures(BANK_CNY));

            Lot lot = scenario.view().openLots(caseAccount(1), CNY).get(0);
            assertEquals(new LotId(result.event().sequence(), 1), lot.id());
            assertEquals(cny("100.00"), lot.remaining());
            assertEquals(day(1), lot.arrivalDate(), "the money first reached the court on day 1");
            assertEquals(day(5), lot.clockStart(), "it has to be paid again: a new clock");
            assertEquals("r-1", lot.receipt());
            assertEquals(cny("0.00"), remaining(scenario, afterOpening(2), 1));

            DisbursementRecord record = scenario.view().disbursement("pay").orElseThrow();
            assertEquals(DisbursementRecord.Status.RETURNED, record.status());
            assertEquals(Optional.of(day(5)), record.finishedOn());

            // It can be paid again.
            scenario.run(notice("pay-again", 6, 1, "100.00"));
            assertEquals(cny("100.00"), scenario.balance(TRANSIT));
        }

        @Test
        void underAPolicyThatKeepsTheClockTheReturnedLotKeepsItsClockStart() {
            Policy keep = Policy.defaults().toBuilder().returnedMoneyRestartsClock(false).build();
            Scenario scenario = paidOnDay2(Scenario.opened(keep));
            scenario.run(recordReturn("return", FINANCE, 5, "户名不符"));
            Lot lot = scenario.view().openLots(caseAccount(1), CNY).get(0);
            assertEquals(day(1), lot.arrivalDate());
            assertEquals(day(1), lot.clockStart());
        }

        @Test
        void aSettledDisbursementCannotBeReturned() {
            Scenario scenario = paidOnDay2(Scenario.opened());
            scenario.run(settle("settle", 3, "pay"));
            scenario.refuses(recordReturn("return", FINANCE, 5, "退回"), StateConflictException.class,
                    ErrorCode.ALREADY_FINISHED, "disbursement", "pay",
                    "was already settled on 2025-01-04");
        }

        @Test
        void aReturnDatedBeforeTheNoticeOrByAHandlerIsRefused() {
            Scenario scenario = paidOnDay2(Scenario.opened());
            scenario.refuses(recordReturn("return", FINANCE, 1, "退回"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "disbursement", "pay",
                    "its latest change (issue, or a reversal that reopened it) is dated 2025-01-03");
            scenario.refuses(recordReturn("return", HANDLER, 3, "退回"),
                    PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED, "actor.roles",
                    "HANDLER", "may not ReturnDisbursement");
        }

        @Test
        void aReturnedDisbursementCannotBeSettled() {
            Scenario scenario = paidOnDay2(Scenario.opened());
            scenario.run(recordReturn("return", FINANCE, 3, "退回"));
            scenario.refuses(settle("settle", 4, "pay"), StateConflictException.class,
                    ErrorCode.ALREADY_FINISHED, "disbursement", "pay",
                    "was already returned on 2025-01-04");
        }
    }

    @Nested
    class ExecutionFees {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Command charge(String key, int day, Money enforced) {
            return Command.of(key, HANDLER, day(day),
                    new ChargeExecutionFee(caseNumber(1), enforced));
        }

        private Command sweep(String amount) {
            return Command.of("sweep", FINANCE, day(3), new SweepFees(cny(amount), BANK, "FEE-1"));
        }

        @Test
        void theStatutoryFeeMovesFromTheCaseToCourtFees() {
            scenario.receive("r-1", 1, "1000000.00", 1);
            CommandResult result = scenario.run(charge("fee", 2, cny("1000000.00")));

            // 50 + 1.5% × 490,000 + 1% × 500,000 = 50 + 7,350 + 5,000 = 12,400.00
            assertEquals(EventKind.EXECUTION_FEE_CHARGED, result.event().kind());
            assertEquals(new ExecutionFeeCharged(caseNumber(1), cny("1000000.00"), cny("12400.00")),
                    result.event().payload());
            assertEquals(List.of(Posting.debit(caseAccount(1), cny("12400.00")),
                    Posting.credit(AccountId.COURT_FEES, cny("12400.00"))),
                    result.event().postings());
            // 1,000,000.00 − 12,400.00 = 987,600.00
            assertEquals(cny("987600.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("12400.00"), scenario.balance(AccountId.COURT_FEES));
            assertEquals(cny("1000000.00"), scenario.balance(BANK_CNY),
                    "the fee is still in the bank");
            assertEquals(cny("987600.00"), remaining(scenario, afterOpening(2), 1));
        }

        @Test
        void aFeeAboveTheCaseMoneyIsRefused() {
            scenario.receive("r-1", 1, "10000.00", 1);
            InsufficientFundsException refusal = scenario.refuses(charge("fee", 2,
                            cny("1000000.00")), InsufficientFundsException.class,
                    ErrorCode.INSUFFICIENT_FUNDS, "enforcedAmount", money("1000000.00"),
                    "case:（2025）京02执1号 has CNY 10000.00 available but CNY 12400.00 is needed;"
                            + " the fee on CNY 1000000.00 is CNY 12400.00");
            assertEquals(cny("12400.00"), refusal.requested());
            assertEquals(cny("10000.00"), refusal.available());
        }
        @Test
        void aFeeRefusalReportsTheEnforcedAmountItNames() {
            scenario.receive("r-1", 1, "10000.00", 1);
            // LedgerException.value() is "the value that field had": the enforced 1,000,000.00,
            // not the 12,400.00 fee on it that the case lacks.
            InsufficientFundsException refusal = scenario.refuses(charge("fee", 2,
                            cny("1000000.00")), InsufficientFundsException.class,
                    ErrorCode.INSUFFICIENT_FUNDS, "enforcedAmount", money("1000000.00"),
                    "the fee on CNY 1000000.00 is CNY 12400.00; it is settled out of the case's money");
            assertEquals(Optional.of(money("1000000.00")), refusal.value());
        }

        @Test
        void anEnforcedAmountInDollarsIsRefused() {
            scenario.receive("r-1", 1, "10000.00", 1);
            scenario.refuses(charge("fee", 2, Money.of(USD, 1000)), InvalidInputException.class,
                    ErrorCode.CURRENCY_MISMATCH, "enforcedAmount", "USD 1000.00",
                    "give the enforced amount in CNY");
        }

        @Test
        void sweepingMovesFeesOutOfTheBank() {
            scenario.receive("r-1", 1, "1000000.00", 1);
            scenario.run(charge("fee", 2, cny("1000000.00")));
            CommandResult result = scenario.run(sweep("12400.00"));

            assertEquals(EventKind.FEES_SWEPT, result.event().kind());
            assertEquals(new FeesSwept(cny("12400.00"), BANK, "FEE-1"), result.event().payload());
            assertEquals(cny("0.00"), scenario.balance(AccountId.COURT_FEES));
            // 1,000,000.00 − 12,400.00 = 987,600.00, all of it the case's.
            assertEquals(cny("987600.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("987600.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void sweepingMoreThanTheFeesIsRefused() {
            scenario.receive("r-1", 1, "1000000.00", 1);
            scenario.run(charge("fee", 2, cny("1000000.00")));
            InsufficientFundsException refusal = scenario.refuses(sweep("12400.01"),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    money("12400.01"),
                    "court-fees has CNY 12400.00 available but CNY 12400.01 is needed;"
                            + " fees charged and not yet swept on 2025-01-04");
            assertEquals(cny("12400.00"), refusal.available());
        }
    }

    @Nested
    class Transfers {
        private final Scenario scenario = Scenario.opened().withCase(1).withCase(2);

        private Command transfer(String key, int day, String amount) {
            return Command.of(key, HANDLER, day(day), new TransferBetweenCases(caseNumber(1),
                    caseNumber(2), cny(amount), "执行依据变更"));
        }

        @Test
        void theTransferredLotsKeepTheirArrivalAndClock() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.receive("r-2", 3, "50.00", 1);
            CommandResult result = scenario.run(transfer("move", 4, "120.00").approvedBy(BY_HEAD));

            assertEquals(EventKind.CASE_FUNDS_TRANSFERRED, result.event().kind());
            assertEquals(new CaseFundsTransferred(caseNumber(1), caseNumber(2), cny("120.00"),
                    "执行依据变更"), result.event().payload());
            assertEquals(List.of(Posting.debit(caseAccount(1), cny("120.00")),
                    Posting.credit(caseAccount(2), cny("120.00"))), result.event().postings());
            // 150.00 − 120.00 = 30.00 stays, all of it from r-2.
            assertEquals(cny("30.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("120.00"), scenario.balance(caseAccount(2)));

            List<Lot> moved = scenario.view().openLots(caseAccount(2), CNY);
            assertEquals(2, moved.size());
            assertEquals(cny("100.00"), moved.get(0).remaining());
            assertEquals(day(1), moved.get(0).arrivalDate());
            assertEquals(day(1), moved.get(0).clockStart());
            assertEquals("r-1", moved.get(0).receipt());
            assertEquals(cny("20.00"), moved.get(1).remaining());
            assertEquals(day(3), moved.get(1).arrivalDate());
            assertEquals(day(3), moved.get(1).clockStart());
            assertEquals("r-2", moved.get(1).receipt());
        }

        @Test
        void aTransferToTheSameCaseCannotBeWritten() {
            Scenario.assertRefusedAtConstruction(scenario.ledger, () -> new TransferBetweenCases(
                            caseNumber(1), caseNumber(1), cny("1.00"), "同案"),
                    InvalidInputException.class, ErrorCode.INVALID_VALUE, "toCase",
                    "（2025）京02执1号", "is the same case as fromCase");
        }

        @Test
        void moreThanTheCaseHoldsIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(transfer("move", 2, "100.01").approvedBy(BY_HEAD),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    money("100.01"), "case:（2025）京02执1号 has CNY 100.00 available but CNY 100.01 is needed");
        }

        @Test
        void aTransferWithoutApprovalIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(transfer("move", 2, "50.00"), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a transfer between cases needs approval by [DIVISION_HEAD]");
        }
    }

    @Nested
    class Distributions {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Distribute.Creditor creditor(String name, String claimed, ProRata.Rank rank) {
            return new Distribute.Creditor(name, cny(claimed), rank,
                    BankDetails.of(name, "6222-" + name, "工商银行"));
        }

        private Distribute.Creditor ordinary(String name) {
            return creditor(name, "100.00", ProRata.Rank.ORDINARY);
        }

        private Command distribute(String key, int day, String total,
                Distribute.Creditor... creditors) {
            return Command.of(key, HANDLER, day(day), new Distribute(caseNumber(1), cny(total),
                    List.of(creditors), Optional.empty())).approvedBy(BY_HEAD);
        }

        private List<Money> allocated(CommandResult result) {
            return ((DistributionIssued) result.event().payload()).shares().stream()
                    .map(DistributionShare::allocated).toList();
        }

        @Test
        void oneHundredAmongThreeEqualClaimsEachShareAPayoutOfItsOwn() {
            scenario.receive("r-1", 1, "100.00", 1);
            CommandResult result = scenario.run(distribute("dist", 2, "100.00", ordinary("甲"),
                    ordinary("乙"), ordinary("丙")));

            // 10,000 fen × 1/3 = 3,333 fen each, remainder 1 fen to the first by the tie-break.
            assertEquals(EventKind.DISTRIBUTION_ISSUED, result.event().kind());
            DistributionIssued issued = (DistributionIssued) result.event().payload();
            List<DistributionShare> shares = issued.shares();
            assertEquals(List.of("dist#1", "dist#2", "dist#3"),
                    shares.stream().map(DistributionShare::disbursement).toList());
            assertEquals(List.of(cny("33.34"), cny("33.33"), cny("33.33")), allocated(result));
            assertEquals(List.of(Posting.debit(caseAccount(1), cny("100.00")),
                    Posting.credit(TRANSIT, cny("100.00"))), result.event().postings());
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("100.00"), scenario.balance(TRANSIT));
            for (int n = 1; n <= 3; n++) {
                DisbursementRecord share = scenario.view().disbursement("dist#" + n).orElseThrow();
                assertEquals(Disbursement.DISTRIBUTION_SHARE, share.kind());
                assertEquals(shares.get(n - 1).allocated(), share.amount());
                assertEquals(shares.get(n - 1).payee(), share.payee());
            }

            scenario.run(settle("settle-2", 3, "dist#2"));
            assertEquals(DisbursementRecord.Status.ISSUED, status(scenario, "dist#1"));
            assertEquals(DisbursementRecord.Status.SETTLED, status(scenario, "dist#2"));
            assertEquals(DisbursementRecord.Status.ISSUED, status(scenario, "dist#3"));
            // 100.00 − 33.33 = 66.67 still in transit and pending at the bank.
            assertEquals(cny("66.67"), scenario.balance(TRANSIT));
            assertEquals(new AccountBalance(BANK_CNY, cny("66.67"), cny("66.67"), cny("0.00")),
                    scenario.figures(BANK_CNY));

            scenario.run(Command.of("return-1", FINANCE, day(4),
                    new ReturnDisbursement("dist#1", "账号错误")));
            assertEquals(cny("33.34"), scenario.balance(caseAccount(1)));
            scenario.run(settle("settle-3", 4, "dist#3"));
            assertEquals(cny("0.00"), scenario.balance(TRANSIT));
            assertEquals(cny("33.34"), scenario.balance(BANK_CNY));
        }

        @Test
        void sharesTakeTheLotsInOrderEachItsOwnPart() {
            scenario.receive("r-1", 1, "50.00", 1);    // r-1's lot
            scenario.receive("r-2", 2, "50.00", 1);    // r-2's lot
            scenario.run(distribute("dist", 3, "100.00", ordinary("甲"), ordinary("乙"),
                    ordinary("丙")));
            // #1 takes 33.34 of r-1's lot; #2 its last 16.66 and 16.67 of r-2's; #3 33.33 of r-2's.
            List<LotMovement> second = scenario.view().disbursement("dist#2").orElseThrow()
                    .consumed();
            assertEquals(List.of(new LotId(afterOpening(2), 1), new LotId(afterOpening(3), 1)),
                    second.stream().map(LotMovement::lot).toList());
            assertEquals(List.of(cny("16.66"), cny("16.67")),
                    second.stream().map(LotMovement::amount).toList());

            // Returning #2 gives back exactly those two parts, as new lots with their arrivals.
            scenario.run(Command.of("return-2", FINANCE, day(4),
                    new ReturnDisbursement("dist#2", "账号错误")));
            List<Lot> back = scenario.view().openLots(caseAccount(1), CNY);
            assertEquals(List.of(cny("16.66"), cny("16.67")),
                    back.stream().map(Lot::remaining).toList());
            assertEquals(List.of(day(1), day(2)), back.stream().map(Lot::arrivalDate).toList());
        }

        @Test
        void costsArePaidFirst() {
            scenario.receive("r-1", 1, "100.00", 1);
            CommandResult result = scenario.run(distribute("dist", 2, "100.00", ordinary("甲"),
                    creditor("评估机构", "30.00", ProRata.Rank.ENFORCEMENT_COSTS), ordinary("乙")));
            // Costs 30.00 in full; the 70.00 left split 35.00 / 35.00.
            assertEquals(List.of(cny("35.00"), cny("30.00"), cny("35.00")), allocated(result));
            DisbursementRecord costs = scenario.view().disbursement("dist#2").orElseThrow();
            assertEquals(cny("30.00"), costs.amount());
        }

        @Test
        void aTotalAboveTheClaimsIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(distribute("dist", 2, "100.00",
                            creditor("甲", "30.00", ProRata.Rank.ORDINARY),
                            creditor("乙", "40.00", ProRata.Rank.ORDINARY)),
                    InvalidInputException.class, ErrorCode.INVALID_AMOUNT, "total", money("100.00"),
                    "exceeds the claims by CNY 30.00; distribute at most the claims and refund"
                            + " the surplus to the debtor (RefundSurplus)");
        }

        @Test
        void aTotalAboveTheCaseMoneyIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(distribute("dist", 2, "150.00", ordinary("甲"), ordinary("乙")),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "total",
                    money("150.00"), "case:（2025）京02执1号 has CNY 100.00 available but CNY 150.00 is needed");
        }
        @Test
        void aDisbursementIdIsNeverTakenTwice() {
            scenario.receive("r-1", 1, "1000.00", 1);
            scenario.run(distribute("dist", 2, "100.00", ordinary("甲")));
            // Disbursement ids are keys, or key#n for shares: the key "dist#1" is free as a key,
            // but as a payout notice it would name the same disbursement as the first share, so
            // it is refused and the share's record stays as it was.
            scenario.refuses(notice("dist#1", 3, 1, "50.00"), StateConflictException.class,
                    ErrorCode.ALREADY_EXISTS, "idempotencyKey", "dist#1",
                    "would issue disbursement 'dist#1', which already exists");
            DisbursementRecord share = scenario.view().disbursement("dist#1").orElseThrow();
            assertEquals(Disbursement.DISTRIBUTION_SHARE, share.kind());
            assertEquals(cny("100.00"), share.amount());
        }

        @Test
        void claimsInDollarsWithATotalInYuanAreRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(distribute("dist", 2, "50.00", dollarClaim()),
                    InvalidInputException.class, ErrorCode.CURRENCY_MISMATCH,
                    "creditors[0].claimed", "USD 50.00",
                    "is in USD but the amount to distribute is in CNY");
        }
        @Test
        void aRefusedClaimIsNamedByTheCommandsOwnField() {
            scenario.receive("r-1", 1, "100.00", 1);
            // The pro-rata calculation names its input "claims[i]"; the refusal names the field
            // the caller wrote, "creditors[i]", never the calculation's internal list.
            scenario.refuses(distribute("dist", 2, "50.00", dollarClaim()),
                    InvalidInputException.class, ErrorCode.CURRENCY_MISMATCH,
                    "creditors[0].claimed", "USD 50.00", "is in USD");
            // The index is the creditor's place in the command: the second 乙 is creditors[2].
            scenario.refuses(distribute("dist", 2, "50.00", ordinary("甲"), ordinary("乙"),
                            ordinary("乙")),
                    InvalidInputException.class, ErrorCode.INVALID_VALUE,
                    "creditors[2].creditor", "乙", "each creditor holds one claim per distribution");
        }

        private Distribute.Creditor dollarClaim() {
            return new Distribute.Creditor("甲", Money.of(USD, 50), ProRata.Rank.ORDINARY,
                    BankDetails.of("甲", "6222-1", "中国银行"));
        }
    }

    @Nested
    class DepositsAndSurplus {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Command deposit(String amount, BankDetails payee, DepositReason reason) {
            return Command.of("deposit", HANDLER, day(2), new DepositWithNotary(caseNumber(1),
                    payee, cny(amount), reason, Optional.empty(), Optional.of("申请执行人下落不明")))
                    .approvedBy(BY_HEAD);
        }

        private Command surplus(BankDetails payee) {
            return Command.of("surplus", HANDLER, day(2), new RefundSurplus(caseNumber(1), payee,
                    cny("20.00"), Optional.empty(), Optional.empty())).approvedBy(BY_HEAD);
        }

        @Test
        void aDepositWithANotaryIsIssuedThenSettled() {
            scenario.receive("r-1", 1, "100.00", 1);
            BankDetails notary = BankDetails.of("北京市方圆公证处", "0200-9988", "工商银行北京分行");
            CommandResult issued = scenario.run(deposit("100.00", notary,
                    DepositReason.CREDITOR_UNKNOWN));

            assertEquals(EventKind.DEPOSIT_ISSUED, issued.event().kind());
            assertEquals(List.of(Posting.debit(caseAccount(1), cny("100.00")),
                    Posting.credit(AccountId.DEPOSITS_IN_TRANSIT, cny("100.00"))),
                    issued.event().postings());
            assertEquals(cny("100.00"), scenario.balance(AccountId.DEPOSITS_IN_TRANSIT));
            DisbursementRecord record = scenario.view().disbursement("deposit").orElseThrow();
            assertEquals(Disbursement.DEPOSIT, record.kind());
            assertEquals(notary, record.payee());

            scenario.run(settle("settle", 3, "deposit"));
            assertEquals(cny("0.00"), scenario.balance(AccountId.DEPOSITS_IN_TRANSIT));
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            assertEquals(DisbursementRecord.Status.SETTLED, status(scenario, "deposit"));
        }

        @Test
        void aSurplusGoesBackToTheDebtor() {
            scenario.receive("r-1", 1, "100.00", 1);
            CommandResult issued = scenario.run(surplus(debtorAccount(1)));

            assertEquals(EventKind.SURPLUS_REFUND_ISSUED, issued.event().kind());
            assertEquals(cny("20.00"), scenario.balance(AccountId.REFUNDS_IN_TRANSIT));
            assertEquals(cny("80.00"), scenario.balance(caseAccount(1)));
            DisbursementRecord record = scenario.view().disbursement("surplus").orElseThrow();
            assertEquals(Disbursement.SURPLUS_REFUND, record.kind());
            assertEquals(debtorAccount(1), record.payee());

            scenario.run(settle("settle", 3, "surplus"));
            assertEquals(cny("80.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("0.00"), scenario.balance(AccountId.REFUNDS_IN_TRANSIT));
        }

        @Test
        void aSurplusToSomeoneNotADebtorIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(surplus(creditorAccount(1)), InvalidInputException.class,
                    ErrorCode.INVALID_VALUE, "payee.holder", "债权人1",
                    "is not a debtor of （2025）京02执1号; a surplus goes back to the debtor");
        }

        @Test
        void aDepositAboveTheCaseMoneyIsRefused() {
            scenario.receive("r-1", 1, "100.00", 1);
            scenario.refuses(deposit("100.01", creditorAccount(1), DepositReason.CREDITOR_REFUSES),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    money("100.01"), "has CNY 100.00 available but CNY 100.01 is needed");
            assertTrue(scenario.view().disbursement("deposit").isEmpty());
        }
    }
}
