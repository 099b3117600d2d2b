package org.casefunds.ledger.commands;

import org.casefunds.ledger.approvals.Approval;
import static org.casefunds.ledger.testing.Fixtures.AUDITOR;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import org.casefunds.ledger.approvals.Role;
import static org.casefunds.ledger.testing.Fixtures.STAFF_ADMIN;
import static org.casefunds.ledger.commands.Scenario.BANK_CNY;
import static org.casefunds.ledger.commands.Scenario.assertRefused;
import static org.casefunds.ledger.commands.Scenario.assertRefusedAtConstruction;
import static org.casefunds.ledger.commands.Scenario.caseAccount;
import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.notice;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.CLOCK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.COURT;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.HEAD;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.USD;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditor;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.debtor;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.events.BankAccountRetired;
import org.casefunds.ledger.events.CaseHandedOver;
import org.casefunds.ledger.events.CaseOpened;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.LedgerOpened;
import org.casefunds.ledger.events.PayeeConfirmed;
import org.casefunds.ledger.events.PayoutNoticeIssued;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Goal: the administrative commands (opening the ledger, master bank accounts) and the commands
 * about a case's fund record (opening it, handing it over, confirming payees) do what they say
 * and refuse every case they should, naming the field and value, without touching the journal.
 *
 * <p>Method: one small scenario per example on the test court of {@link Fixtures}; each refusal
 * goes through {@link Scenario#assertRefused}, which compares the journal before and after.
 */
class CaseCommandsTest {

    @Nested
    class OpeningTheLedger {

        @Test
        void theFirstCommandOpensTheLedgerForOneCourt() {
            Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), CLOCK);
            CommandResult result = ledger.execute(Fixtures.openLedger("open", DAY_ONE));

            Event event = result.event();
            assertFalse(result.repeated());
            assertEquals(EventKind.LEDGER_OPENED, event.kind());
            assertEquals(1, event.sequence());
            assertEquals(new LedgerOpened("京02", "北京市第二中级人民法院",
                    Optional.of(Fixtures.firstAdministrators())), event.payload());
            assertEquals(2, ledger.view().staffRegister().held("SYS.LIN", Role.STAFF_ADMINISTRATOR, DAY_ONE).size()
                    + ledger.view().staffRegister().held("sys.chen", Role.STAFF_ADMINISTRATOR, DAY_ONE).size(),
                    "both first administrators hold the role from the opening, whatever the case of their id");
            assertTrue(event.postings().isEmpty(), "opening moves no money");
            assertEquals(Optional.of("京02"), ledger.view().courtCode());
            assertEquals(Optional.of(DAY_ONE), ledger.view().openedOn());
        }

        @Test
        void aSecondOpeningIsRefused() {
            Ledger ledger = Fixtures.openedLedger();
            assertRefused(ledger, Command.of("open-again", STAFF_ADMIN, day(2),
                            new OpenLedger("京03", "北京市第三中级人民法院", Fixtures.firstAdministrators())),
                    StateConflictException.class, ErrorCode.ALREADY_EXISTS, "courtCode", "京03",
                    "already open for court 京02");
        }

        @Test
        void anyOtherCommandOnAnUnopenedLedgerIsRefused() {
            Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), CLOCK);
            Command register = Command.of("bank", FINANCE, DAY_ONE,
                    new RegisterBankAccount(BANK, CNY, "工商银行", "执行款专户"));
            assertRefused(ledger, register, StateConflictException.class, ErrorCode.INVALID_STATE,
                    "request", "RegisterBankAccount", "its first command is OpenLedger");
            assertEquals(0, Scenario.journal(ledger).size());
        }

        @Test
        void aHandlerMayNotOpenTheLedger() {
            Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), CLOCK);
            Command open = Command.of("open", HANDLER, DAY_ONE, new OpenLedger(COURT, "某法院",
                    Fixtures.firstAdministrators()));
            assertRefused(ledger, open, PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "HANDLER",
                    "may not OpenLedger; that needs one of [STAFF_ADMINISTRATOR]");
        }

        @Test
        void anAdministratorTheOpeningDoesNotNameMayNotOpenIt() {
            Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), CLOCK);
            Command open = Command.of("open", Actor.of("sys.zhang", Role.STAFF_ADMINISTRATOR), DAY_ONE,
                    new OpenLedger(COURT, "某法院", Fixtures.firstAdministrators()));
            assertRefused(ledger, open, PermissionDeniedException.class, ErrorCode.ROLE_NOT_HELD, "actor",
                    "sys.zhang", "is not one of the first administrators");
            assertEquals(0, Scenario.journal(ledger).size());
        }
    }

    @Nested
    class MasterBankAccounts {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Command retire(String key, int day) {
            return Command.of(key, FINANCE, day(day), new RetireBankAccount(BANK, "改用新开户行"));
        }

        @Test
        void registeringAnAccountAgainIsRefused() {
            // Fixtures.opening() registered BANK on day 1.
            BankAccount registered = scenario.view().bankAccount(BANK).orElseThrow();
            assertEquals(CNY, registered.currency());
            assertEquals(DAY_ONE, registered.registeredOn());
            assertFalse(registered.retired());

            scenario.refuses(Command.of("bank-again", FINANCE, day(2),
                            new RegisterBankAccount(BANK, USD, "中国银行", "另一个户名")),
                    StateConflictException.class, ErrorCode.ALREADY_EXISTS, "accountNumber", BANK,
                    "is already a master account");
        }

        @Test
        void aRetiredAccountStillRecordsReceiptsAndFlagsThem() {
            CommandResult retired = scenario.run(retire("retire", 2));
            assertEquals(EventKind.BANK_ACCOUNT_RETIRED, retired.event().kind());
            assertEquals(new BankAccountRetired(BANK, "改用新开户行"), retired.event().payload());
            assertTrue(scenario.view().bankAccount(BANK).orElseThrow().retired());

            CommandResult receipt = scenario.run(receipt("r-1", 3, "500.00", 1));
            ReceiptRecorded recorded = (ReceiptRecorded) receipt.event().payload();
            assertTrue(recorded.onRetiredAccount(), "money on an old account is flagged at once");
            assertEquals(Routing.SUB_ACCOUNT, recorded.routing());
            assertEquals(cny("500.00"), scenario.balance(BANK_CNY));
            assertEquals(cny("500.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void retiringTwiceIsRefused() {
            scenario.run(retire("retire", 2));
            scenario.refuses(retire("retire-again", 3), StateConflictException.class,
                    ErrorCode.INVALID_STATE, "accountNumber", BANK, "is already retired");
        }

        @Test
        void retiringAnUnknownAccountIsRefused() {
            Command unknown = Command.of("retire", FINANCE, day(2),
                    new RetireBankAccount("999", "无此账户"));
            scenario.refuses(unknown, NotFoundException.class, ErrorCode.UNKNOWN_BANK_ACCOUNT,
                    "accountNumber", "999", "register it first (RegisterBankAccount)");
        }

        @Test
        void aPayoutNamingTheRetiredAccountIsPaidFromIt() {
            // The 500.00 reached the account before it was retired and is still there, so a
            // notice that names the retired account is paid from it.
            scenario.run(receipt("r-1", 1, "500.00", 1));
            scenario.run(retire("retire", 2));
            Command pay = Command.of("pay", HANDLER, day(3), new IssuePayoutNotice(caseNumber(1),
                    creditorAccount(1), cny("100.00"), Optional.of(BANK), Optional.empty()))
                    .approvedBy(BY_HEAD);

            CommandResult paid = scenario.run(pay);
            assertEquals(EventKind.PAYOUT_NOTICE_ISSUED, paid.event().kind());
            assertEquals(BANK, ((PayoutNoticeIssued) paid.event().payload()).bankAccount());
            assertEquals(BANK, scenario.view().disbursement("pay").orElseThrow().bankAccount());
            assertTrue(scenario.view().bankAccount(BANK).orElseThrow().retired(), "it stays retired");
            // The bank has not paid yet: 500.00 posted, 100.00 pending, 500.00 − 100.00 = 400.00 available.
            AccountBalance bank = scenario.figures(BANK_CNY);
            assertEquals(cny("500.00"), bank.posted());
            assertEquals(cny("100.00"), bank.pending());
            assertEquals(cny("400.00"), bank.available());
            // 500.00 − 100.00 = 400.00 left in the case.
            assertEquals(cny("400.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void aPayoutNamingNoAccountWhenTheOnlyCnyAccountIsRetiredAsksForOne() {
            // The only CNY account is retired, and a retired account is never chosen by itself,
            // so no single active account pays: the notice must name one.
            scenario.run(receipt("r-1", 1, "500.00", 1));
            scenario.run(retire("retire", 2));
            scenario.refuses(notice("pay", 3, 1, "100.00"), InvalidInputException.class,
                    ErrorCode.MISSING_VALUE, "bankAccount", null,
                    "the court has 0 active master accounts in CNY; name the one that pays");
        }
    }

    @Nested
    class OpeningACase {
        private final Scenario scenario = Scenario.opened();

        @Test
        void aHandlerOpensTheirOwnCase() {
            CommandResult result = scenario.run(Fixtures.openCase("case-1", HANDLER, 1, day(2)));

            assertEquals(EventKind.CASE_OPENED, result.event().kind());
            CaseOpened opened = (CaseOpened) result.event().payload();
            assertEquals(caseNumber(1), opened.caseNumber());
            assertEquals("（2025）京02执1号", opened.caseNumber().toString());
            assertEquals(subAccount(1), opened.subAccountNumber());
            assertEquals(HANDLER.id(), opened.handler());
            assertEquals(List.of(creditorAccount(1)), opened.payees());
            assertTrue(result.event().postings().isEmpty());

            CaseRecord record = scenario.view().caseRecord(caseNumber(1)).orElseThrow();
            assertEquals(HANDLER.id(), record.handler());
            assertEquals(day(2), record.openedOn());
            assertTrue(record.hasConfirmedPayee(creditorAccount(1)));
            assertEquals(Optional.of(caseNumber(1)),
                    scenario.view().caseBySubAccount(subAccount(1)));
            assertEquals(cny("0.00"), scenario.balance(caseAccount(1)), "a new case holds nothing");
        }

        @Test
        void aCaseNumberIsOpenedOnce() {
            scenario.withCase(1);
            // Another sub-account, the same case number written with half-width parentheses.
            Command again = Command.of("case-1-again", HANDLER, day(2), new OpenCase(
                    CaseNumber.parse("(2025)京02执1"), "88009", HANDLER.id(),
                    List.of(Party.creditor(creditor(1))), List.of()));
            scenario.refuses(again, StateConflictException.class, ErrorCode.ALREADY_EXISTS,
                    "caseNumber", "（2025）京02执1号", "already has a fund record");
        }

        @Test
        void aSubAccountBelongsToOneCase() {
            scenario.withCase(1);
            Command second = Command.of("case-2", HANDLER, day(2), new OpenCase(caseNumber(2),
                    subAccount(1), HANDLER.id(), List.of(Party.creditor(creditor(2))), List.of()));
            scenario.refuses(second, StateConflictException.class, ErrorCode.ALREADY_EXISTS,
                    "subAccountNumber", subAccount(1),
                    "already belongs to case （2025）京02执1号 (one case, one account)");
        }

        @Test
        void aHandlerMayNotOpenACaseForAnotherHandler() {
            Command forOther = Command.of("case-1", HANDLER, day(1), new OpenCase(caseNumber(1),
                    subAccount(1), OTHER_HANDLER.id(), List.of(Party.creditor(creditor(1))),
                    List.of()));
            scenario.refuses(forOther, PermissionDeniedException.class, ErrorCode.NOT_CASE_HANDLER,
                    "handler", OTHER_HANDLER.id(), "a handler opens only their own cases");
        }

        @Test
        void aDivisionHeadMayOpenACaseForAHandler() {
            scenario.run(Command.of("case-1", HEAD, day(1), new OpenCase(caseNumber(1),
                    subAccount(1), HANDLER.id(),
                    List.of(Party.creditor(creditor(1)), Party.debtor(debtor(1))),
                    List.of(creditorAccount(1)))).approvedBy(BY_DIRECTOR));

            assertEquals(HANDLER.id(),
                    scenario.view().caseRecord(caseNumber(1)).orElseThrow().handler());
            assertEquals(HEAD, scenario.journal().get((int) afterOpening(1) - 1).actor(),
                    "the event records who opened it");
        }

        @Test
        void aCaseWithoutACreditorCannotEvenBeWritten() {
            List<Party> onlyTheDebtor = List.of(Party.debtor(debtor(1)));
            assertRefusedAtConstruction(scenario.ledger, () -> new OpenCase(caseNumber(1),
                            subAccount(1), HANDLER.id(), onlyTheDebtor, List.of()),
                    InvalidInputException.class, ErrorCode.MISSING_VALUE, "parties", "1 parties",
                    "a case needs at least one creditor");
        }
    }

    @Nested
    class HandingOver {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Command handOver(String key, Actor actor, int caseN, Actor to, String reason) {
            return Command.of(key, actor, day(2),
                    new HandOverCase(caseNumber(caseN), to.id(), reason))
                    .approvedBy(actor.equals(HEAD) ? BY_DIRECTOR : BY_HEAD);
        }

        @Test
        void aHandOverNeedsADivisionHeadsApproval() {
            Command alone = Command.of("hand-over", HANDLER, day(2),
                    new HandOverCase(caseNumber(1), OTHER_HANDLER.id(), "调岗"));
            scenario.refuses(alone, PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a hand-over of a case needs approval by [DIVISION_HEAD]");
        }

        @Test
        void aCaseIsHandedOverOnlyToSomeoneWhoHoldsTheHandlersRole() {
            scenario.refuses(handOver("hand-over", HANDLER, 1, AUDITOR, "调岗"), PermissionDeniedException.class,
                    ErrorCode.ROLE_NOT_HELD, "toHandler", AUDITOR.id(), "does not hold HANDLER on 2025-01-03");
        }

        private String handlerOfCase1() {
            return scenario.view().caseRecord(caseNumber(1)).orElseThrow().handler();
        }

        @Test
        void theNewHandlerPaysAndTheOldOneNoLonger() {
            scenario.run(receipt("r-1", 1, "1000.00", 1));
            CommandResult handedOver = scenario.run(handOver("hand-over", HANDLER, 1, OTHER_HANDLER,
                    "调岗"));

            assertEquals(EventKind.CASE_HANDED_OVER, handedOver.event().kind());
            assertEquals(new CaseHandedOver(caseNumber(1), HANDLER.id(), OTHER_HANDLER.id(), "调岗"),
                    handedOver.event().payload());
            assertEquals(OTHER_HANDLER.id(), handlerOfCase1());
            // The case keeps its money.
            assertEquals(cny("1000.00"), scenario.balance(caseAccount(1)));

            scenario.refuses(notice("pay-old", 3, 1, "100.00"), PermissionDeniedException.class,
                    ErrorCode.NOT_CASE_HANDLER, "actor.id", HANDLER.id(),
                    "is not the handler of （2025）京02执1号 (its handler is judge.qian)");

            scenario.run(Command.of("pay-new", OTHER_HANDLER, day(3), IssuePayoutNotice.of(
                    caseNumber(1), creditorAccount(1), cny("100.00"))).approvedBy(BY_HEAD));
            // 1,000.00 − 100.00 = 900.00
            assertEquals(cny("900.00"), scenario.balance(caseAccount(1)));
        }

        @Test
        void aDivisionHeadMayHandOverACase() {
            scenario.run(handOver("hand-over", HEAD, 1, OTHER_HANDLER, "病假"));
            assertEquals(OTHER_HANDLER.id(), handlerOfCase1());
        }

        @Test
        void anotherHandlerMayNotTakeACaseOver() {
            scenario.refuses(handOver("take", OTHER_HANDLER, 1, OTHER_HANDLER, "接手"),
                    PermissionDeniedException.class, ErrorCode.NOT_CASE_HANDLER, "actor.id",
                    OTHER_HANDLER.id(), "is not the handler of （2025）京02执1号");
        }

        @Test
        void handingOverToTheCurrentHandlerIsRefused() {
            scenario.refuses(handOver("hand-over", HANDLER, 1, HANDLER, "误操作"),
                    InvalidInputException.class, ErrorCode.INVALID_VALUE, "toHandler", HANDLER.id(),
                    "is already the handler of （2025）京02执1号");
        }

        @Test
        void handingOverAnUnknownCaseIsRefused() {
            scenario.refuses(handOver("hand-over", HANDLER, 9, OTHER_HANDLER, "调岗"),
                    NotFoundException.class, ErrorCode.UNKNOWN_CASE, "caseNumber", "（2025）京02执9号",
                    "open it first (OpenCase)");
        }

        @Test
        void handingOverBeforeTheCaseWasOpenedIsRefused() {
            Scenario late = Scenario.opened().withCase(2, 5);
            late.refuses(handOver("hand-over", HANDLER, 2, OTHER_HANDLER, "调岗"),
                    StateConflictException.class, ErrorCode.OUT_OF_ORDER, "caseNumber",
                    "（2025）京02执2号", "the case's fund record was opened on 2025-01-06");
        }
    }

    @Nested
    class ConfirmingPayees {
        private final Scenario scenario = Scenario.opened().withCase(1);
        private final BankDetails newAccount = BankDetails.of(creditor(1), "62170099", "建设银行");

        private Command confirm(String key, Actor actor, int day, BankDetails payee) {
            return Command.of(key, actor, day(day), new ConfirmPayee(caseNumber(1), payee)).approvedBy(BY_HEAD);
        }

        @Test
        void aHandlerCannotAddAnAccountAndPayItOnTheirOwnWord() {
            // The fraud the register stops: an account added and paid, "approved" by an invented id.
            scenario.run(receipt("r-1", 1, "1000.00", 1));
            Approval invented = Approval.of("head.nobody", Role.DIVISION_HEAD);
            scenario.refuses(Command.of("payee", HANDLER, day(2), new ConfirmPayee(caseNumber(1), newAccount))
                            .approvedBy(invented), PermissionDeniedException.class, ErrorCode.ROLE_NOT_HELD,
                    "approvals", "head.nobody", "is not in the staff register");
            scenario.refuses(Command.of("payee", HANDLER, day(2), new ConfirmPayee(caseNumber(1), newAccount)),
                    PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a payee account needs approval by [DIVISION_HEAD]");
            scenario.refuses(payNewAccount("pay", 3), StateConflictException.class, ErrorCode.INVALID_STATE,
                    "payee.accountNumber", "62170099", "confirm it first (ConfirmPayee)");
            assertEquals(cny("1000.00"), scenario.balance(caseAccount(1)));
        }

        private Command payNewAccount(String key, int day) {
            return Command.of(key, HANDLER, day(day),
                    IssuePayoutNotice.of(caseNumber(1), newAccount, cny("100.00")))
                    .approvedBy(BY_HEAD);
        }

        @Test
        void aConfirmedPayeeCanBePaid() {
            scenario.run(receipt("r-1", 1, "1000.00", 1));
            scenario.refuses(payNewAccount("pay-early", 2), StateConflictException.class,
                    ErrorCode.INVALID_STATE, "payee.accountNumber", "62170099",
                    "confirm it first (ConfirmPayee)");

            CommandResult confirmed = scenario.run(confirm("payee", HANDLER, 2, newAccount));
            assertEquals(EventKind.PAYEE_CONFIRMED, confirmed.event().kind());
            assertEquals(new PayeeConfirmed(caseNumber(1), newAccount),
                    confirmed.event().payload());
            CaseRecord record = scenario.view().caseRecord(caseNumber(1)).orElseThrow();
            assertTrue(record.hasConfirmedPayee(newAccount));

            CommandResult paid = scenario.run(payNewAccount("pay", 3));
            assertEquals(EventKind.PAYOUT_NOTICE_ISSUED, paid.event().kind());
            assertEquals(newAccount, scenario.view().disbursement("pay").orElseThrow().payee());
        }

        @Test
        void confirmingTheSameAccountTwiceIsRefused() {
            scenario.run(confirm("payee", HANDLER, 2, newAccount));
            scenario.refuses(confirm("payee-again", HANDLER, 3, newAccount),
                    StateConflictException.class, ErrorCode.ALREADY_EXISTS, "payee.accountNumber",
                    "62170099", "is already a confirmed payee account of （2025）京02执1号");
        }

        @Test
        void theAccountConfirmedAtFilingCannotBeConfirmedAgain() {
            scenario.refuses(confirm("payee", HANDLER, 2, creditorAccount(1)),
                    StateConflictException.class, ErrorCode.ALREADY_EXISTS, "payee.accountNumber",
                    "62221", "already a confirmed payee account");
        }

        @Test
        void onlyTheHandlerConfirmsPayees() {
            scenario.refuses(confirm("payee", OTHER_HANDLER, 2, newAccount),
                    PermissionDeniedException.class, ErrorCode.NOT_CASE_HANDLER, "actor.id",
                    OTHER_HANDLER.id(), "ask the handler, or hand the case over first");
            scenario.refuses(confirm("payee", ADMINISTRATOR, 2, newAccount),
                    PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED, "actor.roles",
                    "FUND_ADMINISTRATOR", "may not ConfirmPayee");
        }
    }
}
