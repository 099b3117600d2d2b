package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.day;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.events.DeferralGranted;
import org.casefunds.ledger.events.DeferralLifted;
import org.casefunds.ledger.events.DeferralRenewed;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.state.Deferral;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Goal: a payout is deferred only with the bureau director's and the court leader's approval, for
 * at most the policy's months (3 by default), never from before the grant; it can be renewed with
 * a new approval and lifted once while it holds; {@link Deferral#holdsOn} says on which days.
 *
 * <p>Method: a deferral of case 1 granted on day 1 (2025-01-02) for the default maximum: 3 months,
 * so to 2025-04-02 at the latest; then one granted on day 2 from day 3 to 2025-02-28, with
 * renewals and lifts around it; each refusal through {@link Scenario#assertRefused}.
 */
class DeferralCommandsTest {

    private static final LocalDate THREE_MONTHS_LATER = LocalDate.of(2025, 4, 2);
    private static final LocalDate END = LocalDate.of(2025, 2, 28);

    private final Scenario scenario = Scenario.opened().withCase(1);

    private static Command grant(String key, Actor actor, int day, LocalDate start, LocalDate end) {
        return Command.of(key, actor, day(day), new GrantDeferral(caseNumber(1),
                DeferralReason.DISPUTED, "被执行人对部分金额提出异议", start, end, Optional.empty()));
    }

    private static Command grant(String key, int day, LocalDate start, LocalDate end) {
        return grant(key, HANDLER, day, start, end);
    }

    private Deferral deferral(String id) {
        return scenario.view().deferral(id).orElseThrow();
    }

    @Nested
    class Granting {

        @Test
        void theDirectorAndTheLeaderApproveADeferralWithAnEndDate() {
            CommandResult result = scenario.run(grant("defer", 1, day(1), THREE_MONTHS_LATER)
                    .approvedBy(BY_DIRECTOR, BY_LEADER));

            assertEquals(EventKind.DEFERRAL_GRANTED, result.event().kind());
            assertEquals(new DeferralGranted(caseNumber(1), DeferralReason.DISPUTED,
                    "被执行人对部分金额提出异议", day(1), THREE_MONTHS_LATER, Optional.empty()),
                    result.event().payload());
            assertTrue(result.event().postings().isEmpty());
            Deferral deferral = deferral("defer");
            assertEquals(caseNumber(1), deferral.caseNumber());
            assertEquals(day(1), deferral.grantedOn());
            assertEquals(THREE_MONTHS_LATER, deferral.end());
            assertEquals(Optional.empty(), deferral.liftedOn());
            assertEquals(List.of(BY_DIRECTOR, BY_LEADER), deferral.approvals());
            assertEquals(List.of(deferral), scenario.view().deferrals(caseNumber(1)));
        }

        @Test
        void aDeferralOfPartOfTheMoneyNamesItsAmount() {
            scenario.run(Command.of("defer", HANDLER, day(1), new GrantDeferral(caseNumber(1),
                    DeferralReason.FROZEN, "另案冻结", day(2), day(30),
                    Optional.of(cny("5000.00")))).approvedBy(BY_DIRECTOR, BY_LEADER));
            assertEquals(Optional.of(cny("5000.00")), deferral("defer").amount());
        }

        @Test
        void withoutTheCourtLeaderItIsRefused() {
            Command unapproved = grant("defer", 1, day(1), THREE_MONTHS_LATER);
            scenario.refuses(unapproved.approvedBy(BY_DIRECTOR), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "dir.zhou as BUREAU_DIRECTOR",
                    "a deferral needs approval by [BUREAU_DIRECTOR, COURT_LEADER]");
            scenario.refuses(unapproved.approvedBy(BY_HEAD), PermissionDeniedException.class,
                    ErrorCode.APPROVAL_MISSING, "approvals", "head.sun", "COURT_LEADER is missing");
        }

        @Test
        void longerThanThreeMonthsIsRefused() {
            Command tooLong = grant("defer", 1, day(1), THREE_MONTHS_LATER.plusDays(1))
                    .approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(tooLong, InvalidInputException.class, ErrorCode.INVALID_DATE, "end",
                    "2025-04-03", "is longer than the policy allows for DISPUTED (3 months from"
                            + " 2025-01-02, so at most 2025-04-02); renew it with a new approval");
        }

        @Test
        void aDeferralNeverStartsBeforeItIsGranted() {
            Command backdated = grant("defer", 2, day(1), day(30))
                    .approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(backdated, InvalidInputException.class, ErrorCode.INVALID_DATE,
                    "start", "2025-01-02", "is before the grant's effective date 2025-01-03;"
                            + " a deferral cannot start before it is granted");
        }

        @Test
        void anEndBeforeTheStartCannotBeWritten() {
            Scenario.assertRefusedAtConstruction(scenario.ledger, () -> new GrantDeferral(
                            caseNumber(1), DeferralReason.SUSPENDED, "中止执行", day(5), day(4),
                            Optional.empty()),
                    InvalidInputException.class, ErrorCode.INVALID_DATE, "end", "2025-01-05",
                    "is before the start 2025-01-06");
        }

        @Test
        void onlyTheCaseHandlerAsks() {
            Command byOther = grant("defer", OTHER_HANDLER, 1, day(1), day(30))
                    .approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(byOther, PermissionDeniedException.class, ErrorCode.NOT_CASE_HANDLER,
                    "actor.id", OTHER_HANDLER.id(), "is not the handler of （2025）京02执1号");
        }

        @Test
        void aDeferralIsLiftedNotReversed() {
            scenario.run(grant("defer", 1, day(1), day(30)).approvedBy(BY_DIRECTOR, BY_LEADER));
            Command undo = Command.of("undo", HANDLER, day(2), new Reverse("defer", "撤回"))
                    .approvedBy(BY_DIRECTOR);
            scenario.refuses(undo, StateConflictException.class, ErrorCode.NOT_REVERSIBLE,
                    "event", "defer", "lift the deferral instead");
        }
    }

    @Nested
    class RenewingAndLifting {

        RenewingAndLifting() {
            // Granted on day 2 (01-03), holding from day 3 (01-04) to 02-28.
            scenario.run(grant("defer", 2, day(3), END).approvedBy(BY_DIRECTOR, BY_LEADER));
        }

        private Command lift(String key, LocalDate date) {
            return Command.of(key, HANDLER, date, new LiftDeferral("defer", "异议已撤回"));
        }

        private Command renew(String key, LocalDate date, LocalDate newEnd) {
            return Command.of(key, HANDLER, date,
                    new RenewDeferral("defer", newEnd, "异议之诉尚未审结"));
        }

        @Test
        void aRenewalMovesTheEndWithANewApproval() {
            LocalDate newEnd = LocalDate.of(2025, 5, 20);
            CommandResult result = scenario.run(renew("renew", LocalDate.of(2025, 2, 20), newEnd)
                    .approvedBy(BY_DIRECTOR, BY_LEADER));
            assertEquals(EventKind.DEFERRAL_RENEWED, result.event().kind());
            assertEquals(new DeferralRenewed("defer", newEnd, "异议之诉尚未审结"),
                    result.event().payload());
            Deferral renewed = deferral("defer");
            assertEquals(newEnd, renewed.end());
            assertEquals(day(3), renewed.start(), "the start stays");
            assertEquals("异议之诉尚未审结", renewed.explanation());
            assertTrue(renewed.holdsOn(newEnd));
        }

        @Test
        void aRenewalNeedsTheApprovalsAgain() {
            scenario.refuses(renew("renew", LocalDate.of(2025, 2, 20), LocalDate.of(2025, 5, 20)),
                    PermissionDeniedException.class, ErrorCode.APPROVAL_MISSING, "approvals", "[]",
                    "a deferral renewal needs approval by [BUREAU_DIRECTOR, COURT_LEADER]");
        }

        @Test
        void aRenewalRunsAtMostThreeMonthsFromItsDate() {
            Command tooLong = renew("renew", LocalDate.of(2025, 2, 20), LocalDate.of(2025, 5, 21))
                    .approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(tooLong, InvalidInputException.class, ErrorCode.INVALID_DATE,
                    "newEnd", "2025-05-21", "3 months from 2025-02-20, so at most 2025-05-20");
        }

        @Test
        void aRenewalMustEndLater() {
            Command notLater = renew("renew", LocalDate.of(2025, 2, 20), END)
                    .approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(notLater, InvalidInputException.class, ErrorCode.INVALID_DATE,
                    "newEnd", "2025-02-28", "is not after the deferral's current end 2025-02-28");
        }

        @Test
        void aLiftEndsItAtOnceWithoutApproval() {
            CommandResult result = scenario.run(lift("lift", day(20)));
            assertEquals(EventKind.DEFERRAL_LIFTED, result.event().kind());
            assertEquals(new DeferralLifted("defer", "异议已撤回"), result.event().payload());
            assertEquals(Optional.of(day(20)), deferral("defer").liftedOn());
        }

        @Test
        void liftingTwiceIsRefused() {
            scenario.run(lift("lift", day(20)));
            scenario.refuses(lift("lift-again", day(21)), StateConflictException.class,
                    ErrorCode.INVALID_STATE, "deferral", "defer",
                    "was lifted on 2025-01-21; cannot lift it; grant a new one");
        }

        @Test
        void aLiftedDeferralIsNotRenewed() {
            scenario.run(lift("lift", day(20)));
            Command renewal = renew("renew", day(21), LocalDate.of(2025, 3, 31))
                    .approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(renewal, StateConflictException.class, ErrorCode.INVALID_STATE,
                    "deferral", "defer", "cannot renew it; grant a new one");
        }

        @Test
        void liftingAfterTheEndIsRefused() {
            scenario.refuses(lift("lift", END.plusDays(1)), StateConflictException.class,
                    ErrorCode.INVALID_STATE, "deferral", "defer",
                    "ended on 2025-02-28; cannot lift it");
            // On its last day it still holds and can be lifted.
            scenario.run(lift("lift", END));
        }

        @Test
        void aLiftDatedBeforeTheGrantIsRefused() {
            scenario.refuses(lift("lift", day(1)), StateConflictException.class,
                    ErrorCode.OUT_OF_ORDER, "deferral", "defer",
                    "its latest change (grant or renewal) is dated 2025-01-03");
        }

        @Test
        void anUnknownDeferralIsRefused() {
            scenario.refuses(Command.of("lift", HANDLER, day(5), new LiftDeferral("no-such", "无")),
                    NotFoundException.class, ErrorCode.UNKNOWN_DEFERRAL, "deferral", "no-such",
                    "no deferral was granted under this key");
            Command renewal = Command.of("renew", HANDLER, day(5),
                    new RenewDeferral("no-such", day(40), "无")).approvedBy(BY_DIRECTOR, BY_LEADER);
            scenario.refuses(renewal, NotFoundException.class, ErrorCode.UNKNOWN_DEFERRAL,
                    "deferral", "no-such", "no deferral was granted under this key");
        }

        @Test
        void financeDoesNotLiftDeferrals() {
            scenario.refuses(Command.of("lift", FINANCE, day(5), new LiftDeferral("defer", "无")),
                    PermissionDeniedException.class, ErrorCode.ROLE_NOT_PERMITTED, "actor.roles",
                    "FINANCE", "may not LiftDeferral");
        }

        @Test
        void holdsOnItsDaysFromStartToEndUntilTheDayItIsLifted() {
            Deferral granted = deferral("defer");
            assertFalse(granted.holdsOn(day(2)), "not before its start");
            assertTrue(granted.holdsOn(day(3)), "from its start");
            assertTrue(granted.holdsOn(END), "to its end, inclusive");
            assertFalse(granted.holdsOn(END.plusDays(1)), "not after its end");

            scenario.run(lift("lift", day(20)));
            Deferral lifted = deferral("defer");
            assertTrue(lifted.holdsOn(day(19)), "the day before the lift");
            assertFalse(lifted.holdsOn(day(20)), "not on the day it is lifted");
            assertFalse(lifted.holdsOn(LocalDate.of(2025, 2, 1)));
        }
    }
}
