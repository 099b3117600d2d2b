package org.casefunds.ledger.reports;

import static org.casefunds.ledger.reports.Court.d;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Goal: a report asked about a date the ledger cannot answer for is refused with {@link
 * ErrorCode#INVALID_DATE}, naming the field and saying why, never answered with a guess: a date
 * before the ledger opened, a deadline that needs a year the calendar has no data for (after 2100), and
 * a period that ends before it starts. A deadline in a year without an official schedule is counted on
 * the provisional year and marked as such.
 *
 * <p>Method: example ledgers on the test court (opened Thu 2025-01-02); each report is called with
 * the bad input and the refusal's code, field and message are checked.
 */
class ReportInputTest {

    private static InvalidInputException refused(Executable report) {
        InvalidInputException refusal = assertThrows(InvalidInputException.class, report);
        assertEquals(ErrorCode.INVALID_DATE, refusal.code(), refusal.getMessage());
        return refusal;
    }

    @Test
    void aDateBeforeTheLedgerOpenedIsRefusedByEveryReport() {
        CourtReports reports = Court.opened().reports;
        LocalDate newYear = d("2025-01-01");
        for (Executable report : new Executable[] {
            () -> reports.doubleZero(newYear), () -> reports.dailyList(newYear), () -> reports.caseLots(newYear),
            () -> reports.unidentified(newYear), () -> reports.noticesOverdueAtFinance(newYear),
            () -> reports.deferralWatch(newYear), () -> reports.largeBalances(newYear),
            () -> reports.oldBalances(newYear, newYear)}) {
            InvalidInputException refusal = refused(report);
            assertEquals(Optional.of("date"), refusal.field());
            assertEquals(Optional.of("2025-01-01"), refusal.value());
        }
        // The period reports are about the state at the period's end: they name "to".
        for (Executable report : new Executable[] {
            () -> reports.weekly(newYear, newYear, CNY), () -> reports.handlers(newYear, newYear, CNY),
            () -> reports.payoutTime(newYear, newYear, CNY), () -> reports.subAccountUsage(newYear, newYear, CNY)}) {
            InvalidInputException refusal = refused(report);
            assertEquals(Optional.of("to"), refusal.field(), refusal.getMessage());
        }
        // The opening day itself is fine.
        assertTrue(reports.doubleZero(d("2025-01-02")).strict());
    }

    /**
     * Regression: a receipt late in 2026 made every report exit with "no data for 2027" for the
     * whole ledger. Now its deadline is counted on the provisional 2027 and marked provisional.
     */
    @Test
    void aDeadlineInTheNextYearIsProvisionalNotAnError() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2026-12-28"), "100.00", 1);
        // Arrived Mon 2026-12-28: WD Tue 12-29 1, Wed 12-30 2, Thu 12-31 3; Fri 2027-01-01 New Year's
        // Day (provisional); Mon 01-04 4 .. Fri 01-08 8, Mon 01-11 9, Tue 01-12 10.
        var lots = court.reports.caseLots(d("2026-12-30"));
        assertEquals(1, lots.size());
        assertEquals(d("2027-01-12"), lots.get(0).status().deadline());
        assertTrue(lots.get(0).status().provisional());
        DoubleZero onTheDay = court.reports.doubleZero(d("2027-01-13"));
        assertEquals(1, onTheDay.currencies().get(0).overdueProvisionalLots());
        assertEquals(Set.of(2027), onTheDay.rules().provisionalYears());
        assertTrue(onTheDay.rules().howToAdopt().contains("calendar adopt"), onTheDay.rules().howToAdopt());
    }

    @Test
    void anUnidentifiedReceiptWhoseClaimingDeadlineIsIn2027IsProvisional() {
        Court court = Court.opened();
        court.unidentified("u1", d("2026-12-30"), "100.00");
        // Wed 2026-12-30: WD Thu 12-31 1; Fri 2027-01-01 rest; Mon 01-04 2, Tue 01-05 3.
        UnidentifiedEntry entry = court.reports.unidentified(d("2026-12-31")).get(0);
        assertEquals(d("2027-01-05"), entry.claimingDeadline());
        assertTrue(entry.provisional());
    }

    @Test
    void aDateBeyondTheShippedYearsIsStillRefusedNamingTheYear() {
        // A ledger whose clock has reached the last shipped year: money is never dated after today.
        Court court = Court.opened(Policy.defaults(), Clock.fixed(Instant.parse("2100-12-28T01:00:00Z"),
                ZoneOffset.UTC)).withCase(1, HANDLER);
        court.receipt("r1", d("2100-12-28"), "100.00", 1);
        InvalidInputException refusal = refused(() -> court.reports.doubleZero(d("2100-12-30")));
        assertTrue(refusal.getMessage().contains("no data for 2101"), refusal.getMessage());
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        CourtReports reports = Court.opened().reports;
        LocalDate from = d("2025-03-23");
        LocalDate to = d("2025-03-17");
        for (Executable report : new Executable[] {
            () -> reports.weekly(from, to, CNY), () -> reports.handlers(from, to, CNY),
            () -> reports.payoutTime(from, to, CNY), () -> reports.subAccountUsage(from, to, CNY)}) {
            InvalidInputException refusal = refused(report);
            assertEquals(Optional.of("to"), refusal.field());
            assertEquals(Optional.of("2025-03-17"), refusal.value());
            assertTrue(refusal.getMessage().contains("2025-03-23"), refusal.getMessage());
        }
    }
}
