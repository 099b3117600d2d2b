package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.commands.Scenario.receipt;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_SECOND_STAFF_ADMIN;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.STAFF_ADMIN;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.staff.RoleGrant;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The staff register: every actor and approver holds the role they act in on the command's date,
 * every change of the register is asked by one staff administrator and approved by another, and a
 * person has one id.
 *
 * <p>Method: examples on the test court, whose opening registers its staff on day 1 (see
 * {@link Fixtures#STAFF}); each refusal is checked to leave the journal unchanged.
 */
class StaffRegisterTest {
    private final Scenario scenario = Scenario.opened().withCase(1);

    private static Command byAdministrator(String key, int day, Request request) {
        return Command.of(key, STAFF_ADMIN, day(day), request).approvedBy(BY_SECOND_STAFF_ADMIN);
    }

    private Command payout(String key, Actor handler, int day, Approval approval) {
        return Command.of(key, handler, day(day), IssuePayoutNotice.of(caseNumber(1), creditorAccount(1),
                cny("10.00"))).approvedBy(approval);
    }

    @Test
    void theOpeningNamesTheFirstAdministratorsWhoHoldTheRoleFromItsDay() {
        List<RoleGrant> held = scenario.view().staffRegister().heldOn(day(1)).stream()
                .filter(grant -> grant.role() == Role.STAFF_ADMINISTRATOR).toList();
        assertEquals(List.of("sys.chen", "sys.lin"), held.stream().map(RoleGrant::personId).toList());
    }

    @Test
    void anActorWhoDoesNotHoldTheRoleIsRefusedNamingThePersonTheRoleAndTheDate() {
        Actor impostor = Actor.of("judge.qian", Role.FINANCE);
        scenario.refuses(Command.of("settle", impostor, day(2), new SettleDisbursement("none", "OUT-1")),
                PermissionDeniedException.class, ErrorCode.ROLE_NOT_HELD, "actor", "judge.qian",
                "does not hold FINANCE on 2025-01-03 in the staff register (has never held it)");
        scenario.refuses(Command.of("r-x", Actor.of("nobody", Role.FUND_ADMINISTRATOR), day(2),
                        receipt("r-x", 2, "1.00", 1).request()), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_HELD, "actor", "nobody", "is not in the staff register");
    }

    @Test
    void aGrantGivesTheRoleFromItsFirstDayUntilItsLastAndARevocationEndsIt() {
        scenario.run(receipt("r-1", 1, "100.00", 1));
        scenario.run(byAdministrator("grant", 2, new GrantRole(OTHER_HANDLER.id(), Role.DIVISION_HEAD,
                Optional.empty(), day(3), Optional.of(day(5)))));
        Approval byQian = Approval.of(OTHER_HANDLER.id(), Role.DIVISION_HEAD);
        scenario.refuses(payout("pay-2", HANDLER, 2, byQian), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_HELD, "approvals", OTHER_HANDLER.id(),
                "does not hold DIVISION_HEAD on 2025-01-03 in the staff register (held it DIVISION_HEAD 2025-01-04..2025-01-06)");
        scenario.run(payout("pay-3", HANDLER, 3, byQian));
        scenario.refuses(payout("pay-6", HANDLER, 6, byQian), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_HELD, "approvals", OTHER_HANDLER.id(), "does not hold DIVISION_HEAD on 2025-01-07");

        scenario.run(byAdministrator("revoke", 4, RevokeRole.of(OTHER_HANDLER.id(), Role.DIVISION_HEAD)));
        scenario.refuses(payout("pay-4", HANDLER, 4, byQian), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_HELD, "approvals", OTHER_HANDLER.id(),
                "(held it DIVISION_HEAD 2025-01-04..2025-01-04)");
        scenario.refuses(byAdministrator("revoke-again", 5, RevokeRole.of(OTHER_HANDLER.id(), Role.DIVISION_HEAD)),
                StateConflictException.class, ErrorCode.INVALID_STATE, "role", "DIVISION_HEAD",
                "does not hold DIVISION_HEAD for the whole court on 2025-01-06 or later; there is nothing to revoke");
    }

    @Test
    void aRevokedHandlerNoLongerActsAndTheHistoryKeepsWhatTheyDidBefore() {
        scenario.run(receipt("r-1", 1, "100.00", 1));
        scenario.run(payout("pay-1", HANDLER, 2, BY_HEAD));
        scenario.run(byAdministrator("revoke", 3, RevokeRole.of(HANDLER.id(), Role.HANDLER)));
        scenario.refuses(payout("pay-2", HANDLER, 3, BY_HEAD), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_HELD, "actor", HANDLER.id(), "does not hold HANDLER on 2025-01-04");
        // A command dated before the revocation is decided as of its own date.
        scenario.run(payout("pay-2", HANDLER, 2, BY_HEAD));
    }

    @Test
    void aRoleForOneDivisionCoversOnlyThatDivisionsCases() {
        scenario.hire("judge.feng");
        scenario.run(byAdministrator("grant", 1, new GrantRole("judge.feng", Role.HANDLER,
                Optional.of(Fixtures.DIVISION), day(1), Optional.empty())));
        Actor feng = Actor.of("judge.feng", Role.HANDLER);
        scenario.refuses(Fixtures.openCase("case-2", feng, 2, day(2)), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_HELD, "actor", "judge.feng",
                "holds HANDLER on 2025-01-03 only as HANDLER (执行一庭) 2025-01-02.., which does not cover cases of no division");
        scenario.run(Fixtures.openCase("case-2", feng, 2, day(2), Optional.of(Fixtures.DIVISION)));
        assertEquals(Optional.of(Fixtures.DIVISION), scenario.view().caseRecord(caseNumber(2)).orElseThrow().division());
    }

    @Test
    void aPersonHasOneIdSoNobodyApprovesTheirOwnRequestUnderASecondOne() {
        // judge.zhao's staff number is 0103: a second id for it is refused, so he cannot approve as "zhao2".
        scenario.refuses(byAdministrator("zhao2", 2, new RegisterStaff(StaffMember.of("zhao2", "赵法官", "0103"))),
                StateConflictException.class, ErrorCode.ALREADY_EXISTS, "member.staffNumber", "0103",
                "is already registered under id judge.zhao; a person has one id");
        scenario.refuses(byAdministrator("zhao3", 2, new RegisterStaff(StaffMember.of("JUDGE.ZHAO", "赵法官", "0999"))),
                StateConflictException.class, ErrorCode.ALREADY_EXISTS, "member.personId", "JUDGE.ZHAO",
                "is already registered (as judge.zhao");
    }

    @Test
    void idsAreComparedInTheirNormalForm() {
        scenario.run(receipt("r-1", 1, "100.00", 1));
        scenario.hire("judge.feng", Role.HANDLER, Role.DIVISION_HEAD);
        Actor feng = Actor.of("Judge.Feng", Role.HANDLER);
        scenario.run(Command.of("hand-over", HANDLER, day(2), new HandOverCase(caseNumber(1), "judge.feng", "调岗"))
                .approvedBy(BY_HEAD));
        scenario.refuses(payout("pay", feng, 2, Approval.of("ＪＵＤＧＥ.ＦＥＮＧ", Role.DIVISION_HEAD)),
                PermissionDeniedException.class, ErrorCode.SELF_APPROVAL, "approvals.approverId", "ＪＵＤＧＥ.ＦＥＮＧ",
                "a requester never approves their own request");
        scenario.run(payout("pay", feng, 2, BY_HEAD));
    }

    @Test
    void everyChangeOfTheRegisterIsAskedByOneAdministratorAndApprovedByAnother() {
        Command grant = Command.of("grant", STAFF_ADMIN, day(2), GrantRole.of(HANDLER.id(), Role.FINANCE, day(2)));
        scenario.refuses(grant, PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                "a change of the staff register needs approval by [STAFF_ADMINISTRATOR]");
        scenario.refuses(grant.approvedBy(Approval.of("SYS.CHEN", Role.STAFF_ADMINISTRATOR)),
                PermissionDeniedException.class, ErrorCode.SELF_APPROVAL, "approvals.approverId", "SYS.CHEN",
                "a requester never approves their own request");
        scenario.refuses(Command.of("grant", FINANCE, day(2), GrantRole.of(FINANCE.id(), Role.DIVISION_HEAD, day(2)))
                        .approvedBy(BY_SECOND_STAFF_ADMIN), PermissionDeniedException.class,
                ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", "FINANCE", "may not GrantRole");
        // A division head approving instead of an administrator: approves, but not as the register needs.
        scenario.refuses(Command.of("grant", STAFF_ADMIN, day(2), GrantRole.of(HANDLER.id(), Role.FINANCE, day(2)))
                        .approvedBy(BY_HEAD), PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING,
                "approvals", "[head.sun as DIVISION_HEAD]", "STAFF_ADMINISTRATOR is missing");
        scenario.refuses(byAdministrator("self", 2, RevokeRole.of(STAFF_ADMIN.id(), Role.STAFF_ADMINISTRATOR)),
                InvalidInputException.class, ErrorCode.INVALID_VALUE, "personId", "sys.chen",
                "another administrator revokes an administrator's role");
    }

    @Test
    void aGrantNamesARegisteredPersonAndStartsNeitherBeforeThemNorBeforeItself() {
        scenario.refuses(byAdministrator("grant", 2, GrantRole.of("nobody", Role.HANDLER, day(2))),
                NotFoundException.class, ErrorCode.UNKNOWN_PERSON, "personId", "nobody",
                "register the person first (RegisterStaff)");
        scenario.run(byAdministrator("staff", 3, new RegisterStaff(StaffMember.of("clerk.he", "何书记", "0200"))));
        scenario.refuses(byAdministrator("early", 4, GrantRole.of("clerk.he", Role.HANDLER, day(2))),
                StateConflictException.class, ErrorCode.OUT_OF_ORDER, "from", "2025-01-03",
                "is before clerk.he entered the staff register on 2025-01-04");
        scenario.refuses(byAdministrator("back", 4, GrantRole.of("clerk.he", Role.HANDLER, day(3))),
                InvalidInputException.class, ErrorCode.INVALID_DATE, "from", "2025-01-04",
                "is before the grant's effective date 2025-01-05; a grant cannot reach back");
        scenario.run(byAdministrator("ok", 4, GrantRole.of("clerk.he", Role.HANDLER, day(4))));
        assertFalse(scenario.view().staffRegister().held("clerk.he", Role.HANDLER, day(4)).isEmpty());
    }

    @Test
    void whoRecordsThePaymentIsNeitherTheRequesterNorTheApproverNorTheHandler() {
        scenario.run(byAdministrator("zhao-finance", 1, GrantRole.of(HANDLER.id(), Role.FINANCE, day(1))));
        scenario.run(receipt("r-1", 1, "100.00", 1));
        scenario.run(payout("pay", HANDLER, 2, BY_HEAD));
        scenario.refuses(Command.of("settle", Actor.of(HANDLER.id(), Role.FINANCE), day(3),
                        new SettleDisbursement("pay", "OUT-1")), PermissionDeniedException.class,
                ErrorCode.DUTIES_NOT_SEPARATED, "actor", HANDLER.id(),
                "asked for, approved or handles the case of disbursement pay");
        assertTrue(scenario.run(Command.of("settle", FINANCE, day(3), new SettleDisbursement("pay", "OUT-1")))
                .event().payload() instanceof DisbursementSettled);
    }
}
