package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.BANK_CNY;
import static org.casefunds.ledger.commands.Scenario.UNIDENTIFIED;
import static org.casefunds.ledger.commands.Scenario.assertRefusedAtConstruction;
import static org.casefunds.ledger.commands.Scenario.caseAccount;
import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.money;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.commands.Scenario.settle;
import static org.casefunds.ledger.commands.Scenario.unidentifiedReceipt;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.USD;
import static org.casefunds.ledger.testing.Fixtures.USD_BANK;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.events.UnidentifiedClaimed;
import org.casefunds.ledger.events.UnidentifiedRefundIssued;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.joda.money.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Goal: money arriving is recorded once and routed to the right case (sub-account, case number
 * given, case number in the memo) or left unidentified when no single open case can be
 * determined; unidentified money is claimed into cases or refunded to its payer; every refusal
 * names the field and value and changes nothing.
 *
 * <p>Method: examples on the test court; balances are read from the view, lots by their ids
 * ({@code sequence.index}, the sequence being the creating event's: counted after the opening:
 * the first case is {@code afterOpening(1)} and the first receipt {@code afterOpening(2)}).
 */
class ReceiptCommandsTest {

    private static Command receiptWith(String key, int day, String amount, String memo,
            Optional<String> subAccountNumber, Optional<CaseNumber> caseNumber) {
        RecordReceipt request = new RecordReceipt(BANK, "SN-" + key, cny(amount), Payer.unknown(),
                Optional.ofNullable(memo), ReceiptSource.DEBTOR_PAYMENT, subAccountNumber,
                caseNumber);
        return Command.of(key, ADMINISTRATOR, day(day), request);
    }

    /** A receipt with only a memo to route it by. */
    private static Command receiptWithMemo(String key, String memo) {
        return receiptWith(key, 2, "300.00", memo, Optional.empty(), Optional.empty());
    }

    /** A receipt by {@code actor} on BANK, paid to the sub-account of case 1. */
    private static Command receiptBy(Actor actor, String account, Money amount) {
        return Command.of("r-1", actor, day(2), RecordReceipt.of(account, "SN-1", amount,
                Payer.unknown(), null, ReceiptSource.OTHER, subAccount(1)));
    }

    private static ReceiptRecorded recorded(CommandResult result) {
        return (ReceiptRecorded) result.event().payload();
    }

    @Nested
    class RoutingAReceipt {
        private final Scenario scenario = Scenario.opened().withCase(1).withCase(2);

        @Test
        void bySubAccount() {
            CommandResult result = scenario.run(receipt("r-1", 2, "65000.00", 1));

            assertEquals(EventKind.RECEIPT_RECORDED, result.event().kind());
            ReceiptRecorded recorded = recorded(result);
            assertEquals(Routing.SUB_ACCOUNT, recorded.routing());
            assertEquals(Optional.of(caseNumber(1)), recorded.caseNumber());
            assertEquals(Optional.of(subAccount(1)), recorded.subAccountNumber());
            assertEquals("SN-r-1", recorded.bankReference());
            assertFalse(recorded.onRetiredAccount());
            assertEquals(List.of(Posting.debit(BANK_CNY, cny("65000.00")),
                    Posting.credit(caseAccount(1), cny("65000.00"))), result.event().postings());

            assertEquals(cny("65000.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("65000.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(UNIDENTIFIED));

            // After the opening, two events open the cases: the receipt is afterOpening(3), its lot afterOpening(3).1.
            Lot lot = scenario.view().lot(new LotId(afterOpening(3), 1)).orElseThrow();
            assertEquals(caseAccount(1), lot.account());
            assertEquals(cny("65000.00"), lot.remaining());
            assertEquals(day(2), lot.arrivalDate());
            assertEquals(day(2), lot.clockStart());
            assertEquals("r-1", lot.receipt());
            assertEquals(List.of(lot), scenario.view().openLots(caseAccount(1), CNY));

            Receipt receipt = scenario.view().receipt("r-1").orElseThrow();
            assertEquals(day(2), receipt.valueDate());
            assertFalse(receipt.reversed());
        }

        @Test
        void byTheCaseNumberGiven() {
            CommandResult result = scenario.run(receiptWith("r-1", 2, "300.00", null,
                    Optional.empty(), Optional.of(caseNumber(2))));
            assertEquals(Routing.CASE_NUMBER, recorded(result).routing());
            assertEquals(Optional.of(caseNumber(2)), recorded(result).caseNumber());
            assertEquals(cny("300.00"), scenario.balance(caseAccount(2)));
        }

        @Test
        void byTheCaseNumberInTheMemoWrittenWithHalfWidthParenthesesAndSpaces() {
            CommandResult result = scenario.run(receiptWithMemo("r-1", "还款 (2025) 京02 执 2 号 张三"));
            assertEquals(Routing.CASE_NUMBER, recorded(result).routing());
            assertEquals(Optional.of(caseNumber(2)), recorded(result).caseNumber());
            assertEquals(cny("300.00"), scenario.balance(caseAccount(2)));
        }

        @Test
        void aMemoNamingTwoOpenCasesLeavesItUnidentified() {
            CommandResult result = scenario.run(receiptWithMemo("r-1",
                    "(2025)京02执1号及(2025)京02执2号案款"));
            assertEquals(Routing.UNIDENTIFIED, recorded(result).routing());
            assertEquals(Optional.empty(), recorded(result).caseNumber());
            assertEquals(cny("300.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(2)));
            assertEquals(List.of(Posting.debit(BANK_CNY, cny("300.00")),
                    Posting.credit(UNIDENTIFIED, cny("300.00"))), result.event().postings());
            Lot waiting = scenario.view().openLotsOfReceipt("r-1").get(0);
            assertEquals(cny("300.00"), waiting.remaining());
        }

        @Test
        void aMemoNamingOneOpenCaseAndOneUnknownCaseGoesToTheOpenOne() {
            CommandResult result = scenario.run(receiptWithMemo("r-1",
                    "(2025)京02执1号 (2025)京02执99号"));
            assertEquals(Routing.CASE_NUMBER, recorded(result).routing());
            assertEquals(Optional.of(caseNumber(1)), recorded(result).caseNumber());
        }

        @Test
        void anUnknownSubAccountLeavesItUnidentified() {
            CommandResult result = scenario.run(receiptWith("r-1", 2, "300.00", null,
                    Optional.of("88009"), Optional.empty()));
            assertEquals(Routing.UNIDENTIFIED, recorded(result).routing());
            assertEquals(Optional.of("88009"), recorded(result).subAccountNumber(),
                    "kept for screening");
            assertEquals(cny("300.00"), scenario.balance(UNIDENTIFIED));
        }

        @Test
        void aCaseOpenedAfterTheValueDateDoesNotReceiveIt() {
            scenario.withCase(3, 5);
            // The money arrived on day 2, before case 3's fund record existed (day 5).
            CommandResult result = scenario.run(receiptWith("r-1", 2, "300.00", "(2025)京02执3号",
                    Optional.of(subAccount(3)), Optional.of(caseNumber(3))));
            assertEquals(Routing.UNIDENTIFIED, recorded(result).routing());
            assertEquals(cny("300.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(3)));
        }

        @Test
        void aCaseNumberGivenForACaseNotOpenYetIsKeptForScreening() {
            scenario.withCase(3, 5);
            // No sub-account, no memo: only the case number given, of a case opened on day 5.
            CommandResult result = scenario.run(receiptWith("r-1", 2, "300.00", null,
                    Optional.empty(), Optional.of(caseNumber(3))));
            ReceiptRecorded recorded = recorded(result);
            assertEquals(Routing.UNIDENTIFIED, recorded.routing());
            assertEquals(Optional.empty(), recorded.caseNumber(), "not routed to it");
            assertEquals(Optional.of(caseNumber(3)), recorded.namedCase(), "but it keeps the name");
            assertEquals(List.of(Posting.debit(BANK_CNY, cny("300.00")),
                    Posting.credit(UNIDENTIFIED, cny("300.00"))), result.event().postings());
            assertEquals(cny("300.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(3)));
            assertEquals(Optional.of(caseNumber(3)),
                    scenario.view().receipt("r-1").orElseThrow().details().namedCase());
        }

        @Test
        void aCaseNumberGivenThatRoutesTheReceiptIsKeptAsNamedToo() {
            CommandResult result = scenario.run(receiptWith("r-1", 2, "300.00", null,
                    Optional.empty(), Optional.of(caseNumber(2))));
            assertEquals(Optional.of(caseNumber(2)), recorded(result).caseNumber());
            assertEquals(Optional.of(caseNumber(2)), recorded(result).namedCase());
            // A receipt given no case number names none.
            CommandResult memo = scenario.run(receiptWithMemo("r-2", "(2025)京02执1号"));
            assertEquals(Optional.of(caseNumber(1)), recorded(memo).caseNumber());
            assertEquals(Optional.empty(), recorded(memo).namedCase());
        }

        @Test
        void theSubAccountWinsOverTheCaseNumberGiven() {
            CommandResult result = scenario.run(receiptWith("r-1", 2, "300.00", "(2025)京02执2号",
                    Optional.of(subAccount(1)), Optional.of(caseNumber(2))));
            assertEquals(Routing.SUB_ACCOUNT, recorded(result).routing());
            assertEquals(Optional.of(caseNumber(1)), recorded(result).caseNumber());
        }
    }

    @Nested
    class RecordingRefusals {
        private final Scenario scenario = Scenario.opened().withCase(1);

        @Test
        void aBankReferenceIsRecordedOncePerAccountUntilItsReceiptIsReversed() {
            scenario.run(receipt("r-1", 2, "100.00", 1));
            Command again = Command.of("r-2", ADMINISTRATOR, day(3), RecordReceipt.of(BANK,
                    "SN-r-1", cny("200.00"), Payer.unknown(), null, ReceiptSource.OTHER,
                    subAccount(1)));
            scenario.refuses(again, StateConflictException.class, ErrorCode.ALREADY_EXISTS,
                    "bankReference", "SN-r-1",
                    "is already recorded on 110060001 by receipt 'r-1' (event " + afterOpening(2) + ")");

            scenario.run(Command.of("undo-r-1", ADMINISTRATOR, day(3), new Reverse("r-1", "重复导入"))
                    .approvedBy(BY_DIRECTOR));
            scenario.run(again);
            assertEquals(cny("200.00"), scenario.balance(caseAccount(1)));
            Receipt now = scenario.view().receiptByBankReference(BANK, "SN-r-1").orElseThrow();
            assertEquals("r-2", now.key());
        }

        @Test
        void theSameBankReferenceOnAnotherMasterAccountIsAnotherReceipt() {
            scenario.run(receipt("r-1", 2, "100.00", 1));
            scenario.run(Command.of("r-2", ADMINISTRATOR, day(2), RecordReceipt.of(USD_BANK,
                    "SN-r-1", Money.of(USD, 10), Payer.unknown(), null, ReceiptSource.OTHER,
                    null)));
            assertEquals(Money.of(USD, 10), scenario.view().balance(AccountId.bank(USD_BANK), USD));
        }

        @Test
        void anAmountInAnotherCurrencyThanTheAccountIsRefused() {
            scenario.refuses(receiptBy(ADMINISTRATOR, BANK, Money.of(USD, 100)),
                    InvalidInputException.class, ErrorCode.CURRENCY_MISMATCH, "amount",
                    "USD 100.00", "is in USD but master account 110060001 is in CNY");
        }

        @Test
        void anUnknownBankAccountIsRefused() {
            scenario.refuses(receiptBy(ADMINISTRATOR, "999", cny("100.00")),
                    NotFoundException.class, ErrorCode.UNKNOWN_BANK_ACCOUNT, "bankAccount", "999",
                    "is not a master account of this ledger");
        }

        @Test
        void aValueDateBeforeTheLedgerOpenedIsRefused() {
            scenario.refuses(receipt("r-1", 0, "100.00", 1), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "effectiveDate", "2025-01-01",
                    "the ledger opened on 2025-01-02, after the command's effective date");
        }

        @Test
        void aHandlerMayNotRecordReceipts() {
            scenario.refuses(receiptBy(HANDLER, BANK, cny("1.00")), PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "HANDLER",
                    "may not RecordReceipt; that needs one of");
        }

        @Test
        void financeMayRecordReceiptsToo() {
            scenario.run(receiptBy(FINANCE, BANK, cny("1.00")));
            assertEquals(cny("1.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void zeroAndNegativeAmountsCannotBeWritten() {
            assertRefusedAtConstruction(scenario.ledger, () -> receiptBy(ADMINISTRATOR, BANK,
                            cny("0.00")), InvalidInputException.class, ErrorCode.INVALID_AMOUNT,
                    "amount", "CNY 0.00", "must be greater than zero");
            assertRefusedAtConstruction(scenario.ledger, () -> receiptBy(ADMINISTRATOR, BANK,
                            cny("-5.00")), InvalidInputException.class, ErrorCode.INVALID_AMOUNT,
                    "amount", "CNY -5.00", "must be greater than zero");
            // The opening (3 events) and case 1: nothing more.
            assertEquals(afterOpening(1), scenario.journal().size());
        }

        @Test
        void anAmountWithMoreDecimalsThanTheCurrencyIsRefusedWhenParsed() {
            assertRefusedAtConstruction(scenario.ledger,
                    () -> Amounts.parse("10.001", CNY, "amount"),
                    InvalidInputException.class, ErrorCode.INVALID_AMOUNT, "amount", "10.001",
                    "has more decimals than CNY allows (2)");
        }

        @Test
        void aCaseNumberWithoutItsYearIsRefusedWhenParsed() {
            assertRefusedAtConstruction(scenario.ledger, () -> CaseNumber.parse("京02执123"),
                    InvalidInputException.class, ErrorCode.INVALID_CASE_NUMBER, "caseNumber",
                    "京02执123", "the year");
            assertEquals(afterOpening(1), scenario.journal().size());
        }
    }

    @Nested
    class Claiming {
        private final Scenario scenario = Scenario.opened().withCase(1).withCase(2);

        private Command claim(String key, int day, String receipt, int caseN, String amount) {
            return Command.of(key, ADMINISTRATOR, day(day), new ClaimUnidentified(receipt,
                    caseNumber(caseN), cny(amount), Optional.of("按付款人姓名甄别")));
        }

        @Test
        void theClaimedLotKeepsTheArrivalDateAsItsClockStartByDefault() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            CommandResult result = scenario.run(claim("claim-1", 5, "u-1", 1, "500.00"));

            assertEquals(EventKind.UNIDENTIFIED_CLAIMED, result.event().kind());
            assertEquals(new UnidentifiedClaimed("u-1", caseNumber(1), cny("500.00"),
                    Optional.of("按付款人姓名甄别")), result.event().payload());
            assertEquals(List.of(Posting.debit(UNIDENTIFIED, cny("500.00")),
                    Posting.credit(caseAccount(1), cny("500.00"))), result.event().postings());
            assertEquals(cny("0.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("500.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("500.00"), scenario.balance(BANK_CNY));

            Lot lot = scenario.view().openLots(caseAccount(1), CNY).get(0);
            assertEquals(new LotId(result.event().sequence(), 1), lot.id());
            assertEquals(day(2), lot.arrivalDate());
            assertEquals(day(2), lot.clockStart(),
                    "the money was in the court's account all along");
            assertEquals("u-1", lot.receipt());
            assertTrue(scenario.view().openLotsOfReceipt("u-1").isEmpty());
        }

        @Test
        void underThePolicyClaimTheClockStartsOnTheClaimDate() {
            Policy claimPolicy = Policy.defaults().withClaimedClockStart(Policy.ClockStart.CLAIM);
            Scenario claimClock = Scenario.opened(claimPolicy).withCase(1);
            claimClock.run(unidentifiedReceipt("u-1", 2, "500.00"));
            claimClock.run(claim("claim-1", 5, "u-1", 1, "500.00"));

            Lot lot = claimClock.view().openLots(caseAccount(1), CNY).get(0);
            assertEquals(day(2), lot.arrivalDate());
            assertEquals(day(5), lot.clockStart());
        }

        @Test
        void twoPartialClaimsIntoTwoCases() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.run(claim("claim-1", 3, "u-1", 1, "120.00"));
            // 500.00 − 120.00 = 380.00 waits.
            assertEquals(cny("380.00"), scenario.balance(UNIDENTIFIED));
            Lot waiting = scenario.view().openLotsOfReceipt("u-1").get(0);
            assertEquals(cny("380.00"), waiting.remaining());

            scenario.run(claim("claim-2", 4, "u-1", 2, "380.00"));
            assertEquals(cny("0.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("120.00"), scenario.balance(caseAccount(1)));
            assertEquals(cny("380.00"), scenario.balance(caseAccount(2)));
            assertEquals(day(2), scenario.view().openLots(caseAccount(2), CNY).get(0).clockStart());
        }

        @Test
        void claimingMoreThanRemainsIsRefused() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.run(claim("claim-1", 3, "u-1", 1, "120.00"));
            InsufficientFundsException refusal = scenario.refuses(
                    claim("claim-2", 4, "u-1", 2, "400.00"), InsufficientFundsException.class,
                    ErrorCode.INSUFFICIENT_FUNDS, "amount", money("400.00"),
                    "unidentified receipt 'u-1' has CNY 380.00 available but CNY 400.00 is needed");
            assertEquals(cny("380.00"), refusal.available());
            assertEquals(cny("400.00"), refusal.requested());
        }

        @Test
        void aRoutedReceiptCannotBeClaimed() {
            scenario.run(receipt("r-1", 2, "500.00", 1));
            scenario.refuses(claim("claim-1", 3, "r-1", 2, "100.00"), StateConflictException.class,
                    ErrorCode.INVALID_STATE, "receipt", "r-1", "was routed to case （2025）京02执1号"
                            + " when it arrived; it is not an unidentified receipt");
        }

        @Test
        void anUnknownReceiptIsRefused() {
            scenario.refuses(claim("claim-1", 3, "no-such", 1, "100.00"), NotFoundException.class,
                    ErrorCode.UNKNOWN_RECEIPT, "receipt", "no-such",
                    "no receipt was recorded under this key");
        }

        @Test
        void aReversedReceiptCannotBeClaimed() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.run(Command.of("undo", ADMINISTRATOR, day(3), new Reverse("u-1", "银行冲正"))
                    .approvedBy(BY_DIRECTOR));
            scenario.refuses(claim("claim-1", 4, "u-1", 1, "100.00"), StateConflictException.class,
                    ErrorCode.ALREADY_REVERSED, "receipt", "u-1", "the receipt was reversed");
        }

        @Test
        void aClaimDatedBeforeTheReceiptIsRefused() {
            scenario.run(unidentifiedReceipt("u-1", 4, "500.00"));
            scenario.refuses(claim("claim-1", 3, "u-1", 1, "100.00"), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "receipt", "u-1", "the receipt arrived on 2025-01-05");
        }

        @Test
        void aHandlerMayNotClaim() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            Command byHandler = Command.of("claim-1", HANDLER, day(3),
                    ClaimUnidentified.of("u-1", caseNumber(1), cny("100.00")));
            scenario.refuses(byHandler, PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "HANDLER",
                    "may not ClaimUnidentified; that needs one of [FUND_ADMINISTRATOR]");
        }
    }

    @Nested
    class RefundingUnidentified {
        private final Scenario scenario = Scenario.opened().withCase(1);
        private final BankDetails payer = BankDetails.of("张三", "62170001", "建设银行北京分行");

        private Command refund(String key, int day, String amount) {
            return Command.of(key, ADMINISTRATOR, day(day),
                    new RefundUnidentified("u-1", cny(amount), payer, "付款人误汇"));
        }

        @Test
        void aRefundIsIssuedThenSettled() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));

            CommandResult issued = scenario.run(refund("refund-1", 3, "500.00")
                    .approvedBy(BY_HEAD));
            assertEquals(EventKind.UNIDENTIFIED_REFUND_ISSUED, issued.event().kind());
            assertEquals(new UnidentifiedRefundIssued("u-1", payer, cny("500.00"), BANK, "付款人误汇"),
                    issued.event().payload());
            // Issued: the money left the unidentified account but is still in the bank, pending.
            assertEquals(cny("0.00"), scenario.balance(UNIDENTIFIED));
            assertEquals(cny("500.00"), scenario.balance(AccountId.REFUNDS_IN_TRANSIT));
            assertEquals(new AccountBalance(BANK_CNY, cny("500.00"), cny("500.00"), cny("0.00")),
                    scenario.figures(BANK_CNY));
            DisbursementRecord record = scenario.view().disbursement("refund-1").orElseThrow();
            assertEquals(Disbursement.UNIDENTIFIED_REFUND, record.kind());
            assertEquals(UNIDENTIFIED, record.source());
            assertEquals(Optional.of("u-1"), record.receipt());
            assertEquals(DisbursementRecord.Status.ISSUED, record.status());

            scenario.run(settle("settle-1", 4, "refund-1"));
            assertEquals(cny("0.00"), scenario.balance(AccountId.REFUNDS_IN_TRANSIT));
            assertEquals(new AccountBalance(BANK_CNY, cny("0.00"), cny("0.00"), cny("0.00")),
                    scenario.figures(BANK_CNY));
            DisbursementRecord settled = scenario.view().disbursement("refund-1").orElseThrow();
            assertEquals(DisbursementRecord.Status.SETTLED, settled.status());
            assertEquals(Optional.of(day(4)), settled.finishedOn());
            assertEquals(Optional.of("OUT-settle-1"), settled.bankReference());
        }

        @Test
        void aPartialRefundLeavesTheRestToBeClaimed() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.run(refund("refund-1", 3, "200.00").approvedBy(BY_HEAD));
            // 500.00 − 200.00 = 300.00 still waits and can be claimed.
            assertEquals(cny("300.00"), scenario.balance(UNIDENTIFIED));
            scenario.run(Command.of("claim", ADMINISTRATOR, day(4),
                    ClaimUnidentified.of("u-1", caseNumber(1), cny("300.00"))));
            assertEquals(cny("300.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void aReturnedRefundWaitsToBeClaimedAgainWithItsArrivalDate() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.run(refund("refund-1", 3, "500.00").approvedBy(BY_HEAD));
            scenario.run(Command.of("back", FINANCE, day(4),
                    new ReturnDisbursement("refund-1", "户名不符")));
            Lot back = scenario.view().openLotsOfReceipt("u-1").get(0);
            assertEquals(cny("500.00"), back.remaining());
            assertEquals(day(2), back.arrivalDate());
            assertEquals(day(4), back.clockStart(), "its claiming clock restarts on the return");

            scenario.run(Command.of("claim", ADMINISTRATOR, day(5),
                    ClaimUnidentified.of("u-1", caseNumber(1), cny("500.00"))));
            Lot claimed = scenario.view().openLots(caseAccount(1), CNY).get(0);
            assertEquals(day(2), claimed.clockStart(), "claimed money keeps its arrival date");
        }

        @Test
        void aRefundWithoutApprovalIsRefused() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.refuses(refund("refund-1", 3, "500.00"), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a refund of an unidentified receipt needs approval by [DIVISION_HEAD]");
        }

        @Test
        void refundingMoreThanTheReceiptHoldsIsRefused() {
            scenario.run(unidentifiedReceipt("u-1", 2, "500.00"));
            scenario.refuses(refund("refund-1", 3, "500.01").approvedBy(BY_HEAD),
                    InsufficientFundsException.class, ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    money("500.01"), "unidentified receipt 'u-1' has CNY 500.00 available but CNY 500.01 is needed");
        }
    }
}
