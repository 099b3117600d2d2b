package org.casefunds.ledger.reports;

import static org.casefunds.ledger.reports.Court.d;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.events.Disbursement;
import org.junit.jupiter.api.Test;

/**
 * Goal: the three watch lists a fund administrator, finance and a supervisor read each morning give
 * the right ages and deadlines: {@link CourtReports#unidentified} (age in calendar days, claiming
 * deadline 3 working days after arrival, working days left), {@link
 * CourtReports#noticesOverdueAtFinance} (settlement deadline 5 working days after the notice, working
 * days overdue) and {@link CourtReports#deferralWatch} (deferrals ending within 3 working days, and
 * deferrals past their end that nobody lifted).
 *
 * <p>Method: example ledgers, every deadline counted by hand day by day in a comment on the China
 * calendar (March 2025 has no holiday; the National Day break shows the working-day counting).
 */
class UnidentifiedAndFinanceTest {

    // ------------------------------------------------------------------ unidentified receipts

    private static void assertEntry(UnidentifiedEntry entry, String receipt, LocalDate arrival, String remaining,
            LocalDate deadline, long ageDays, int workingDaysLeft, boolean past) {
        String described = entry.toString();
        assertEquals(receipt, entry.receipt(), described);
        assertEquals(BANK, entry.bankAccount(), described);
        assertEquals("SN-" + receipt, entry.bankReference(), described);
        assertEquals(arrival, entry.arrivalDate(), described);
        assertEquals(cny(remaining), entry.remaining(), described);
        assertEquals(deadline, entry.claimingDeadline(), described);
        assertEquals(ageDays, entry.ageDays(), "ageDays of " + described);
        assertEquals(workingDaysLeft, entry.workingDaysLeft(), "workingDaysLeft of " + described);
        assertEquals(past, entry.pastDeadline(), "pastDeadline of " + described);
    }

    @Test
    void unidentifiedReceiptsOldestFirstWithAgeAndClaimingDeadline() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.unidentified("u1", d("2025-03-14"), "100.00");
        court.unidentified("u5", d("2025-03-17"), "500.00");
        court.claim("u5-claim", d("2025-03-18"), "u5", 1, "500.00");
        court.unidentified("u2", d("2025-03-20"), "200.00");
        court.unidentified("u4", d("2025-03-21"), "400.00");
        court.unidentified("u3", d("2025-03-24"), "300.00");
        court.claim("u4-claim", d("2025-03-24"), "u4", 1, "150.00");

        List<UnidentifiedEntry> entries = court.reports.unidentified(d("2025-03-24"));
        assertEquals(4, entries.size(), "u5 was claimed in full: " + entries);
        // u1, Fri 03-14: WD Mon 03-17 1, Tue 03-18 2, Wed 03-19 3 → 03-19. On Mon 03-24: age
        // 03-14 → 03-24 = 10 calendar days; (03-19, 03-24] = 03-20, 03-21, 03-24 → -3, past.
        assertEntry(entries.get(0), "u1", d("2025-03-14"), "100.00", d("2025-03-19"), 10, -3, true);
        // u2, Thu 03-20: WD Fri 03-21 1, Mon 03-24 2, Tue 03-25 3 → 03-25; age 4; 1 left.
        assertEntry(entries.get(1), "u2", d("2025-03-20"), "200.00", d("2025-03-25"), 4, 1, false);
        // u4, Fri 03-21: WD Mon 03-24 1, Tue 03-25 2, Wed 03-26 3 → 03-26; age 3; 2 left;
        // 400.00 - 150.00 claimed = 250.00 still to claim.
        assertEntry(entries.get(2), "u4", d("2025-03-21"), "250.00", d("2025-03-26"), 3, 2, false);
        // u3, Mon 03-24: WD Tue 03-25 1, Wed 03-26 2, Thu 03-27 3 → 03-27; age 0; 3 left.
        assertEntry(entries.get(3), "u3", d("2025-03-24"), "300.00", d("2025-03-27"), 0, 3, false);
        assertEquals(Optional.of(Court.PAYER_ACCOUNT.holder()), entries.get(0).payer().name());
        assertEquals(Optional.empty(), entries.get(0).memo());

        // u2 on its deadline day, Tue 03-25: 0 left, not past; Wed 03-26: -1, past.
        UnidentifiedEntry onDeadline = court.reports.unidentified(d("2025-03-25")).get(1);
        assertEntry(onDeadline, "u2", d("2025-03-20"), "200.00", d("2025-03-25"), 5, 0, false);
        UnidentifiedEntry after = court.reports.unidentified(d("2025-03-26")).get(1);
        assertEntry(after, "u2", d("2025-03-20"), "200.00", d("2025-03-25"), 6, -1, true);

        // As of Fri 03-21, before the claim of 03-24, u4 still holds all 400.00, and u3 has not arrived.
        List<UnidentifiedEntry> friday = court.reports.unidentified(d("2025-03-21"));
        assertEquals(List.of("u1", "u2", "u4"), friday.stream().map(UnidentifiedEntry::receipt).toList());
        assertEquals(cny("400.00"), friday.get(2).remaining());
    }

    @Test
    void aReceiptArrivingBeforeNationalDayIsPastItsDeadlineForTheWholeBreak() {
        Court court = Court.opened();
        court.unidentified("u", d("2025-09-26"), "100.00");
        // Fri 09-26: WD Sun 09-28 (adj) 1, Mon 09-29 2, Tue 09-30 3 → claiming deadline 09-30.
        // On Wed 10-08, the last day of the break: 12 calendar days old, past its deadline, and
        // (09-30, 10-08] holds no working day, so 0 working days left although past.
        assertEntry(court.reports.unidentified(d("2025-10-08")).get(0), "u", d("2025-09-26"), "100.00",
                d("2025-09-30"), 12, 0, true);
        // On Thu 10-09: 13 days old, (09-30, 10-09] = 10-09 → -1.
        assertEntry(court.reports.unidentified(d("2025-10-09")).get(0), "u", d("2025-09-26"), "100.00",
                d("2025-09-30"), 13, -1, true);
        // On Tue 09-30 itself: 4 days old, 0 left, not past.
        assertEntry(court.reports.unidentified(d("2025-09-30")).get(0), "u", d("2025-09-26"), "100.00",
                d("2025-09-30"), 4, 0, false);
    }

    // ------------------------------------------------------------------ notices overdue at finance

    @Test
    void noticesFinanceHasNotHadPaidWithinFiveWorkingDays() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "1000.00", 1);
        court.unidentified("ur", d("2025-03-03"), "60.00");
        // Issued Mon 03-03: WD Tue 03-04 1, Wed 03-05 2, Thu 03-06 3, Fri 03-07 4, Mon 03-10 5 → 03-10.
        court.notice("n1", d("2025-03-03"), 1, "100.00");
        court.notice("n4", d("2025-03-03"), 1, "150.00");
        court.refund("ur-back", d("2025-03-03"), "ur", "60.00");
        court.notice("n5", d("2025-03-03"), 1, "50.00");
        court.returned("n5-back", d("2025-03-05"), "n5");
        court.settle("n4-paid", d("2025-03-12"), "n4");
        // Issued Fri 03-14: WD Mon 03-17 1, 03-18 2, 03-19 3, 03-20 4, Fri 03-21 5 → 03-21.
        court.notice("n3", d("2025-03-14"), 1, "200.00");
        // Issued Mon 03-17: WD Tue 03-18 1, 03-19 2, 03-20 3, 03-21 4, Mon 03-24 5 → 03-24.
        court.notice("n2", d("2025-03-17"), 1, "300.00");

        List<NoticeOverdue> monday = court.reports.noticesOverdueAtFinance(d("2025-03-24"));
        // n1 and the refund of ur: (03-10, 03-24] = 03-11, 03-12, 03-13, 03-14, 03-17, 03-18, 03-19,
        // 03-20, 03-21, 03-24 = 10 working days overdue. n3: (03-21, 03-24] = 1. n2 is on its deadline
        // day (not listed); n4 was paid on 03-12; n5 came back from the bank.
        assertEquals(List.of("n1", "ur-back", "n3"), monday.stream().map(line -> line.notice().id()).toList());
        assertEquals(d("2025-03-10"), monday.get(0).deadline());
        assertEquals(10, monday.get(0).workingDaysOverdue());
        assertEquals(cny("100.00"), monday.get(0).notice().amount());
        assertEquals(Disbursement.UNIDENTIFIED_REFUND, monday.get(1).notice().kind());
        assertEquals(d("2025-03-10"), monday.get(1).deadline());
        assertEquals(10, monday.get(1).workingDaysOverdue());
        assertEquals(d("2025-03-21"), monday.get(2).deadline());
        assertEquals(1, monday.get(2).workingDaysOverdue());

        // As of Tue 03-11, n4 was not paid yet: n1, n4 and the refund are each (03-10, 03-11] = 1 day over.
        List<NoticeOverdue> tuesday = court.reports.noticesOverdueAtFinance(d("2025-03-11"));
        assertEquals(List.of("n1", "n4", "ur-back"), tuesday.stream().map(line -> line.notice().id()).toList());
        assertTrue(tuesday.stream().allMatch(line -> line.workingDaysOverdue() == 1));
        // On the deadline day itself nothing is overdue.
        assertTrue(court.reports.noticesOverdueAtFinance(d("2025-03-10")).isEmpty());
    }

    @Test
    void financesFiveWorkingDaysRunAcrossNationalDay() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-09-25"), "1000.00", 1);
        court.notice("n1", d("2025-09-25"), 1, "1000.00");
        // Issued Thu 09-25: WD Fri 09-26 1, Sun 09-28 (adj) 2, Mon 09-29 3, Tue 09-30 4; Oct 1–8
        // rest; Thu 10-09 5 → deadline 10-09.
        assertTrue(court.reports.noticesOverdueAtFinance(d("2025-10-08")).isEmpty());
        assertTrue(court.reports.noticesOverdueAtFinance(d("2025-10-09")).isEmpty());
        NoticeOverdue friday = court.reports.noticesOverdueAtFinance(d("2025-10-10")).get(0);
        assertEquals(d("2025-10-09"), friday.deadline());
        assertEquals(1, friday.workingDaysOverdue());
        // Sat 10-11 is an adjusted working day: (10-09, 10-11] = 10-10, 10-11 → 2.
        assertEquals(2, court.reports.noticesOverdueAtFinance(d("2025-10-11")).get(0).workingDaysOverdue());
        // Sun 10-12 is a rest day: still 2.
        assertEquals(2, court.reports.noticesOverdueAtFinance(d("2025-10-12")).get(0).workingDaysOverdue());
    }

    // ------------------------------------------------------------------ deferral watch

    /**
     * Deferrals granted Mon 03-10: d1 on case 1 (holding 1,000.00) for the whole case until Fri 03-28;
     * d2 on case 2 until 03-28, lifted Tue 03-25; d3 on case 3 (holding nothing) until 05-30; d4 on case 4 (holding
     * 2,000.00) for 500.00 until Wed 03-26.
     */
    private static Court deferrals() {
        Court court = Court.opened().withCase(1, HANDLER).withCase(2, HANDLER).withCase(3, HANDLER)
                .withCase(4, HANDLER);
        court.receipt("r1", d("2025-03-03"), "1000.00", 1);
        court.receipt("r4", d("2025-03-03"), "2000.00", 4);
        LocalDate granted = d("2025-03-10");
        court.defer("d1", granted, 1, granted, d("2025-03-28"), null);
        court.defer("d2", granted, 2, granted, d("2025-03-28"), null);
        court.defer("d3", granted, 3, granted, d("2025-05-30"), null);
        court.defer("d4", granted, 4, granted, d("2025-03-26"), "500.00");
        court.lift("d2-lift", d("2025-03-25"), 2, "d2");
        return court;
    }

    @Test
    void deferralsEndingWithinThreeWorkingDays() {
        Court court = deferrals();
        // Mon 03-24: d1 (03-24, 03-28] = 4 left, d4 (03-24, 03-26] = 2 left: only d4; d2 has
        // 4 left too (it is lifted the next day).
        List<DeferralWatch> monday = court.reports.deferralWatch(d("2025-03-24"));
        assertEquals(List.of("d4"), monday.stream().map(line -> line.deferral().id()).toList());
        assertEquals(DeferralWatch.Status.ENDING_SOON, monday.get(0).status());
        assertEquals(2, monday.get(0).daysLeft());
        // Case 4 holds 2,000.00 unnoticed, but d4 covers only 500.00: the smaller of the two.
        assertEquals(cny("500.00"), monday.get(0).caseHolds(), "the 500.00 deferred, not all the case holds");

        // Tue 03-25: d4 (03-26) 1 left; d1 (03-26, 03-27, 03-28) 3 left; d2 lifted today: not listed.
        List<DeferralWatch> tuesday = court.reports.deferralWatch(d("2025-03-25"));
        assertEquals(List.of("d4", "d1"), tuesday.stream().map(line -> line.deferral().id()).toList());
        assertEquals(1, tuesday.get(0).daysLeft());
        assertEquals(DeferralWatch.Status.ENDING_SOON, tuesday.get(1).status());
        assertEquals(3, tuesday.get(1).daysLeft());
        assertEquals(cny("1000.00"), tuesday.get(1).caseHolds());
        assertEquals(caseNumber(1), tuesday.get(1).deferral().caseNumber());

        // Fri 03-28, d1's last day: 0 left, still ending soon; d4 ended on 03-26 without a lift:
        // (03-26, 03-28] = 03-27, 03-28 → -2.
        List<DeferralWatch> friday = court.reports.deferralWatch(d("2025-03-28"));
        assertEquals(List.of("d4", "d1"), friday.stream().map(line -> line.deferral().id()).toList());
        assertEquals(DeferralWatch.Status.ENDED_WITHOUT_LIFT, friday.get(0).status());
        assertEquals(-2, friday.get(0).daysLeft());
        assertEquals(cny("500.00"), friday.get(0).caseHolds());
        // d1 covers the whole case: all its 1,000.00.
        assertEquals(cny("1000.00"), friday.get(1).caseHolds());
        assertEquals(DeferralWatch.Status.ENDING_SOON, friday.get(1).status());
        assertEquals(0, friday.get(1).daysLeft());
    }

    @Test
    void deferralsThatEndedWithoutALiftStayOnTheWatchList() {
        Court court = deferrals();
        // Mon 03-31: d4 (end 03-26): (03-26, 03-31] = 03-27, 03-28, 03-31 → -3; d1 (end 03-28):
        // (03-28, 03-31] = 03-31 → -1. d3 ends 05-30: not yet listed.
        List<DeferralWatch> monday = court.reports.deferralWatch(d("2025-03-31"));
        assertEquals(List.of("d4", "d1"), monday.stream().map(line -> line.deferral().id()).toList());
        assertTrue(monday.stream().allMatch(line -> line.status() == DeferralWatch.Status.ENDED_WITHOUT_LIFT));
        assertEquals(-3, monday.get(0).daysLeft());
        assertEquals(-1, monday.get(1).daysLeft());

        // Sat 03-29: d1 ended the day before, but no working day has passed: daysLeft 0 although it
        // is past its end (surprising, and not "negative once past it" as DeferralWatch says).
        DeferralWatch saturday = court.reports.deferralWatch(d("2025-03-29")).get(1);
        assertEquals("d1", saturday.deferral().id());
        assertEquals(DeferralWatch.Status.ENDED_WITHOUT_LIFT, saturday.status());
        assertEquals(0, saturday.daysLeft());

        // A deferral past its end can no longer be lifted...
        StateConflictException refused = assertThrows(StateConflictException.class,
                () -> court.lift("d1-late-lift", d("2025-04-01"), 1, "d1"));
        assertEquals(ErrorCode.INVALID_STATE, refused.code());
        // ...so it stays listed as ended without lift while its case still holds unnoticed money:
        // months later d4 (case 4, 2,000.00) and d1 (case 1, 1,000.00) are there; d3 ended on 05-30
        // but case 3 never held any money, so it is not.
        List<DeferralWatch> summer = court.reports.deferralWatch(d("2025-06-30"));
        assertEquals(List.of("d4", "d1"), summer.stream().map(line -> line.deferral().id()).toList());
        assertTrue(summer.stream().allMatch(line -> line.status() == DeferralWatch.Status.ENDED_WITHOUT_LIFT));
        assertEquals(List.of(cny("500.00"), cny("1000.00")),
                summer.stream().map(DeferralWatch::caseHolds).toList());

        // 100.00 reaches case 3 on Mon 06-02, after d3's end: now d3 is listed too, holding 100.00.
        court.receipt("r3", d("2025-06-02"), "100.00", 3);
        summer = court.reports.deferralWatch(d("2025-06-30"));
        assertEquals(List.of("d4", "d1", "d3"), summer.stream().map(line -> line.deferral().id()).toList());
        assertEquals(DeferralWatch.Status.ENDED_WITHOUT_LIFT, summer.get(2).status());
        assertEquals(cny("100.00"), summer.get(2).caseHolds());

        // Case 1's 1,000.00 is noticed on Tue 06-03: it holds nothing unnoticed, so d1 leaves the list
        // from that day on; on 06-02 it is still there, and the list of 03-31 is unchanged.
        court.notice("n1", d("2025-06-03"), 1, "1000.00");
        summer = court.reports.deferralWatch(d("2025-06-30"));
        assertEquals(List.of("d4", "d3"), summer.stream().map(line -> line.deferral().id()).toList());
        assertEquals(List.of("d4", "d1", "d3"), court.reports.deferralWatch(d("2025-06-02")).stream()
                .map(line -> line.deferral().id()).toList());
        assertEquals(List.of("d4", "d1"), court.reports.deferralWatch(d("2025-03-31")).stream()
                .map(line -> line.deferral().id()).toList());
        assertFalse(summer.stream().anyMatch(line -> line.status() == DeferralWatch.Status.ENDING_SOON));
    }
}
