package org.casefunds.ledger.reports;

import static org.casefunds.ledger.reports.Court.d;
import static org.casefunds.ledger.reports.Court.flow;
import static org.casefunds.ledger.reports.Court.two;
import static org.casefunds.ledger.reports.Court.zero;
import static org.casefunds.ledger.testing.Fixtures.afterOpening;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.journal.LotId;
import org.junit.jupiter.api.Test;

/**
 * Goal: the period and list reports of docs/domain.md item 25 give the figures a finance officer would
 * add up by hand: the weekly report, per-handler figures, average payout time and timeliness, the
 * monthly large-balance report, old balances and the one-case-one-account usage rate.
 *
 * <p>Method: one small example ledger per report, each figure worked out in a comment (calendar days
 * for ages and payout times, working days on the China calendar for deadlines; March 2025 has no
 * holiday), and compared exactly, to the cent and to two decimals for averages and rates (half up).
 */
class PeriodReportsTest {

    // ------------------------------------------------------------------ weekly and handlers

    private static final LocalDate MONDAY = d("2025-03-17");
    private static final LocalDate SUNDAY = d("2025-03-23");

    /**
     * The week Mon 03-17 .. Sun 03-23. Cases 1 and 2 belong to judge.zhao (HANDLER), 3, 4 and 5 to
     * judge.qian (OTHER_HANDLER).
     *
     * <pre>
     * before: Mon 03-03 r4  case 4   70.00 (never noticed: deadline 03-17, overdue by the week's end)
     *         Mon 03-10 r1a case 1 1,000.00, r2a case 2 5,000.00
     * Mon 03-17  r1b case 1 2,000.00 by sub-account; r5 case 5 50.00 by sub-account
     * Tue 03-18  u1 300.00 unidentified; r2b 400.00 routed to case 2 by the case number in its memo;
     *            n5 notice case 5 50.00 (stays in transit)
     * Wed 03-19  u1 claimed into case 3 (300.00); n1 notice case 1 1,500.00 (takes 1,000.00 of r1a and
     *            500.00 of r1b)
     * Thu 03-20  n1 paid; n2 notice case 2 5,000.00 (takes all of r2a)
     * Fri 03-21  n2 returned by the bank; u2 80.00 unidentified, refunded to its payer the same day
     * Sat 03-22  n3 notice case 3 100.00 (stays in transit)
     * after: Mon 03-24 r1c case 1 999.00 (outside the week and after its end: never counted)
     * </pre>
     */
    private static Court week() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER).withCase(3, OTHER_HANDLER)
                .withCase(4, OTHER_HANDLER).withCase(5, OTHER_HANDLER);
        court.receipt("r4", d("2025-03-03"), "70.00", 4);
        court.receipt("r1a", d("2025-03-10"), "1000.00", 1);
        court.receipt("r2a", d("2025-03-10"), "5000.00", 2);
        court.receipt("r1b", d("2025-03-17"), "2000.00", 1);
        court.receipt("r5", d("2025-03-17"), "50.00", 5);
        court.unidentified("u1", d("2025-03-18"), "300.00");
        court.receiptByMemo("r2b", d("2025-03-18"), "400.00", 2);
        court.notice("n5", d("2025-03-18"), 5, "50.00");
        court.claim("c1", d("2025-03-19"), "u1", 3, "300.00");
        court.notice("n1", d("2025-03-19"), 1, "1500.00");
        court.settle("n1-paid", d("2025-03-20"), "n1");
        court.notice("n2", d("2025-03-20"), 2, "5000.00");
        court.returned("n2-back", d("2025-03-21"), "n2");
        court.unidentified("u2", d("2025-03-21"), "80.00");
        court.refund("u2-back", d("2025-03-21"), "u2", "80.00");
        court.notice("n3", d("2025-03-22"), 3, "100.00");
        court.receipt("r1c", d("2025-03-24"), "999.00", 1);
        return court;
    }

    @Test
    void theWeeklyReport() {
        WeeklyReport week = week().reports.weekly(MONDAY, SUNDAY, CNY);
        assertEquals(MONDAY, week.from());
        assertEquals(SUNDAY, week.to());
        assertEquals(CNY, week.currency());
        // Received in the week: r1b 2,000.00 + r5 50.00 + u1 300.00 + r2b 400.00 + u2 80.00.
        assertEquals(flow(5, "2830.00"), week.received());
        assertEquals(flow(1, "300.00"), week.claimed());
        // Noticed: n5 50.00 + n1 1,500.00 + n2 5,000.00 (later returned, but it was issued) + n3 100.00;
        // the refund of u2 is not a notice.
        assertEquals(flow(4, "6650.00"), week.noticed());
        assertEquals(flow(1, "1500.00"), week.paid());
        assertEquals(flow(1, "5000.00"), week.returned());
        assertEquals(flow(1, "80.00"), week.refundedUnidentified());
        // Held on cases at Sunday's end: case 1 1,000 + 2,000 - 1,500 = 1,500.00; case 2 5,000 + 400
        // - 5,000 + 5,000 back = 5,400.00; case 3 300 - 100 = 200.00; case 4 70.00; case 5 50 - 50 = 0.
        assertEquals(cny("7170.00"), week.heldOnCases());
        assertEquals(cny("0.00"), week.heldUnidentified());
        // In transit: n5 50.00 + n3 100.00 (payouts) + u2's refund 80.00.
        assertEquals(cny("230.00"), week.heldInTransit());
        // Cases 1, 2, 3, 4 hold money; case 5 holds none but its 50.00 is still in transit.
        assertEquals(5, week.casesHolding());
        assertEquals(week().reports.handlers(MONDAY, SUNDAY, CNY), week.handlers());
    }

    @Test
    void theFiguresOfEachHandler() {
        List<HandlerFigures> handlers = week().reports.handlers(MONDAY, SUNDAY, CNY);
        assertEquals(2, handlers.size(), handlers.toString());

        // judge.qian (sorted first): cases 3, 4, 5.
        HandlerFigures qian = handlers.get(0);
        assertEquals(OTHER_HANDLER.id(), qian.handler());
        assertEquals(3, qian.cases());
        // Received: the claim of u1 into case 3 (300.00) and r5 (50.00); r4 arrived before the week.
        assertEquals(flow(2, "350.00"), qian.received());
        assertEquals(flow(2, "150.00"), qian.noticed());
        assertEquals(flow(0, "0.00"), qian.paid());
        // Held: case 3 200.00 + case 4 70.00; overdue: case 4's 70.00 (deadline 03-17: Tue 03-04 1,
        // 03-05 2, 03-06 3, 03-07 4, 03-10 5, 03-11 6, 03-12 7, 03-13 8, 03-14 9, Mon 03-17 10).
        assertEquals(cny("270.00"), qian.held());
        assertEquals(cny("70.00"), qian.overdue());
        // Days to notice per amount: n5 took 50.00 that arrived 03-17, noticed 03-18: 1 day;
        // n3 took 100.00 that arrived (unidentified) 03-18, noticed 03-22: 4 days.
        // (1 × 50 + 4 × 100) / 150 = 450 / 150 = 3.00.
        assertEquals(two("3.00"), qian.averageDaysToNotice());

        // judge.zhao: cases 1, 2.
        HandlerFigures zhao = handlers.get(1);
        assertEquals(HANDLER.id(), zhao.handler());
        assertEquals(2, zhao.cases());
        // Received: r1b 2,000.00 and r2b 400.00 (the money n2 brought back is not new money).
        assertEquals(flow(2, "2400.00"), zhao.received());
        assertEquals(flow(2, "6500.00"), zhao.noticed());
        assertEquals(flow(1, "1500.00"), zhao.paid());
        // Held: 1,500.00 + 5,400.00. Nothing overdue: r1b's rest (deadline 03-31), r2b (04-01) and the
        // returned 5,000.00, whose clock restarted on its return Fri 03-21 (deadline: 03-24 1, 03-25 2,
        // 03-26 3, 03-27 4, 03-28 5, 03-31 6, 04-01 7, 04-02 8, 04-03 9; Apr 4–6 rest; Mon 04-07 10).
        assertEquals(cny("6900.00"), zhao.held());
        assertEquals(zero(), zhao.overdue());
        // n1 took 1,000.00 that arrived 03-10 (9 days to 03-19) and 500.00 that arrived 03-17
        // (2 days); n2 was returned and is left out. (9 × 1,000 + 2 × 500) / 1,500 = 10,000 / 1,500
        // = 6.666… → 6.67.
        assertEquals(two("6.67"), zhao.averageDaysToNotice());
    }

    @Test
    void aHandlerWithoutNoticesHasNoAverage() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", MONDAY, "10.00", 1);
        HandlerFigures only = court.reports.handlers(MONDAY, SUNDAY, CNY).get(0);
        assertEquals(flow(1, "10.00"), only.received());
        assertEquals(flow(0, "0.00"), only.noticed());
        assertEquals(Optional.empty(), only.averageDaysToNotice());
    }

    @Test
    void aReversedReceiptIsNotMoneyTheHandlerReceived() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-17"), "100.00", 1);
        court.receipt("r2", d("2025-03-18"), "300.00", 1);
        court.reverse("r2-undo", d("2025-03-19"), ADMINISTRATOR, "r2");
        // Only r1 reached the case: r2 was recorded by mistake and reversed in the same week.
        assertEquals(flow(1, "100.00"), court.reports.weekly(MONDAY, SUNDAY, CNY).received());
        assertEquals(flow(1, "100.00"), court.reports.handlers(MONDAY, SUNDAY, CNY).get(0).received());
    }

    @Test
    void aReversedClaimIsNotClaimedMoney() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER);
        court.unidentified("u1", d("2025-03-17"), "300.00");
        court.claim("c1", d("2025-03-18"), "u1", 1, "300.00");
        court.reverse("c1-undo", d("2025-03-19"), ADMINISTRATOR, "c1");
        court.claim("c2", d("2025-03-19"), "u1", 2, "300.00");
        // The 300.00 was claimed once, into case 2; the claim into case 1 was a mistake undone.
        assertEquals(flow(1, "300.00"), court.reports.weekly(MONDAY, SUNDAY, CNY).claimed());
    }

    // ------------------------------------------------------------------ payout time and timeliness

    /**
     * <pre>
     * case 1: a 300.00 arrived Mon 03-03, b 100.00 arrived Mon 03-10; notice nA 400.00 Thu 03-13
     *         takes a (10 days) and b (3 days); the bank pays it Mon 03-17 (a 14 days, b 7 days).
     *         a's deadline 03-17, b's 03-24: both noticed in time.
     * case 2: c 250.00 arrived Mon 03-03 (deadline 03-17); notice nC Wed 03-19: 16 days, late.
     * case 3: d 500.00 arrived Mon 03-03; notice nD Wed 03-05, returned by the bank Fri 03-07 (left
     *         out); noticed again nD2 Wed 03-12: 9 days from arrival. The returned money's clock
     *         restarted on 03-07: deadline 03-10 1, 03-11 2, 03-12 3, 03-13 4, 03-14 5, 03-17 6,
     *         03-18 7, 03-19 8, 03-20 9, Fri 03-21 10 → in time.
     * case 4: e 70.00 arrived Mon 03-03; notice nE Wed 03-19, reversed (cancelled) Thu 03-20: left out.
     * </pre>
     */
    private static Court payouts() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER).withCase(3, HANDLER)
                .withCase(4, HANDLER);
        court.receipt("a", d("2025-03-03"), "300.00", 1);
        court.receipt("c", d("2025-03-03"), "250.00", 2);
        court.receipt("d", d("2025-03-03"), "500.00", 3);
        court.receipt("e", d("2025-03-03"), "70.00", 4);
        court.notice("nD", d("2025-03-05"), 3, "500.00");
        court.returned("nD-back", d("2025-03-07"), "nD");
        court.receipt("b", d("2025-03-10"), "100.00", 1);
        court.notice("nD2", d("2025-03-12"), 3, "500.00");
        court.notice("nA", d("2025-03-13"), 1, "400.00");
        court.settle("nA-paid", d("2025-03-17"), "nA");
        court.notice("nC", d("2025-03-19"), 2, "250.00");
        court.notice("nE", d("2025-03-19"), 4, "70.00");
        court.reverse("nE-undo", d("2025-03-20"), HANDLER, "nE");
        return court;
    }

    @Test
    void payoutTimeOfOneNoticeItemWeightedAndAmountWeighted() {
        PayoutTime time = payouts().reports.payoutTime(d("2025-03-13"), d("2025-03-13"), CNY);
        assertEquals(2, time.pieces());
        assertEquals(cny("400.00"), time.noticed());
        // Item mean (10 + 3) / 2 = 6.50; by amount (10 × 300 + 3 × 100) / 400 = 3,300 / 400 = 8.25.
        assertEquals(two("6.50"), time.averageDaysToNotice());
        assertEquals(two("8.25"), time.weightedDaysToNotice());
        // As of 03-13 the bank has not paid it yet.
        assertEquals(0, time.paidPieces());
        assertEquals(Optional.empty(), time.averageDaysToBank());
        assertEquals(Optional.empty(), time.weightedDaysToBank());
        assertEquals(2, time.timelyPieces());
        assertEquals(two("100.00"), time.timelinessRate());
        assertEquals(two("100.00"), time.timelinessRateByAmount());
    }

    @Test
    void payoutTimeOfAMonthWithALateNoticeAReturnedOneAndACancelledOne() {
        PayoutTime time = payouts().reports.payoutTime(d("2025-03-01"), d("2025-03-31"), CNY);
        // Pieces: a (10 days, 300.00), b (3, 100.00), c (16, 250.00), d again (9, 500.00);
        // nD (returned) and nE (cancelled) are left out.
        assertEquals(4, time.pieces());
        assertEquals(cny("1150.00"), time.noticed());
        // (10 + 3 + 16 + 9) / 4 = 38 / 4 = 9.50.
        assertEquals(two("9.50"), time.averageDaysToNotice());
        // (3,000 + 300 + 4,000 + 4,500) / 1,150 = 11,800 / 1,150 = 10.2608… → 10.26.
        assertEquals(two("10.26"), time.weightedDaysToNotice());
        // Paid: a and b on 03-17: (14 + 7) / 2 = 10.50; (14 × 300 + 7 × 100) / 400 = 4,900 / 400 = 12.25.
        assertEquals(2, time.paidPieces());
        assertEquals(two("10.50"), time.averageDaysToBank());
        assertEquals(two("12.25"), time.weightedDaysToBank());
        // In time: a, b, d again; c late. 3 / 4 = 75.00%; by amount 900 / 1,150 = 78.2608… → 78.26%.
        assertEquals(3, time.timelyPieces());
        assertEquals(two("75.00"), time.timelinessRate());
        assertEquals(two("78.26"), time.timelinessRateByAmount());
    }

    @Test
    void aPeriodWithoutNoticesHasNoAverages() {
        PayoutTime time = payouts().reports.payoutTime(d("2025-03-24"), d("2025-03-30"), CNY);
        assertEquals(0, time.pieces());
        assertEquals(zero(), time.noticed());
        assertEquals(Optional.empty(), time.averageDaysToNotice());
        assertEquals(Optional.empty(), time.weightedDaysToNotice());
        assertEquals(Optional.empty(), time.timelinessRate());
        assertEquals(Optional.empty(), time.timelinessRateByAmount());
    }

    @Test
    void aNoticeWhileAWholeCaseDeferralHoldsIsInTime() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("a", d("2025-03-03"), "300.00", 1);
        // Deadline 03-17; deferred for the whole case from Wed 03-19; noticed Thu 03-20 while it holds.
        court.defer("def", d("2025-03-19"), 1, d("2025-03-19"), d("2025-04-30"), null);
        court.notice("n", d("2025-03-20"), 1, "300.00");
        PayoutTime time = court.reports.payoutTime(d("2025-03-20"), d("2025-03-20"), CNY);
        assertEquals(1, time.timelyPieces());
        assertEquals(two("100.00"), time.timelinessRate());
        // 03-03 → 03-20 = 17 days all the same.
        assertEquals(two("17.00"), time.averageDaysToNotice());
    }

    @Test
    void aNoticeWhileADeferralOfAnAmountHoldsIsInTimeOnlyForTheMoneyItCovers() {
        // PayoutTime: timelyPieces = "how many were noticed by their deadline (or while a deferral
        // held them)". PayoutClock: a deferral with an amount covers the earliest deadlines first.
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("e1", d("2025-03-03"), "300.00", 1);
        court.receipt("e2", d("2025-03-04"), "700.00", 1);
        // e1: deadline Mon 03-17; e2: Tue 03-04 + 10 WD = 03-05 1 .. 03-17 9, Tue 03-18 10 → 03-18.
        // A deferral of 300.00 from Wed 03-19 covers e1 only; e2 is overdue (the clock says so).
        court.defer("def", d("2025-03-19"), 1, d("2025-03-19"), d("2025-04-30"), "300.00");
        court.notice("n", d("2025-03-20"), 1, "1000.00");
        PayoutTime time = court.reports.payoutTime(d("2025-03-20"), d("2025-03-20"), CNY);
        assertEquals(2, time.pieces());
        // e1 held by the deferral: in time; e2 not held and past 03-18: late. 1 / 2 = 50.00%;
        // by amount 300 / 1,000 = 30.00%.
        assertEquals(1, time.timelyPieces());
        assertEquals(two("50.00"), time.timelinessRate());
        assertEquals(two("30.00"), time.timelinessRateByAmount());
    }

    // ------------------------------------------------------------------ large balances

    @Test
    void casesHoldingAMillionOrMoreWithWhyEachIsNotPaid() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER).withCase(3, OTHER_HANDLER)
                .withCase(4, HANDLER).withCase(5, HANDLER).withCase(6, HANDLER).withCase(7, HANDLER);
        court.receipt("r1", d("2025-03-03"), "1200000.00", 1);
        court.receipt("r2", d("2025-03-03"), "2000000.00", 2);
        court.receipt("r5", d("2025-03-03"), "999999.99", 5);
        court.receipt("r7", d("2025-03-03"), "1000000.00", 7);
        court.defer("def2", d("2025-03-10"), 2, d("2025-03-10"), d("2025-04-30"), null);
        court.receipt("r4", d("2025-03-10"), "1500000.00", 4);
        court.notice("n4", d("2025-03-12"), 4, "1500000.00");
        court.receipt("r6", d("2025-03-17"), "1000000.00", 6);
        court.notice("n6", d("2025-03-17"), 6, "400000.00");
        court.defer("def7", d("2025-03-18"), 7, d("2025-03-18"), d("2025-04-30"), "400000.00");
        court.receipt("r3", d("2025-03-19"), "1000000.00", 3);

        LocalDate date = d("2025-03-20");
        List<LargeBalance> large = court.reports.largeBalances(date);
        // Case 5 (999,999.99) is under the threshold, overdue or not. Largest first; ties by case.
        assertEquals(List.of(caseNumber(2), caseNumber(4), caseNumber(1), caseNumber(3), caseNumber(6),
                caseNumber(7)), large.stream().map(LargeBalance::caseNumber).toList());

        LargeBalance deferred = large.get(0);
        assertEquals(LargeBalance.Reason.DEFERRED, deferred.reason());
        assertEquals(cny("2000000.00"), deferred.unnoticed());
        assertEquals(zero(), deferred.inTransit());
        assertEquals("deferred (DISTRIBUTION) until 2025-04-30: several creditors; distribution plan under"
                + " objection", deferred.explanation());

        // Case 4: noticed in full Wed 03-12, not paid. Finance's deadline was Wed 03-19 (03-13 1,
        // 03-14 2, 03-17 3, 03-18 4, 03-19 5), so it is overdue at finance since Thu 03-20, and the
        // explanation says so after the reason.
        LargeBalance awaiting = large.get(1);
        assertEquals(LargeBalance.Reason.AWAITING_BANK, awaiting.reason());
        assertEquals(zero(), awaiting.unnoticed());
        assertEquals(cny("1500000.00"), awaiting.inTransit());
        assertEquals(cny("1500000.00"), awaiting.total());
        assertEquals("noticed to finance; the bank has not paid yet; 1 notice(s) are past finance's deadline,"
                + " the oldest since 2025-03-20", awaiting.explanation());
        assertEquals("n4", court.reports.noticesOverdueAtFinance(date).get(0).notice().id());

        // Case 1: arrived Mon 03-03, deadline Mon 03-17; on 03-20 (03-18, 03-19, 03-20) 3 days past.
        LargeBalance overdue = large.get(2);
        assertEquals(LargeBalance.Reason.OVERDUE, overdue.reason());
        assertEquals(HANDLER.id(), overdue.handler());
        assertEquals("overdue since 2025-03-18 (3 working days past the notice deadline)", overdue.explanation());

        // Case 3: 1,000,000.00 exactly (the threshold counts), arrived Wed 03-19. WD: 03-20 1, 03-21 2,
        // 03-24 3, 03-25 4, 03-26 5, 03-27 6, 03-28 7, 03-31 8, 04-01 9, Wed 04-02 10 → due by 04-02.
        LargeBalance recent = large.get(3);
        assertEquals(LargeBalance.Reason.WITHIN_DEADLINE, recent.reason());
        assertEquals(OTHER_HANDLER.id(), recent.handler());
        assertEquals(cny("1000000.00"), recent.total());
        assertEquals("within its notice deadline; the first notice is due by 2025-04-02", recent.explanation());

        // Case 6: 600,000.00 unnoticed + 400,000.00 in transit = 1,000,000.00. Arrived Mon 03-17:
        // 03-18 1, 03-19 2, 03-20 3, 03-21 4, 03-24 5, 03-25 6, 03-26 7, 03-27 8, 03-28 9, Mon 03-31 10.
        // Its notice n6 of Mon 03-17 is within finance's deadline (03-18 1 .. Mon 03-24 5): nothing appended.
        LargeBalance split = large.get(4);
        assertEquals(LargeBalance.Reason.WITHIN_DEADLINE, split.reason());
        assertEquals(cny("600000.00"), split.unnoticed());
        assertEquals(cny("400000.00"), split.inTransit());
        assertEquals(cny("1000000.00"), split.total());
        assertEquals("within its notice deadline; the first notice is due by 2025-03-31", split.explanation());

        // Case 7: a deferral of 400,000.00 covers part; the other 600,000.00 is overdue since 03-18:
        // overdue wins as the reason.
        LargeBalance mixed = large.get(5);
        assertEquals(LargeBalance.Reason.OVERDUE, mixed.reason());
        assertEquals("overdue since 2025-03-18 (3 working days past the notice deadline)", mixed.explanation());
    }

    // ------------------------------------------------------------------ old balances

    @Test
    void moneyThatArrivedByTheCutoffAndIsStillHeld() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, OTHER_HANDLER).withCase(3, HANDLER);
        court.receipt("r1", d("2025-01-06"), "1000.00", 1);
        court.receipt("r3", d("2025-01-08"), "800.00", 3);
        court.notice("n1", d("2025-01-10"), 1, "400.00");
        court.notice("n3", d("2025-01-10"), 3, "800.00");
        court.unidentified("u", d("2025-01-15"), "250.00");
        court.unidentified("u3", d("2025-01-20"), "900.00");
        court.receipt("r2a", d("2025-01-27"), "500.00", 2);
        court.receipt("r2b", d("2025-02-05"), "700.00", 2);
        court.claim("c3", d("2025-02-10"), "u3", 3, "900.00");

        LocalDate date = d("2025-03-20");
        List<OldBalance> old = court.reports.oldBalances(date, d("2025-01-27"));
        assertEquals(6, old.size(), old.toString());
        // Lots, counted after the opening: three events open the cases, so r1's lot is afterOpening(4).1,
        // r3's afterOpening(5).1, u's afterOpening(8).1, r2a's afterOpening(10).1, and the claim c3
        // (afterOpening(12)) puts u3's money on case 3 as its lot afterOpening(12).1.
        // Case 1: 1,000.00 - 400.00 = 600.00 left of 01-06; 01-06 → 01-31 25 days, + 28 (Feb) + 20 = 73.
        assertOld(old.get(0), AccountId.ofCase(caseNumber(1)), Optional.of(HANDLER.id()), new LotId(afterOpening(4), 1),
                d("2025-01-06"), "600.00", 73, Optional.empty());
        // The other 400.00 of it was noticed (n1) on 01-10 and the bank has not paid it by 03-20: it is
        // still in the court's account, in transit on n1. Same lot, same arrival, same 73 days.
        assertOld(old.get(1), AccountId.ofCase(caseNumber(1)), Optional.of(HANDLER.id()), new LotId(afterOpening(4), 1),
                d("2025-01-06"), "400.00", 73, Optional.of("n1"));
        // n3 took all 800.00 of r3 (01-08) and is unpaid too: 23 + 28 + 20 = 71 days.
        assertOld(old.get(2), AccountId.ofCase(caseNumber(3)), Optional.of(HANDLER.id()), new LotId(afterOpening(5), 1),
                d("2025-01-08"), "800.00", 71, Optional.of("n3"));
        // Unidentified 250.00 of 01-15: 16 + 28 + 20 = 64 days; no handler.
        assertOld(old.get(3), AccountId.unidentified(BANK), Optional.empty(), new LotId(afterOpening(8), 1), d("2025-01-15"),
                "250.00", 64, Optional.empty());
        // u3, claimed into case 3 on 02-10, keeps its arrival 01-20: 11 + 28 + 20 = 59 days.
        assertOld(old.get(4), AccountId.ofCase(caseNumber(3)), Optional.of(HANDLER.id()), new LotId(afterOpening(12), 1),
                d("2025-01-20"), "900.00", 59, Optional.empty());
        // Case 2's 500.00 of the cut-off day itself counts: 4 + 28 + 20 = 52 days; its 02-05 money does not.
        assertOld(old.get(5), AccountId.ofCase(caseNumber(2)), Optional.of(OTHER_HANDLER.id()), new LotId(afterOpening(10), 1),
                d("2025-01-27"), "500.00", 52, Optional.empty());

        // Once the bank has paid n3 the money has left the court: 5 lines, n3's gone.
        court.settle("n3-paid", date, "n3");
        List<OldBalance> afterPayment = court.reports.oldBalances(date, d("2025-01-27"));
        assertEquals(List.of(old.get(0), old.get(1), old.get(3), old.get(4), old.get(5)), afterPayment);

        // Under the policy's cut-off (2022-12-31) this court, opened in 2025, has no old balances.
        assertTrue(court.reports.oldBalances(date).isEmpty());
    }

    private static void assertOld(OldBalance line, AccountId account, Optional<String> handler, LotId lot,
            LocalDate arrival, String remaining, long daysHeld, Optional<String> inTransit) {
        String described = line.toString();
        assertEquals(account, line.account(), described);
        assertEquals(handler, line.handler(), described);
        assertEquals(lot, line.lot(), described);
        assertEquals(arrival, line.arrivalDate(), described);
        assertEquals(cny(remaining), line.remaining(), described);
        assertEquals(daysHeld, line.daysHeld(), described);
        assertEquals(inTransit, line.inTransit(), described);
    }

    // ------------------------------------------------------------------ one case, one account

    @Test
    void theShareOfReceiptsRoutedBySubAccount() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER);
        LocalDate from = d("2025-03-17");
        LocalDate to = d("2025-03-21");
        court.receipt("before", d("2025-03-14"), "1000.00", 1);
        court.receipt("s1", d("2025-03-17"), "100.00", 1);
        court.receipt("s2", d("2025-03-18"), "200.00", 2);
        court.receipt("s3", d("2025-03-19"), "300.00", 1);
        court.receiptByMemo("m4", d("2025-03-20"), "400.00", 2);

        // 3 of 4 by sub-account: 75.00%; by amount (100 + 200 + 300) / 1,000 = 60.00%.
        SubAccountUsage usage = court.reports.subAccountUsage(from, to, CNY);
        assertUsage(usage, 4, 3, 1, 0, "1000.00", "600.00", "75.00", "60.00");

        // An unidentified receipt on Friday: 3 of 5 = 60.00%; 600 / 1,500 = 40.00%.
        court.unidentified("u5", d("2025-03-21"), "500.00");
        assertUsage(court.reports.subAccountUsage(from, to, CNY), 5, 3, 1, 1, "1500.00", "600.00", "60.00",
                "40.00");

        // s3 was recorded by mistake and reversed: left out. 2 of 4 = 50.00%; 300 / 1,200 = 25.00%.
        court.reverse("s3-undo", d("2025-03-21"), ADMINISTRATOR, "s3");
        assertUsage(court.reports.subAccountUsage(from, to, CNY), 4, 2, 1, 1, "1200.00", "300.00", "50.00",
                "25.00");

        // A weekend without receipts has no rate.
        SubAccountUsage none = court.reports.subAccountUsage(d("2025-03-22"), d("2025-03-23"), CNY);
        assertEquals(0, none.receipts());
        assertEquals(Optional.empty(), none.rate());
        assertEquals(Optional.empty(), none.rateByAmount());
    }

    private static void assertUsage(SubAccountUsage usage, int receipts, int bySubAccount, int byCaseNumber,
            int unidentified, String amount, String amountBySubAccount, String rate, String rateByAmount) {
        String described = usage.toString();
        assertEquals(receipts, usage.receipts(), described);
        assertEquals(bySubAccount, usage.bySubAccount(), described);
        assertEquals(byCaseNumber, usage.byCaseNumber(), described);
        assertEquals(unidentified, usage.unidentified(), described);
        assertEquals(cny(amount), usage.amount(), described);
        assertEquals(cny(amountBySubAccount), usage.amountBySubAccount(), described);
        assertEquals(two(rate), usage.rate(), described);
        assertEquals(two(rateByAmount), usage.rateByAmount(), described);
    }
}
