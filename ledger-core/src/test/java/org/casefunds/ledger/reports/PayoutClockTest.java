package org.casefunds.ledger.reports;

import static org.casefunds.ledger.reports.Court.assertStatus;
import static org.casefunds.ledger.reports.Court.d;
import static org.casefunds.ledger.clock.LotStatus.Colour.GREEN;
import static org.casefunds.ledger.clock.LotStatus.Colour.NONE;
import static org.casefunds.ledger.clock.LotStatus.Colour.RED;
import static org.casefunds.ledger.clock.LotStatus.Colour.YELLOW;
import static org.casefunds.ledger.clock.LotStatus.State.DEFERRED;
import static org.casefunds.ledger.clock.LotStatus.State.IN_TIME;
import static org.casefunds.ledger.clock.LotStatus.State.NEAR_DEADLINE;
import static org.casefunds.ledger.clock.LotStatus.State.OVERDUE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * Goal: the payout clock (docs/design.md §5, docs/domain.md §3, §4, §7) gives the notice deadline, state,
 * working days left and colour that a finance officer counting on a paper calendar would give,
 * across the 2025 holidays, the turn of the year, the SPC 2017 preset, deferrals and deposits.
 *
 * <p>Method: example ledgers on the test court; each lot's deadline is counted by hand, day by day,
 * in a comment on the China calendar of docs/domain.md items 30–31 (the start day not counted; "WD"
 * lists the working days counted, "(adj)" marks an adjusted working weekend day), and the figures
 * are read from {@link CourtReports#caseLots} on several dates. {@code daysLeft} is the number of
 * working days in (date, deadline]: 0 on the deadline day, negative after it.
 */
class PayoutClockTest {

    // ------------------------------------------------------------------ deadlines across holidays

    @Test
    void nationalDay2025ArrivalOnFridayBeforeTheBreak() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-09-26"), "1000.00", 1);
        // Arrived Fri 2025-09-26. WD: Sat 09-27 is a plain rest day; Sun 09-28 (adj) 1, Mon 09-29 2,
        // Tue 09-30 3; Oct 1–8 rest; Thu 10-09 4, Fri 10-10 5, Sat 10-11 (adj) 6, Mon 10-13 7,
        // Tue 10-14 8, Wed 10-15 9, Thu 10-16 10 → deadline 2025-10-16.
        LocalDate deadline = d("2025-10-16");

        // On the arrival day: (09-26, 10-16] holds all 10 working days; newly arrived → green.
        assertStatus(court.onlyLotOf(1, d("2025-09-26")), "1000.00", deadline, IN_TIME, 10, GREEN);
        // On Tue 09-30: (09-30, 10-16] = 10-09, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16 = 7.
        assertStatus(court.onlyLotOf(1, d("2025-09-30")), "1000.00", deadline, IN_TIME, 7, NONE);
        // On Sun 10-05, in the middle of the break: still the same 7 working days ahead.
        assertStatus(court.onlyLotOf(1, d("2025-10-05")), "1000.00", deadline, IN_TIME, 7, NONE);
        // On Sat 10-11 (adj): (10-11, 10-16] = 10-13, 10-14, 10-15, 10-16 = 4 > 3 → in time.
        assertStatus(court.onlyLotOf(1, d("2025-10-11")), "1000.00", deadline, IN_TIME, 4, NONE);
        // On Mon 10-13: (10-13, 10-16] = 10-14, 10-15, 10-16 = 3 ≤ 3 → near deadline, yellow.
        assertStatus(court.onlyLotOf(1, d("2025-10-13")), "1000.00", deadline, NEAR_DEADLINE, 3, YELLOW);
        // On the deadline day itself: 0 left, still near (not overdue).
        assertStatus(court.onlyLotOf(1, d("2025-10-16")), "1000.00", deadline, NEAR_DEADLINE, 0, YELLOW);
        // On Fri 10-17: one working day past → overdue, red, -1.
        assertStatus(court.onlyLotOf(1, d("2025-10-17")), "1000.00", deadline, OVERDUE, -1, RED);
        // On Mon 10-20: (10-16, 10-20] = 10-17, 10-20 → -2.
        assertStatus(court.onlyLotOf(1, d("2025-10-20")), "1000.00", deadline, OVERDUE, -2, RED);
    }

    @Test
    void nationalDay2025ArrivalOnTheLastDayBeforeTheBreak() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-09-30"), "500.00", 1);
        // Arrived Tue 2025-09-30. WD: Oct 1–8 rest; Thu 10-09 1, Fri 10-10 2, Sat 10-11 (adj) 3,
        // Mon 10-13 4, Tue 10-14 5, Wed 10-15 6, Thu 10-16 7, Fri 10-17 8, Mon 10-20 9,
        // Tue 10-21 10 → deadline 2025-10-21.
        LocalDate deadline = d("2025-10-21");
        assertStatus(court.onlyLotOf(1, d("2025-09-30")), "500.00", deadline, IN_TIME, 10, GREEN);
        // On Wed 10-08 (last day of the break) nothing has been used: 10 working days still ahead.
        assertStatus(court.onlyLotOf(1, d("2025-10-08")), "500.00", deadline, IN_TIME, 10, NONE);
        // On Thu 10-16: (10-16, 10-21] = 10-17, 10-20, 10-21 = 3 → near.
        assertStatus(court.onlyLotOf(1, d("2025-10-16")), "500.00", deadline, NEAR_DEADLINE, 3, YELLOW);
        // On Wed 10-15: (10-15, 10-21] = 10-16, 10-17, 10-20, 10-21 = 4 → in time.
        assertStatus(court.onlyLotOf(1, d("2025-10-15")), "500.00", deadline, IN_TIME, 4, NONE);
        // On Wed 10-22: -1, overdue.
        assertStatus(court.onlyLotOf(1, d("2025-10-22")), "500.00", deadline, OVERDUE, -1, RED);
    }

    @Test
    void springFestival2025() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-01-24"), "800.00", 1);
        // Arrived Fri 2025-01-24. WD: Sat 01-25 rest; Sun 01-26 (adj) 1, Mon 01-27 2; Jan 28–Feb 4
        // rest; Wed 02-05 3, Thu 02-06 4, Fri 02-07 5, Sat 02-08 (adj) 6, Mon 02-10 7, Tue 02-11 8,
        // Wed 02-12 9, Thu 02-13 10 → deadline 2025-02-13 (a naive Mon–Fri count gives 02-07).
        LocalDate deadline = d("2025-02-13");
        assertStatus(court.onlyLotOf(1, d("2025-01-24")), "800.00", deadline, IN_TIME, 10, GREEN);
        // On Fri 02-07: (02-07, 02-13] = 02-08 (adj), 02-10, 02-11, 02-12, 02-13 = 5 → in time.
        assertStatus(court.onlyLotOf(1, d("2025-02-07")), "800.00", deadline, IN_TIME, 5, NONE);
        // On Sat 02-08 (adj): (02-08, 02-13] = 02-10 .. 02-13 = 4 → in time.
        assertStatus(court.onlyLotOf(1, d("2025-02-08")), "800.00", deadline, IN_TIME, 4, NONE);
        // On Mon 02-10: 02-11, 02-12, 02-13 = 3 → near.
        assertStatus(court.onlyLotOf(1, d("2025-02-10")), "800.00", deadline, NEAR_DEADLINE, 3, YELLOW);
        // On Fri 02-14: -1 → overdue.
        assertStatus(court.onlyLotOf(1, d("2025-02-14")), "800.00", deadline, OVERDUE, -1, RED);
    }

    @Test
    void yearEnd2025IntoJanuary2026() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-12-24"), "300.00", 1);
        // Arrived Wed 2025-12-24. WD: Thu 12-25 1, Fri 12-26 2, Mon 12-29 3, Tue 12-30 4,
        // Wed 12-31 5; 2026 Jan 1–3 rest (Thu, Fri, Sat); Sun 01-04 (adj) 6, Mon 01-05 7,
        // Tue 01-06 8, Wed 01-07 9, Thu 01-08 10 → deadline 2026-01-08.
        LocalDate deadline = d("2026-01-08");
        // On Wed 12-31: (12-31, 01-08] = 01-04 (adj), 01-05, 01-06, 01-07, 01-08 = 5 → in time.
        assertStatus(court.onlyLotOf(1, d("2025-12-31")), "300.00", deadline, IN_TIME, 5, NONE);
        // On Sat 2026-01-03: the same 5.
        assertStatus(court.onlyLotOf(1, d("2026-01-03")), "300.00", deadline, IN_TIME, 5, NONE);
        // On Sun 01-04 (adj): (01-04, 01-08] = 01-05 .. 01-08 = 4.
        assertStatus(court.onlyLotOf(1, d("2026-01-04")), "300.00", deadline, IN_TIME, 4, NONE);
        // On Mon 01-05: 3 → near.
        assertStatus(court.onlyLotOf(1, d("2026-01-05")), "300.00", deadline, NEAR_DEADLINE, 3, YELLOW);
        // On Fri 01-09: -1 → overdue.
        assertStatus(court.onlyLotOf(1, d("2026-01-09")), "300.00", deadline, OVERDUE, -1, RED);
    }

    @Test
    void anOverdueLotOnTheSaturdayAfterAFridayDeadlineHasZeroWorkingDaysLeft() {
        // Surprising but per the counting rule: daysLeft counts working days in (date, deadline],
        // and a Saturday adds none. The lot is overdue (the date is after the deadline) with
        // daysLeft 0, not negative, until the next working day.
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-07"), "100.00", 1);
        // Arrived Fri 2025-03-07. WD: Mon 03-10 1, Tue 03-11 2, Wed 03-12 3, Thu 03-13 4,
        // Fri 03-14 5, Mon 03-17 6, Tue 03-18 7, Wed 03-19 8, Thu 03-20 9, Fri 03-21 10
        // → deadline 2025-03-21.
        LocalDate deadline = d("2025-03-21");
        assertStatus(court.onlyLotOf(1, d("2025-03-22")), "100.00", deadline, OVERDUE, 0, RED);
        assertStatus(court.onlyLotOf(1, d("2025-03-23")), "100.00", deadline, OVERDUE, 0, RED);
        // Mon 03-24: (03-21, 03-24] = 03-24 → -1.
        assertStatus(court.onlyLotOf(1, d("2025-03-24")), "100.00", deadline, OVERDUE, -1, RED);
    }

    // ------------------------------------------------------------------ SPC 2017 preset

    @Test
    void spc2017ThirtyCalendarDays() {
        Court court = Court.opened(Policy.spc2017()).withCase(1, HANDLER).withCase(2, HANDLER)
                .withCase(3, HANDLER).withCase(4, HANDLER);
        court.receipt("r1", d("2025-03-03"), "100.00", 1);
        court.receipt("r2", d("2025-09-03"), "200.00", 2);
        court.receipt("r3", d("2025-09-11"), "300.00", 3);
        court.receipt("r4", d("2025-01-24"), "400.00", 4);

        // Mon 2025-03-03 + 30 calendar days: 03-03 + 28 = 03-31, + 2 = Wed 04-02, a working day
        // → deadline 2025-04-02.
        // On Fri 03-28: (03-28, 04-02] = Mon 03-31, Tue 04-01, Wed 04-02 = 3 working days → near.
        assertStatus(court.onlyLotOf(1, d("2025-03-28")), "100.00", d("2025-04-02"), NEAR_DEADLINE, 3, YELLOW);
        // On Thu 03-27: 03-28, 03-31, 04-01, 04-02 = 4 → in time.
        assertStatus(court.onlyLotOf(1, d("2025-03-27")), "100.00", d("2025-04-02"), IN_TIME, 4, NONE);
        assertStatus(court.onlyLotOf(1, d("2025-04-03")), "100.00", d("2025-04-02"), OVERDUE, -1, RED);

        // Wed 2025-09-03 + 30: 09-03 + 27 = 09-30, + 3 = Fri 10-03, a National Day rest day; rolls
        // over Sat 10-04 .. Wed 10-08 (rest) to Thu 10-09 → deadline 2025-10-09.
        // On Tue 09-30: (09-30, 10-09] = 10-09 only = 1 working day → near, though 9 calendar days remain.
        assertStatus(court.onlyLotOf(2, d("2025-09-30")), "200.00", d("2025-10-09"), NEAR_DEADLINE, 1, YELLOW);
        assertStatus(court.onlyLotOf(2, d("2025-10-09")), "200.00", d("2025-10-09"), NEAR_DEADLINE, 0, YELLOW);
        assertStatus(court.onlyLotOf(2, d("2025-10-10")), "200.00", d("2025-10-09"), OVERDUE, -1, RED);

        // Thu 2025-09-11 + 30: 09-11 + 19 = 09-30, + 11 = Sat 10-11, an adjusted working day: no roll
        // → deadline 2025-10-11.
        assertStatus(court.onlyLotOf(3, d("2025-10-11")), "300.00", d("2025-10-11"), NEAR_DEADLINE, 0, YELLOW);
        // Mon 10-13: (10-11, 10-13] = 10-13 → -1.
        assertStatus(court.onlyLotOf(3, d("2025-10-13")), "300.00", d("2025-10-11"), OVERDUE, -1, RED);

        // Fri 2025-01-24 + 30: 01-24 + 7 = 01-31, + 23 = Sun 02-23, a plain weekend day; rolls to
        // Mon 02-24 → deadline 2025-02-24.
        assertStatus(court.onlyLotOf(4, d("2025-02-23")), "400.00", d("2025-02-24"), NEAR_DEADLINE, 1, YELLOW);
        assertStatus(court.onlyLotOf(4, d("2025-02-25")), "400.00", d("2025-02-24"), OVERDUE, -1, RED);
    }

    @Test
    void spc2017RestartsTenCalendarDaysAfterALiftRolledPastMayDay() {
        Court court = Court.opened(Policy.spc2017()).withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "100.00", 1);
        // Deadline 2025-04-02 (see above). Deferred from Tue 04-01 to 05-30, lifted Thu 04-24.
        court.defer("def", d("2025-04-01"), 1, d("2025-04-01"), d("2025-05-30"), null);
        assertStatus(court.onlyLotOf(1, d("2025-04-10")), "100.00", d("2025-04-02"), DEFERRED, -5, NONE);
        court.lift("lift", d("2025-04-24"), 1, "def");
        // Restart: Thu 04-24 + 10 calendar days = Sun 05-04, a May Day rest day; Mon 05-05 rest;
        // rolls to Tue 05-06 → deadline 2025-05-06.
        // On 04-24: (04-24, 05-06] = 04-25, 04-27 (adj), 04-28, 04-29, 04-30, 05-06 = 6 working days.
        assertStatus(court.onlyLotOf(1, d("2025-04-24")), "100.00", d("2025-05-06"), IN_TIME, 6, NONE);
        assertStatus(court.onlyLotOf(1, d("2025-05-07")), "100.00", d("2025-05-06"), OVERDUE, -1, RED);
    }

    // ------------------------------------------------------------------ deferrals

    @Test
    void aWholeCaseDeferralHoldsAnOverdueLotAndTheClockRestartsFromTheLiftDate() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "1000.00", 1);
        // Arrived Mon 2025-03-03. WD: Tue 03-04 1, Wed 03-05 2, Thu 03-06 3, Fri 03-07 4, Mon 03-10 5,
        // Tue 03-11 6, Wed 03-12 7, Thu 03-13 8, Fri 03-14 9, Mon 03-17 10 → deadline 2025-03-17.
        LocalDate deadline = d("2025-03-17");
        // Wed 03-19: (03-17, 03-19] = 03-18, 03-19 → -2, overdue.
        assertStatus(court.onlyLotOf(1, d("2025-03-19")), "1000.00", deadline, OVERDUE, -2, RED);

        // Granted Thu 03-20 for the whole case from 03-20 to 04-30.
        court.defer("def", d("2025-03-20"), 1, d("2025-03-20"), d("2025-04-30"), null);
        LotStatus held = court.onlyLotOf(1, d("2025-03-20"));
        // Deferred: the deadline stays the original one while the deferral holds, -3 (03-18, 03-19,
        // 03-20), and the daily list leaves it out (no colour).
        assertStatus(held, "1000.00", deadline, DEFERRED, -3, NONE);
        assertEquals(Optional.of("def"), held.deferral());
        assertStatus(court.onlyLotOf(1, d("2025-04-09")), "1000.00", deadline, DEFERRED,
                -16, NONE); // 03-18..03-21 4, 03-24..03-28 5, 03-31..04-03 4, 04-07..04-09 3 = 16
        // The day before the deferral was granted nothing changes (as-of reports).
        assertStatus(court.onlyLotOf(1, d("2025-03-19")), "1000.00", deadline, OVERDUE, -2, RED);

        // Lifted Thu 04-10: it holds through 04-09; the clock restarts from the lift date.
        court.lift("lift", d("2025-04-10"), 1, "def");
        // 04-10 + 10 WD: Fri 04-11 1, Mon 04-14 2, Tue 04-15 3, Wed 04-16 4, Thu 04-17 5, Fri 04-18 6,
        // Mon 04-21 7, Tue 04-22 8, Wed 04-23 9, Thu 04-24 10 → deadline 2025-04-24.
        LocalDate restarted = d("2025-04-24");
        assertStatus(court.onlyLotOf(1, d("2025-04-09")), "1000.00", deadline, DEFERRED, -16, NONE);
        assertStatus(court.onlyLotOf(1, d("2025-04-10")), "1000.00", restarted, IN_TIME, 10, NONE);
        // Mon 04-21: 04-22, 04-23, 04-24 = 3 → near.
        assertStatus(court.onlyLotOf(1, d("2025-04-21")), "1000.00", restarted, NEAR_DEADLINE, 3, YELLOW);
        // Mon 04-28: (04-24, 04-28] = 04-25, 04-27 (adj), 04-28 → -3.
        assertStatus(court.onlyLotOf(1, d("2025-04-28")), "1000.00", restarted, OVERDUE, -3, RED);
    }

    @Test
    void aWholeCaseDeferralThatExpiresRestartsTheClockFromItsEndDate() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "1000.00", 1);
        // Deadline 2025-03-17 (see above). Granted 03-20 from 03-20 to Fri 04-25, never lifted.
        court.defer("def", d("2025-03-20"), 1, d("2025-03-20"), d("2025-04-25"), null);
        // On its last day, Fri 04-25, it still holds.
        assertEquals(DEFERRED, court.onlyLotOf(1, d("2025-04-25")).state());
        // End 04-25 + 10 WD: Sun 04-27 (adj) 1, Mon 04-28 2, Tue 04-29 3, Wed 04-30 4; May 1–5 rest;
        // Tue 05-06 5, Wed 05-07 6, Thu 05-08 7, Fri 05-09 8, Mon 05-12 9, Tue 05-13 10
        // → deadline 2025-05-13.
        LocalDate restarted = d("2025-05-13");
        // Sat 04-26: (04-26, 05-13] holds all 10.
        assertStatus(court.onlyLotOf(1, d("2025-04-26")), "1000.00", restarted, IN_TIME, 10, NONE);
        // Thu 05-08: 05-09, 05-12, 05-13 = 3 → near.
        assertStatus(court.onlyLotOf(1, d("2025-05-08")), "1000.00", restarted, NEAR_DEADLINE, 3, YELLOW);
        assertStatus(court.onlyLotOf(1, d("2025-05-14")), "1000.00", restarted, OVERDUE, -1, RED);
    }

    @Test
    void aDeferralOfAnAmountCoversTheEarliestDeadlinesFirstAndTheRestStaysOverdue() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("a", d("2025-03-03"), "300.00", 1);
        court.receipt("b", d("2025-03-04"), "500.00", 1);
        // Lot a: Mon 03-03 → deadline 03-17 (see above).
        // Lot b: Tue 03-04. WD: Wed 03-05 1, Thu 03-06 2, Fri 03-07 3, Mon 03-10 4, Tue 03-11 5,
        // Wed 03-12 6, Thu 03-13 7, Fri 03-14 8, Mon 03-17 9, Tue 03-18 10 → deadline 2025-03-18.
        // A deferral of 400.00 granted 03-20: covers a (300.00, earliest deadline) and 100.00 of b;
        // the other 400.00 of b keeps its clock and is overdue.
        court.defer("def", d("2025-03-20"), 1, d("2025-03-20"), d("2025-04-30"), "400.00");
        List<CaseLotStatus> lines = court.linesOf(1, d("2025-03-20"));
        assertEquals(3, lines.size(), lines.toString());
        // a: (03-17, 03-20] = 03-18, 03-19, 03-20 → -3; b: (03-18, 03-20] → -2.
        assertStatus(lines.get(0).status(), "300.00", d("2025-03-17"), DEFERRED, -3, NONE);
        assertStatus(lines.get(1).status(), "100.00", d("2025-03-18"), DEFERRED, -2, NONE);
        assertStatus(lines.get(2).status(), "400.00", d("2025-03-18"), OVERDUE, -2, RED);
        assertEquals(lines.get(1).status().lot().id(), lines.get(2).status().lot().id(), "both parts of lot b");

        DoubleZero.Figures figures = court.reports.doubleZero(d("2025-03-20")).currencies().get(0);
        assertEquals(1, figures.overdueLots());
        assertEquals(cny("400.00"), figures.overdueAmount());
    }

    @Test
    void whenADeferralOfAnAmountEndsTheMoneyItNeverCoveredStaysOverdue() {
        // PayoutClock's Javadoc: "A deferral with an amount covers the case's money with the earliest
        // deadlines first, up to that amount; the rest of the case's money keeps its clock." docs/domain.md
        // item 17: while a deferral holds "its money" is not overdue; when it ends the clock restarts.
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("a", d("2025-03-03"), "300.00", 1);
        court.receipt("b", d("2025-03-04"), "500.00", 1);
        court.defer("def", d("2025-03-20"), 1, d("2025-03-20"), d("2025-04-30"), "400.00");
        court.lift("lift", d("2025-04-10"), 1, "def");
        // Lifted Thu 04-10: the 400.00 it covered restarts (04-10 + 10 WD = 04-24, see above); the
        // 400.00 of lot b it never covered was overdue since 03-19 and still is on Fri 04-11:
        // (03-18, 04-11] = 03-19..03-21 3, 03-24..03-28 5, 03-31..04-03 4, 04-07..04-11 5 = 17.
        DoubleZero.Figures figures = court.reports.doubleZero(d("2025-04-11")).currencies().get(0);
        assertEquals(cny("400.00"), figures.overdueAmount(), court.linesOf(1, d("2025-04-11")).toString());
    }

    @Test
    void aDepositWithANotaryLeavesTheCaseAndIsNeverOverdue() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER);
        court.receipt("r1", d("2025-03-03"), "1000.00", 1);
        court.receipt("r2", d("2025-03-03"), "1000.00", 2);
        // Case 1 deposits all its money with a notary on Wed 03-05; the bank pays it Thu 03-06.
        court.deposit("dep1", d("2025-03-05"), 1, "1000.00");
        court.settle("dep1-paid", d("2025-03-06"), "dep1");
        // Case 2 deposits 600.00 of it; the other 400.00 keeps the clock of 03-03 (deadline 03-17).
        court.deposit("dep2", d("2025-03-05"), 2, "600.00");
        court.settle("dep2-paid", d("2025-03-06"), "dep2");

        LocalDate date = d("2025-03-20");
        assertTrue(court.linesOf(1, date).isEmpty(), "case 1 holds no unnoticed money");
        assertStatus(court.onlyLotOf(2, date), "400.00", d("2025-03-17"), OVERDUE, -3, RED);
        DoubleZero.Figures figures = court.reports.doubleZero(date).currencies().get(0);
        assertEquals(1, figures.overdueLots());
        assertEquals(1, figures.overdueCases());
        assertEquals(cny("400.00"), figures.overdueAmount());
        assertEquals(0, figures.financeOverdueNotices());

        // Once case 2's rest is deposited too, the court is strictly double zero.
        court.deposit("dep3", d("2025-03-20"), 2, "400.00");
        court.settle("dep3-paid", d("2025-03-21"), "dep3");
        DoubleZero after = court.reports.doubleZero(d("2025-03-21"));
        assertTrue(after.strict(), after.toString());
        assertTrue(after.lenient());
        assertTrue(court.reports.caseLots(d("2025-03-21")).isEmpty());
    }
}
