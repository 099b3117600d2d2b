package org.casefunds.ledger.reports;

import static org.casefunds.ledger.reports.Court.d;
import static org.casefunds.ledger.reports.Court.zero;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.casefunds.ledger.clock.LotStatus;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: double zero (双清零, docs/domain.md item 23) on a date is strict only when no money is overdue
 * (unnoticed past its notice deadline, or noticed and not paid past finance's deadline) and no money
 * is unidentified; lenient when the same holds counting only unidentified money past its claiming
 * deadline; and every count and amount of the figures is what the listings add up to.
 *
 * <p>Method: a small court with one overdue lot, one notice past finance's deadline, and two
 * unidentified receipts, one within and one past its claiming deadline, all counted by hand on the
 * China calendar; then each is cleared in turn and the verdicts and figures are read after each step.
 */
class DoubleZeroTest {
    private static final LocalDate REPORT_DAY = d("2025-03-20");
    private static final LocalDate NEXT_DAY = d("2025-03-21");

    /**
     * The court on Thu 2025-03-20.
     *
     * <ul>
     *   <li>Case 1: 1,000.00 arrived Mon 03-03. WD: Tue 03-04 1, Wed 03-05 2, Thu 03-06 3,
     *       Fri 03-07 4, Mon 03-10 5, Tue 03-11 6, Wed 03-12 7, Thu 03-13 8, Fri 03-14 9,
     *       Mon 03-17 10 → notice deadline 03-17; overdue on 03-20.</li>
     *   <li>Case 2: 2,000.00 arrived 03-03, noticed in full Wed 03-05. Finance's deadline: Thu 03-06 1,
     *       Fri 03-07 2, Mon 03-10 3, Tue 03-11 4, Wed 03-12 5 → 03-12; unpaid and overdue on 03-20.</li>
     *   <li>Unidentified "u-old" 50.00 arrived Thu 03-13. Claiming deadline: Fri 03-14 1, Mon 03-17 2,
     *       Tue 03-18 3 → 03-18; past on 03-20.</li>
     *   <li>Unidentified "u-new" 300.00 arrived Tue 03-18. Claiming deadline: Wed 03-19 1, Thu 03-20 2,
     *       Fri 03-21 3 → 03-21; within on 03-20 and on 03-21.</li>
     * </ul>
     */
    private static Court court() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER).withCase(3, OTHER_HANDLER);
        court.receipt("r1", d("2025-03-03"), "1000.00", 1);
        court.receipt("r2", d("2025-03-03"), "2000.00", 2);
        court.notice("n2", d("2025-03-05"), 2, "2000.00");
        court.unidentified("u-old", d("2025-03-13"), "50.00");
        court.unidentified("u-new", d("2025-03-18"), "300.00");
        return court;
    }

    private static void assertFigures(DoubleZero.Figures figures, int overdueLots, int overdueCases,
            String overdueAmount, int financeNotices, String financeAmount, int unidentifiedReceipts,
            String unidentifiedAmount, int pastDeadline, String pastDeadlineAmount) {
        String described = figures.toString();
        assertEquals(CNY, figures.currency(), described);
        assertEquals(overdueLots, figures.overdueLots(), "overdueLots " + described);
        assertEquals(overdueCases, figures.overdueCases(), "overdueCases " + described);
        assertEquals(cny(overdueAmount), figures.overdueAmount(), "overdueAmount " + described);
        assertEquals(financeNotices, figures.financeOverdueNotices(), "financeOverdueNotices " + described);
        assertEquals(cny(financeAmount), figures.financeOverdueAmount(), "financeOverdueAmount " + described);
        assertEquals(unidentifiedReceipts, figures.unidentifiedReceipts(), "unidentifiedReceipts " + described);
        assertEquals(cny(unidentifiedAmount), figures.unidentifiedAmount(), "unidentifiedAmount " + described);
        assertEquals(pastDeadline, figures.unidentifiedPastDeadline(), "unidentifiedPastDeadline " + described);
        assertEquals(cny(pastDeadlineAmount), figures.unidentifiedPastDeadlineAmount(),
                "unidentifiedPastDeadlineAmount " + described);
    }

    private static DoubleZero.Figures onlyCny(DoubleZero doubleZero) {
        // Only CNY money moved: the USD master account has no postings, so no USD figures.
        assertEquals(1, doubleZero.currencies().size(), doubleZero.toString());
        return doubleZero.currencies().get(0);
    }

    @Test
    void aCourtWithMoneyOverdueAtBothEndsAndUnidentifiedMoneyIsNeitherStrictNorLenient() {
        Court court = court();
        DoubleZero doubleZero = court.reports.doubleZero(REPORT_DAY);
        assertEquals(REPORT_DAY, doubleZero.date());
        assertFalse(doubleZero.strict());
        assertFalse(doubleZero.lenient());
        DoubleZero.Figures figures = onlyCny(doubleZero);
        // 1 overdue lot (case 1, 1,000.00); 1 notice past finance's deadline (2,000.00);
        // 2 unidentified receipts, 50.00 + 300.00 = 350.00, of which 1 (50.00) past its deadline.
        assertFigures(figures, 1, 1, "1000.00", 1, "2000.00", 2, "350.00", 1, "50.00");
        // Overdue unpaid = 1,000.00 + 2,000.00.
        assertEquals(cny("3000.00"), figures.overdueUnpaid());
        assertFalse(figures.strict());
        assertFalse(figures.lenient());
    }

    @Test
    void theFiguresAreWhatTheListingsAddUpTo() {
        Court court = court();
        DoubleZero.Figures figures = onlyCny(court.reports.doubleZero(REPORT_DAY));

        List<CaseLotStatus> overdue = court.reports.caseLots(REPORT_DAY).stream()
                .filter(line -> line.status().state() == LotStatus.State.OVERDUE).toList();
        assertEquals(1, overdue.size());
        assertEquals(caseNumber(1), overdue.get(0).caseNumber());
        assertEquals(figures.overdueAmount(), overdue.get(0).status().amount());

        List<NoticeOverdue> atFinance = court.reports.noticesOverdueAtFinance(REPORT_DAY);
        assertEquals(1, atFinance.size());
        assertEquals("n2", atFinance.get(0).notice().id());
        assertEquals(figures.financeOverdueAmount(), atFinance.get(0).notice().amount());

        List<UnidentifiedEntry> unidentified = court.reports.unidentified(REPORT_DAY);
        Money total = zero();
        Money past = zero();
        for (UnidentifiedEntry entry : unidentified) {
            total = total.plus(entry.remaining());
            if (entry.pastDeadline()) {
                past = past.plus(entry.remaining());
            }
        }
        assertEquals(figures.unidentifiedReceipts(), unidentified.size());
        assertEquals(figures.unidentifiedAmount(), total);
        assertEquals(figures.unidentifiedPastDeadlineAmount(), past);
    }

    @Test
    void clearingEachInTurnMakesTheCourtLenientThenStrictlyDoubleZero() {
        Court court = court();

        // Fri 03-21, step 1: case 1's money is noticed (late, but no longer unnoticed). Its notice is
        // within finance's deadline (03-21 + 5 WD = 03-28). n2 is still unpaid: (03-12, 03-21] = 7
        // working days past. u-old is still past its deadline.
        court.notice("n1", NEXT_DAY, 1, "1000.00");
        DoubleZero step1 = court.reports.doubleZero(NEXT_DAY);
        assertFalse(step1.strict());
        assertFalse(step1.lenient());
        assertFigures(onlyCny(step1), 0, 0, "0.00", 1, "2000.00", 2, "350.00", 1, "50.00");
        assertEquals(7, court.reports.noticesOverdueAtFinance(NEXT_DAY).get(0).workingDaysOverdue());

        // Step 2: the bank pays n2.
        court.settle("n2-paid", NEXT_DAY, "n2");
        DoubleZero step2 = court.reports.doubleZero(NEXT_DAY);
        assertFalse(step2.strict());
        assertFalse(step2.lenient(), "u-old is still past its claiming deadline");
        assertFigures(onlyCny(step2), 0, 0, "0.00", 0, "0.00", 2, "350.00", 1, "50.00");

        // Step 3: u-old is refunded to its payer (in transit to the bank until 03-28: not overdue).
        court.refund("u-old-back", NEXT_DAY, "u-old", "50.00");
        DoubleZero step3 = court.reports.doubleZero(NEXT_DAY);
        assertTrue(step3.lenient(), "only u-new is left, on its claiming deadline day 03-21");
        assertFalse(step3.strict(), "u-new's 300.00 is still unidentified");
        assertFigures(onlyCny(step3), 0, 0, "0.00", 0, "0.00", 1, "300.00", 0, "0.00");

        // Step 4: u-new is claimed into case 3. Its clock starts on its arrival, Tue 03-18: notice
        // deadline Wed 03-19 1, 03-20 2, 03-21 3, 03-24 4, 03-25 5, 03-26 6, 03-27 7, 03-28 8,
        // 03-31 9, Tue 04-01 10 → 04-01; in time on 03-21.
        court.claim("u-new-claim", NEXT_DAY, "u-new", 3, "300.00");
        DoubleZero step4 = court.reports.doubleZero(NEXT_DAY);
        assertTrue(step4.strict(), step4.toString());
        assertTrue(step4.lenient());
        assertFigures(onlyCny(step4), 0, 0, "0.00", 0, "0.00", 0, "0.00", 0, "0.00");

        // The report about 03-20 has not changed: every clearing event is dated 03-21.
        assertFigures(onlyCny(court.reports.doubleZero(REPORT_DAY)), 1, 1, "1000.00", 1, "2000.00", 2,
                "350.00", 1, "50.00");
    }

    @Test
    void anUnidentifiedReceiptLeftUnclaimedPastItsDeadlineBreaksTheLenientFigureToo() {
        Court court = court();
        court.notice("n1", NEXT_DAY, 1, "1000.00");
        court.settle("n2-paid", NEXT_DAY, "n2");
        court.refund("u-old-back", NEXT_DAY, "u-old", "50.00");
        // On Mon 03-24, u-new (deadline Fri 03-21) is one working day past: lenient is lost as well.
        DoubleZero monday = court.reports.doubleZero(d("2025-03-24"));
        assertFalse(monday.lenient());
        assertFalse(monday.strict());
        assertFigures(onlyCny(monday), 0, 0, "0.00", 0, "0.00", 1, "300.00", 1, "300.00");
    }
}
