package org.casefunds.ledger.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Period;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.NaiveCalendar;
import org.casefunds.ledger.testing.SequenceHarness;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: the payout clock's deadlines obey the rules of docs/domain.md §3, §4 and §7 for any lot, policy
 * and deferral.
 *
 * <p>Method: QuickTheories draws a clock start in 2025–2026, a notice period of 1–30 working or
 * calendar days, and optionally a deferral lifted or expired after the lot arrived; the clock's
 * deadline is compared with one computed day by day on {@link NaiveCalendar} (the reference), and
 * the properties the issue names are checked: a deadline is a working day, exactly N working days
 * after its start, never earlier for a later start, and after a deferral ends it is no earlier
 * than the end plus the restart period.
 */
class PayoutClockPropertiesTest {
    private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    private static final WorkingDayCalendar CHINA = WorkingDayCalendar.china();

    private static Lot lot(LocalDate clockStart, Money amount) {
        return new Lot(new LotId(1, 1), AccountId.ofCase(Fixtures.caseNumber(1)), amount, amount, clockStart,
                clockStart, clockStart, "receipt", clockStart, Lot.Origin.RECEIPT);
    }

    private static PayoutClock clock(int days, boolean working, int restart) {
        Period period = working ? Period.workingDays(days) : Period.calendarDays(days);
        Period restartPeriod = working ? Period.workingDays(restart) : Period.calendarDays(restart);
        Policy policy = Policy.defaults().toBuilder().noticeDeadline(period).restartAfterDeferral(restartPeriod)
                .build();
        return new PayoutClock(policy, CHINA);
    }

    private static LocalDate reference(LocalDate start, int days, boolean working) {
        return working ? NaiveCalendar.plusWorkingDays(start, days) : NaiveCalendar.plusCalendarDays(start, days);
    }

    @Test
    void aDeadlineIsAWorkingDayExactlyTheRightNumberOfDaysAfterItsStartAndMonotone() {
        qt().withExamples(SequenceHarness.examples())
                .forAll(integers().between(0, 640), integers().between(1, 30), booleans().all(),
                        integers().between(0, 20))
                .checkAssert((offset, days, working, later) -> {
                    PayoutClock clock = clock(days, working, 10);
                    LocalDate start = FIRST.plusDays(offset);
                    LocalDate deadline = clock.noticeDeadline(lot(start, Fixtures.cny("100.00")), List.of(), start);
                    assertEquals(reference(start, days, working), deadline, "deadline from " + start);
                    assertTrue(NaiveCalendar.working(deadline), deadline + " is not a working day");
                    assertTrue(deadline.isAfter(start));
                    if (working) {
                        assertEquals(days, CHINA.workingDaysBetween(start, deadline));
                    }
                    LocalDate laterStart = start.plusDays(later);
                    LocalDate laterDeadline = clock.noticeDeadline(lot(laterStart, Fixtures.cny("100.00")),
                            List.of(), laterStart);
                    assertFalse(laterDeadline.isBefore(deadline), "a later start gave an earlier deadline");
                });
    }

    @Test
    void afterADeferralEndsTheDeadlineFollowsThePolicy() {
        qt().withExamples(SequenceHarness.examples())
                .forAll(integers().between(0, 500), integers().between(0, 60), integers().between(0, 40),
                        booleans().all())
                .checkAssert((offset, startsAfter, lasts, lifted) -> {
                    PayoutClock clock = clock(10, true, 10);
                    LocalDate arrival = FIRST.plusDays(offset);
                    LocalDate start = arrival.plusDays(startsAfter);
                    LocalDate end = start.plusDays(lasts);
                    Optional<LocalDate> liftedOn = lifted && lasts > 0
                            ? Optional.of(start.plusDays(lasts / 2 + 1)) : Optional.empty();
                    Deferral deferral = new Deferral("d", Fixtures.caseNumber(1), DeferralReason.DISPUTED, "x", start,
                            end, Optional.empty(), start, liftedOn, List.of(), liftedOn.orElse(start));
                    LocalDate ended = liftedOn.filter(day -> day.isBefore(end)).orElse(end);
                    LocalDate after = ended.plusDays(1);
                    LocalDate deadline = clock.noticeDeadline(lot(arrival, Fixtures.cny("100.00")),
                            List.of(deferral), after);
                    LocalDate own = NaiveCalendar.plusWorkingDays(arrival, 10);
                    LocalDate restarted = NaiveCalendar.plusWorkingDays(ended, 10);
                    LocalDate expected = restarted.isAfter(own) ? restarted : own;
                    assertEquals(expected, deadline, "arrival " + arrival + ", deferral " + start + ".." + ended);
                    // While it holds, the lot is deferred, never overdue.
                    if (deferral.holdsOn(start)) {
                        List<LotStatus> statuses = clock.statusOfCase(List.of(lot(arrival, Fixtures.cny("100.00"))),
                                List.of(deferral), start);
                        assertEquals(LotStatus.State.DEFERRED, statuses.get(0).state());
                    }
                });
    }
}
