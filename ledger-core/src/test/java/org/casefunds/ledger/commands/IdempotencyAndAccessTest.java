package org.casefunds.ledger.commands;

import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.RevokeRole;
import org.casefunds.ledger.commands.GrantRole;
import static org.casefunds.ledger.commands.Scenario.BANK_CNY;
import static org.casefunds.ledger.commands.Scenario.caseAccount;
import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.notice;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.AUDITOR;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.COURT;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditor;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.debtorAccount;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IdempotencyConflictException;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.money.ProRata;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Goal: a command sent again under its key changes nothing and returns its first result; another
 * command under a used key is refused; a batch is all or nothing and says which command stopped
 * it; and who may issue what follows docs/domain.md §9: an auditor (or supervisor, or a court leader
 * as such) issues nothing.
 *
 * <p>Method: examples on the test court, comparing the journal before and after; for the roles,
 * one request of every kind the ledger knows (checked against the sealed {@link Request}).
 */
class IdempotencyAndAccessTest {

    @Nested
    class Idempotency {
        private final Scenario scenario = Scenario.opened().withCase(1);

        private Command receiptWithSource() {
            return receipt("r-1", 2, "100.00", 1).withMetadata("source-system", "网银导入");
        }

        @Test
        void theSameCommandAgainReturnsTheFirstResultAndAppendsNothing() {
            CommandResult first = scenario.run(receiptWithSource());
            List<Event> journal = scenario.journal();

            // An equal command built anew, as a retrying client would.
            CommandResult again = scenario.run(receiptWithSource());
            assertFalse(first.repeated());
            assertTrue(again.repeated());
            assertEquals(first.event(), again.event());
            assertEquals(journal, scenario.journal());
            assertEquals(cny("100.00"), scenario.balance(caseAccount(1)), "counted once");
        }

        @Test
        void anotherCommandUnderAUsedKeyIsRefused() {
            scenario.run(receipt("r-1", 2, "100.00", 1));
            scenario.refuses(receipt("r-1", 2, "100.01", 1), IdempotencyConflictException.class,
                    ErrorCode.IDEMPOTENCY_CONFLICT, "idempotencyKey", "r-1",
                    "was already used by a different command (event " + afterOpening(2) + ", RECEIPT_RECORDED);"
                            + " use a new key");
            // Any difference counts: the date, the metadata, the kind of request.
            scenario.refuses(receipt("r-1", 3, "100.00", 1), IdempotencyConflictException.class,
                    ErrorCode.IDEMPOTENCY_CONFLICT, "idempotencyKey", "r-1",
                    "use a new key for a new command");
            scenario.refuses(receipt("r-1", 2, "100.00", 1).withMetadata("note", "重发"),
                    IdempotencyConflictException.class, ErrorCode.IDEMPOTENCY_CONFLICT,
                    "idempotencyKey", "r-1", "a different command");
            scenario.refuses(notice("r-1", 3, 1, "10.00"), IdempotencyConflictException.class,
                    ErrorCode.IDEMPOTENCY_CONFLICT, "idempotencyKey", "r-1", "a different command");
        }

        @Test
        void aRefusedCommandLeavesItsKeyFree() {
            scenario.refuses(notice("pay", 2, 1, "10.00"), InsufficientFundsException.class,
                    ErrorCode.INSUFFICIENT_FUNDS, "amount", "CNY 10.00",
                    "has CNY 0.00 available but CNY 10.00 is needed");
            scenario.run(receipt("r-1", 2, "100.00", 1));
            assertFalse(scenario.run(notice("pay", 2, 1, "10.00")).repeated());
        }

        @Test
        void aBatchWithARefusedThirdCommandAppliesNothing() {
            List<Event> journal = scenario.journal();
            BatchResult result = scenario.ledger.executeAll(List.of(
                    receipt("r-1", 2, "100.00", 1),
                    notice("pay-1", 3, 1, "60.00"),
                    notice("pay-2", 3, 1, "60.00"),          // only 40.00 is left
                    receipt("r-2", 4, "500.00", 1)));

            assertFalse(result.applied());
            assertTrue(result.results().isEmpty());
            BatchResult.Refusal refusal = result.refusal().orElseThrow();
            assertEquals(2, refusal.index());
            assertEquals("pay-2", refusal.command().idempotencyKey());
            assertEquals(ErrorCode.INSUFFICIENT_FUNDS, refusal.reason().code());
            assertTrue(refusal.reason().getMessage().contains("has CNY 40.00 available but CNY 60.00 is needed"),
                    refusal.reason().getMessage());
            assertEquals(journal, scenario.journal());
            assertEquals(cny("0.00"), scenario.balance(BANK_CNY),
                    "the first two commands were undone too");
            assertTrue(scenario.view().receipt("r-1").isEmpty());
            assertTrue(scenario.view().disbursement("pay-1").isEmpty());

            // Without the refused command the batch applies in order, and a resent batch repeats.
            List<Command> good = List.of(receipt("r-1", 2, "100.00", 1),
                    notice("pay-1", 3, 1, "60.00"));
            BatchResult applied = scenario.ledger.executeAll(good);
            assertTrue(applied.applied());
            assertEquals(List.of(afterOpening(2), afterOpening(3)),
                    applied.results().stream().map(r -> r.event().sequence()).toList());
            assertEquals(cny("40.00"), scenario.balance(caseAccount(1)));
            BatchResult resent = scenario.ledger.executeAll(good);
            assertTrue(resent.results().stream().allMatch(CommandResult::repeated));
            // Opening (3) + case + r-1 + pay-1 = 6 events.
            assertEquals(afterOpening(3), scenario.journal().size(), "nothing appended by the resent batch");
        }
    }

    @Nested
    class Roles {
        private final Scenario scenario = Scenario.opened().withCase(1);

        /** One request of every kind, each one that its proper role could issue on day 2. */
        private List<Request> everyKindOfRequest() {
            Distribute.Creditor creditor = new Distribute.Creditor(creditor(1), cny("10.00"),
                    ProRata.Rank.ORDINARY, creditorAccount(1));
            Party secondCreditor = Party.creditor(creditor(2));
            return List.of(
                    new OpenLedger(COURT, "北京市第二中级人民法院", Fixtures.firstAdministrators()),
                    new RegisterStaff(StaffMember.of("clerk.he", "何书记", "0999")),
                    GrantRole.of(HANDLER.id(), Role.FINANCE, day(2)),
                    RevokeRole.of(HANDLER.id(), Role.HANDLER),
                    new RegisterBankAccount("110060002", CNY, "建设银行", "执行款专户"),
                    new RetireBankAccount(BANK, "审计"),
                    new OpenCase(caseNumber(2), subAccount(2), "aud.zheng", List.of(secondCreditor),
                            List.of()),
                    new HandOverCase(caseNumber(1), "aud.zheng", "审计"),
                    new ConfirmPayee(caseNumber(1), debtorAccount(1)),
                    RecordReceipt.of(BANK, "SN-A", cny("1.00"), Payer.unknown(), null,
                            ReceiptSource.OTHER, subAccount(1)),
                    ClaimUnidentified.of("r-u", caseNumber(1), cny("1.00")),
                    new RefundUnidentified("r-u", cny("1.00"), creditorAccount(1), "误汇"),
                    IssuePayoutNotice.of(caseNumber(1), creditorAccount(1), cny("1.00")),
                    new RefundSurplus(caseNumber(1), debtorAccount(1), cny("1.00"),
                            Optional.empty(), Optional.empty()),
                    new DepositWithNotary(caseNumber(1), creditorAccount(1), cny("1.00"),
                            DepositReason.CREDITOR_REFUSES, Optional.empty(), Optional.empty()),
                    new Distribute(caseNumber(1), cny("10.00"), List.of(creditor),
                            Optional.empty()),
                    new SettleDisbursement("pay", "OUT-1"),
                    new ReturnDisbursement("pay", "退回"),
                    new ChargeExecutionFee(caseNumber(1), cny("1000.00")),
                    new SweepFees(cny("1.00"), BANK, "FEE-1"),
                    new TransferBetweenCases(caseNumber(1), caseNumber(2), cny("1.00"), "划转"),
                    new Reverse("case-1", "审计"),
                    new ClosePeriod(day(1)),
                    new GrantDeferral(caseNumber(1), DeferralReason.OTHER, "审计", day(2), day(30),
                            Optional.empty()),
                    new RenewDeferral("defer", day(40), "审计"),
                    new LiftDeferral("defer", "审计"),
                    new AdoptCalendarYear(WorkingDayCalendar.china().year(2026)
                            .orElseThrow(), Optional.of("审计")),
                    new AdoptPolicy(Policy.spc2017(), Optional.empty()));
        }

        @Test
        void theListCoversEveryKindOfRequest() {
            Set<Class<?>> covered = new HashSet<>();
            everyKindOfRequest().forEach(request -> covered.add(request.getClass()));
            Set<Class<?>> kinds = new HashSet<>(
                    Arrays.asList(Request.class.getPermittedSubclasses()));
            assertEquals(kinds, covered);
        }

        @Test
        void anAuditorIssuesNothing() {
            for (Request request : everyKindOfRequest()) {
                String kind = request.getClass().getSimpleName();
                Command command = Command.of("audit-" + kind, AUDITOR, day(2), request)
                        .approvedBy(BY_DIRECTOR);
                scenario.refuses(command, PermissionDeniedException.class,
                        ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "AUDITOR",
                        "may not " + kind + "; that needs one of [");
            }
        }

        @Test
        void aSupervisorAndACourtLeaderIssueNothingEither() {
            Actor supervisor = Actor.of("sup.feng", Role.SUPERVISOR);
            Actor leader = Actor.of("leader.wu", Role.COURT_LEADER);
            for (Request request : everyKindOfRequest()) {
                String kind = request.getClass().getSimpleName();
                scenario.refuses(Command.of("sup-" + kind, supervisor, day(2), request),
                        PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED,
                        "actor.roles", "SUPERVISOR", "may not " + kind);
                scenario.refuses(Command.of("lead-" + kind, leader, day(2), request),
                        PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED,
                        "actor.roles", "COURT_LEADER", "may not " + kind);
            }
        }

        @Test
        void aPersonWithTwoRolesMayDoWhatEitherAllows() {
            Actor both = Actor.of("adm.fin", Role.FUND_ADMINISTRATOR, Role.FINANCE);
            scenario.hire(both.id(), Role.FUND_ADMINISTRATOR, Role.FINANCE);
            scenario.run(Command.of("r-1", both, day(2), RecordReceipt.of(BANK, "SN-1",
                    cny("5.00"), Payer.unknown(), null, ReceiptSource.OTHER, subAccount(1))));
            scenario.run(Command.of("close", both, day(3), new ClosePeriod(day(2))));
            assertEquals(Optional.of(day(2)), scenario.view().closedThrough());
            Command pay = Command.of("pay", ADMINISTRATOR, day(4),
                    IssuePayoutNotice.of(caseNumber(1), creditorAccount(1), cny("1.00")));
            scenario.refuses(pay, PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED,
                    "actor.roles", "FUND_ADMINISTRATOR",
                    "may not IssuePayoutNotice; that needs one of [HANDLER]");
        }
    }
}
