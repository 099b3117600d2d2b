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
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Goal: the daily three-colour list (docs/domain.md item 24) on one date holds exactly the overdue (red),
 * near-deadline (yellow) and newly arrived (green) amounts, most urgent first: by colour, then
 * deadline, then case number; amounts in time and deferred amounts are left out.
 *
 * <p>Method: one court on Thu 2025-03-20 with a lot of every kind, each deadline counted by hand in
 * a comment (10 working days after arrival; March 2025 has no holidays, so only weekends drop out),
 * and the list compared line by line with the expected one; then the same lots through
 * {@link CourtReports#caseLots}, which keeps the uncoloured ones.
 */
class DailyListTest {
    private static final LocalDate DATE = d("2025-03-20");

    /**
     * <ul>
     *   <li>Case 1: 100.00 arrived Mon 03-03. WD: 03-04 1, 03-05 2, 03-06 3, 03-07 4, 03-10 5,
     *       03-11 6, 03-12 7, 03-13 8, 03-14 9, Mon 03-17 10 → 03-17; on 03-20 (03-18, 03-19, 03-20)
     *       -3, red.</li>
     *   <li>Case 2: 200.00 arrived Tue 03-04. WD: 03-05 1 .. 03-17 9, Tue 03-18 10 → 03-18; -2, red.</li>
     *   <li>Case 3: 300.00 arrived unidentified Mon 03-03, claimed into the case on 03-20: its clock
     *       starts at arrival → deadline 03-17, -3, red, although it reached the case today.</li>
     *   <li>Case 4 (another handler): 400.00 arrived Fri 03-07. WD: 03-10 1, 03-11 2, 03-12 3,
     *       03-13 4, 03-14 5, 03-17 6, 03-18 7, 03-19 8, 03-20 9, Fri 03-21 10 → 03-21; 1 left,
     *       yellow.</li>
     *   <li>Case 5: 500.00 arrived Tue 03-11. WD: 03-12 1, 03-13 2, 03-14 3, 03-17 4, 03-18 5,
     *       03-19 6, 03-20 7, 03-21 8, 03-24 9, Tue 03-25 10 → 03-25; (03-21, 03-24, 03-25) 3 left,
     *       yellow.</li>
     *   <li>Case 5: 600.00 arrived Wed 03-12. WD: 03-13 1 .. 03-25 9, Wed 03-26 10 → 03-26; 4 left,
     *       in time, no colour.</li>
     *   <li>Case 5: 700.00 arrived Thu 03-20. WD: 03-21 1, 03-24 2, 03-25 3, 03-26 4, 03-27 5, 03-28 6,
     *       03-31 7, 04-01 8, 04-02 9, Thu 04-03 10 → 04-03; 10 left, newly arrived, green.</li>
     *   <li>Case 6: 800.00 arrived Thu 03-20 under a whole-case deferral granted 03-19: deferred,
     *       no colour even though newly arrived (its own deadline 04-03, 10 left).</li>
     * </ul>
     */
    private static Court court() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER).withCase(3, HANDLER)
                .withCase(4, OTHER_HANDLER).withCase(5, HANDLER).withCase(6, HANDLER);
        court.receipt("r1", d("2025-03-03"), "100.00", 1);
        court.unidentified("u3", d("2025-03-03"), "300.00");
        court.receipt("r2", d("2025-03-04"), "200.00", 2);
        court.receipt("r4", d("2025-03-07"), "400.00", 4);
        court.receipt("r5a", d("2025-03-11"), "500.00", 5);
        court.receipt("r5b", d("2025-03-12"), "600.00", 5);
        court.defer("def6", d("2025-03-19"), 6, d("2025-03-19"), d("2025-04-30"), null);
        court.receipt("r5c", DATE, "700.00", 5);
        court.receipt("r6", DATE, "800.00", 6);
        court.claim("c3", DATE, "u3", 3, "300.00");
        return court;
    }

    @Test
    void redThenYellowThenGreenEachByDeadlineThenCase() {
        Court court = court();
        List<CaseLotStatus> list = court.reports.dailyList(DATE);
        assertEquals(6, list.size(), list.toString());

        assertEquals(caseNumber(1), list.get(0).caseNumber());
        assertEquals(HANDLER.id(), list.get(0).handler());
        assertStatus(list.get(0).status(), "100.00", d("2025-03-17"), OVERDUE, -3, RED);
        assertFalse(list.get(0).status().newlyArrived());

        // Same deadline as case 1: the case number decides.
        assertEquals(caseNumber(3), list.get(1).caseNumber());
        assertStatus(list.get(1).status(), "300.00", d("2025-03-17"), OVERDUE, -3, RED);
        assertTrue(list.get(1).status().newlyArrived(), "claimed today, but red before green");

        assertEquals(caseNumber(2), list.get(2).caseNumber());
        assertStatus(list.get(2).status(), "200.00", d("2025-03-18"), OVERDUE, -2, RED);

        assertEquals(caseNumber(4), list.get(3).caseNumber());
        assertEquals(OTHER_HANDLER.id(), list.get(3).handler());
        assertStatus(list.get(3).status(), "400.00", d("2025-03-21"), NEAR_DEADLINE, 1, YELLOW);

        assertEquals(caseNumber(5), list.get(4).caseNumber());
        assertStatus(list.get(4).status(), "500.00", d("2025-03-25"), NEAR_DEADLINE, 3, YELLOW);

        assertEquals(caseNumber(5), list.get(5).caseNumber());
        assertStatus(list.get(5).status(), "700.00", d("2025-04-03"), IN_TIME, 10, GREEN);
        assertTrue(list.get(5).status().newlyArrived());
    }

    @Test
    void caseLotsAlsoHoldTheAmountsInTimeAndDeferred() {
        Court court = court();
        List<CaseLotStatus> all = court.reports.caseLots(DATE);
        assertEquals(8, all.size(), all.toString());

        List<CaseLotStatus> uncoloured = all.stream()
                .filter(line -> line.status().colour() == NONE).toList();
        assertEquals(2, uncoloured.size(), uncoloured.toString());
        CaseLotStatus inTime = uncoloured.stream().filter(line -> line.caseNumber().equals(caseNumber(5)))
                .findFirst().orElseThrow();
        assertStatus(inTime.status(), "600.00", d("2025-03-26"), IN_TIME, 4, NONE);
        CaseLotStatus deferred = uncoloured.stream().filter(line -> line.caseNumber().equals(caseNumber(6)))
                .findFirst().orElseThrow();
        assertStatus(deferred.status(), "800.00", d("2025-04-03"), DEFERRED, 10, NONE);
        assertTrue(deferred.status().newlyArrived(), "newly arrived, yet not green while deferred");
    }

    @Test
    void theNextDayTheNewArrivalIsNoLongerGreenAndTheYellowOneTurnsRedAfterItsDeadline() {
        Court court = court();
        // Mon 03-24: case 4's deadline (Fri 03-21) has passed: (03-21, 03-24] → -1, red.
        // Case 5's 500.00: (03-24, 03-25] → 1, yellow; 600.00: (03-24, 03-26] → 2, yellow.
        // Case 5's 700.00 (deadline 04-03): 03-25 .. 04-03 = 8 left, no longer new: no colour.
        List<CaseLotStatus> list = court.reports.dailyList(d("2025-03-24"));
        assertEquals(6, list.size(), list.toString());
        assertEquals(List.of(caseNumber(1), caseNumber(3), caseNumber(2), caseNumber(4), caseNumber(5),
                caseNumber(5)), list.stream().map(CaseLotStatus::caseNumber).toList());
        assertStatus(list.get(3).status(), "400.00", d("2025-03-21"), OVERDUE, -1, RED);
        assertStatus(list.get(4).status(), "500.00", d("2025-03-25"), NEAR_DEADLINE, 1, YELLOW);
        assertStatus(list.get(5).status(), "600.00", d("2025-03-26"), NEAR_DEADLINE, 2, YELLOW);
        // Case 1: (03-17, 03-24] = 03-18, 03-19, 03-20, 03-21, 03-24 → -5.
        assertStatus(list.get(0).status(), "100.00", d("2025-03-17"), OVERDUE, -5, RED);
    }

    @Test
    void doubleZeroWithTheListGivesWhatTheTwoReportsGiveApart() {
        Court court = court();
        for (LocalDate date : List.of(DATE, d("2025-03-24"), d("2025-04-30"))) {
            DoubleZeroWithList both = court.reports.doubleZeroWithList(date);
            assertEquals(court.reports.doubleZero(date), both.doubleZero(), date.toString());
            assertEquals(court.reports.dailyList(date), both.dailyList(), date.toString());
        }
    }
}
