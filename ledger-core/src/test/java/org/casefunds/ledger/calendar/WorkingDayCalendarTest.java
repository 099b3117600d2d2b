package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/*
 * Goal: the working-day calendar gives the deadlines a court would count by hand, from the State
 * Council's published data (docs/domain.md items 28-32), and refuses every date it has no data for
 * rather than guessing.
 *
 * Method: examples counted by hand on a paper calendar, each count written in a comment beside its
 * assertion; the published totals (248 working days a year); refusals at both ends of the data and
 * for a count that walks past the end; a made-up 2027 loaded with withYears. The properties over
 * random dates are in WorkingDayCalendarPropertiesTest.
 */
class WorkingDayCalendarTest {
    /**
     * The published years 2025 and 2026 alone, as the calendar shipped before more years were: the
     * edges of the data are tested on it. The full calendar is tested in ChinaCalendarTest.
     */
    private static final WorkingDayCalendar CHINA = WorkingDayCalendar.of(WorkingDayCalendar.CHINA,
            WorkingDayCalendar.china().calendarYears().stream()
                    .filter(year -> year.year() == 2025 || year.year() == 2026).toList());

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static InvalidInputException assertRefused(ErrorCode code, String field, String value,
            Executable executable) {
        InvalidInputException refusal = assertThrows(InvalidInputException.class, executable);
        assertEquals(code, refusal.code());
        assertEquals(field, refusal.field().orElse(null));
        assertEquals(value, refusal.value().orElse(null));
        return refusal;
    }

    private static void assertNamesMissingYear(InvalidInputException refusal, int year) {
        String message = refusal.getMessage();
        assertTrue(message.contains("has no data for " + year + " (it knows 2025–2026)"), message);
        assertTrue(message.contains("adopt the State Council's schedule for " + year),
                message);
    }

    @Test
    void workedExampleOfDomainItem32() {
        // Friday 2026-02-13 + 10 working days: Sat 02-14 (adjusted) 1; 02-15..02-23 Spring
        // Festival; Tue 02-24 2, Wed 02-25 3, Thu 02-26 4, Fri 02-27 5, Sat 02-28 (adjusted) 6,
        // Mon 03-02 7, Tue 03-03 8, Wed 03-04 9, Thu 03-05 10. A naive Monday-Friday count that
        // ignores the holiday and the adjusted Saturdays would give Fri 02-27 instead.
        assertEquals(date("2026-03-05"), CHINA.plusWorkingDays(date("2026-02-13"), 10));
        assertNotEquals(date("2026-02-27"), CHINA.plusWorkingDays(date("2026-02-13"), 10));
    }

    @Test
    void acrossTheNationalDayBreakOf2025() {
        // Fri 09-26 + 1: Sat 09-27 rest; Sun 09-28 adjusted working day 1.
        assertEquals(date("2025-09-28"), CHINA.plusWorkingDays(date("2025-09-26"), 1));
        // Tue 09-30 + 1: 10-01..10-08 rest; Thu 10-09 1.
        assertEquals(date("2025-10-09"), CHINA.plusWorkingDays(date("2025-09-30"), 1));
        // Tue 09-30 + 2: Thu 10-09 1, Fri 10-10 2.
        assertEquals(date("2025-10-10"), CHINA.plusWorkingDays(date("2025-09-30"), 2));
        // Tue 09-30 + 3: Thu 10-09 1, Fri 10-10 2, Sat 10-11 (adjusted) 3.
        assertEquals(date("2025-10-11"), CHINA.plusWorkingDays(date("2025-09-30"), 3));
        // Tue 09-30 + 4: ... Sat 10-11 3; Sun 10-12 rest; Mon 10-13 4.
        assertEquals(date("2025-10-13"), CHINA.plusWorkingDays(date("2025-09-30"), 4));
        // Wed 10-01 (a rest day) + 1: the start is not counted either way; Thu 10-09 1.
        assertEquals(date("2025-10-09"), CHINA.plusWorkingDays(date("2025-10-01"), 1));
        // Counting back: (09-30, 10-13] holds 10-09, 10-10, 10-11, 10-13.
        assertEquals(4, CHINA.workingDaysBetween(date("2025-09-30"), date("2025-10-13")));
        assertEquals(-4, CHINA.workingDaysBetween(date("2025-10-13"), date("2025-09-30")));
        assertEquals(0, CHINA.workingDaysBetween(date("2025-10-13"), date("2025-10-13")));
    }

    @Test
    void theDayKindsAroundTheNationalDayBreakOf2025() {
        assertTrue(CHINA.isWorkingDay(date("2025-09-28"))); // Sunday, adjusted working day
        assertFalse(CHINA.isWorkingDay(date("2025-10-08"))); // Wednesday, holiday
        assertTrue(CHINA.isWorkingDay(date("2025-10-11"))); // Saturday, adjusted working day
        assertFalse(CHINA.isWorkingDay(date("2025-10-12"))); // Sunday
        assertTrue(CHINA.isWorkingDay(date("2025-10-13"))); // Monday
        // 10-01 is a rest day; the first working day on or after it is Thu 10-09.
        assertEquals(date("2025-10-09"), CHINA.nextWorkingDayOnOrAfter(date("2025-10-01")));
        assertEquals(date("2025-10-13"), CHINA.nextWorkingDayOnOrAfter(date("2025-10-13")));
        // Before Thu 10-09: 10-08..10-01 rest, Tue 09-30 working.
        assertEquals(date("2025-09-30"), CHINA.previousWorkingDay(date("2025-10-09")));
        // Before Mon 09-29: Sun 09-28 is an adjusted working day.
        assertEquals(date("2025-09-28"), CHINA.previousWorkingDay(date("2025-09-29")));
    }

    @Test
    void acrossTheTurnOf2025To2026() {
        // Wed 2025-12-31 + 1: Thu 01-01, Fri 01-02, Sat 01-03 rest; Sun 01-04 adjusted 1.
        assertEquals(date("2026-01-04"), CHINA.plusWorkingDays(date("2025-12-31"), 1));
        // Fri 2025-12-26 + 10: Sat 12-27, Sun 12-28 rest; Mon 12-29 1, Tue 12-30 2,
        // Wed 12-31 3; Thu 01-01, Fri 01-02, Sat 01-03 rest (New Year's Day); Sun 01-04
        // (adjusted) 4; Mon 01-05 5, Tue 01-06 6, Wed 01-07 7, Thu 01-08 8, Fri 01-09 9;
        // Sat 01-10, Sun 01-11 rest; Mon 01-12 10.
        assertEquals(date("2026-01-12"), CHINA.plusWorkingDays(date("2025-12-26"), 10));
        assertEquals(10, CHINA.workingDaysBetween(date("2025-12-26"), date("2026-01-12")));
        // Zero working days is the start itself, even on a rest day.
        assertEquals(date("2026-01-01"), CHINA.plusWorkingDays(date("2026-01-01"), 0));
    }

    @Test
    void eachPublishedYearHas248WorkingDays() {
        for (int year = 2025; year <= 2026; year++) {
            int counted = 0;
            LocalDate end = LocalDate.of(year + 1, 1, 1);
            for (LocalDate day = LocalDate.of(year, 1, 1); day.isBefore(end);
                    day = day.plusDays(1)) {
                counted += CHINA.isWorkingDay(day) ? 1 : 0;
            }
            assertEquals(248, counted, "working days in " + year);
        }
        // January 1 is a rest day both years, so (Jan 1, Dec 31] holds every working day.
        assertEquals(248, CHINA.workingDaysBetween(date("2025-01-01"), date("2025-12-31")));
        assertEquals(248, CHINA.workingDaysBetween(date("2025-12-31"), date("2026-12-31")));
    }

    @Test
    void aCalendarDayPeriodEndingOnARestDayRollsToTheNextWorkingDay() {
        // 2026-01-17 + 30 calendar days = Mon 02-16, in the Spring Festival (02-15..02-23 rest,
        // including Sat 02-21 and Sun 02-22); the first working day after is Tue 02-24.
        assertEquals(date("2026-02-24"), CHINA.plusCalendarDays(date("2026-01-17"), 30));
        // 2026-01-15 + 30 = Sat 02-14, an adjusted working day: the period ends on it.
        assertEquals(date("2026-02-14"), CHINA.plusCalendarDays(date("2026-01-15"), 30));
        // 2026-02-05 + 30 = Sat 03-07 (Feb has 28 days), an ordinary Saturday: Mon 03-09.
        assertEquals(date("2026-03-09"), CHINA.plusCalendarDays(date("2026-02-05"), 30));
        // 2026-03-01 + 30 = Tue 03-31, a working day: no roll.
        assertEquals(date("2026-03-31"), CHINA.plusCalendarDays(date("2026-03-01"), 30));
        assertEquals(date("2026-02-16"), CHINA.plusCalendarDays(date("2026-02-16"), 0));
    }

    @Test
    void refusesDatesBeforeAndAfterTheData() {
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "date", "2024-12-31",
                () -> CHINA.isWorkingDay(date("2024-12-31"))), 2024);
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "date", "2027-01-01",
                () -> CHINA.isWorkingDay(date("2027-01-01"))), 2027);
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "arrivalDate", "2027-01-01",
                () -> CHINA.plusWorkingDays(date("2027-01-01"), 10, "arrivalDate")), 2027);
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "to", "2024-12-31",
                () -> CHINA.workingDaysBetween(date("2025-06-01"), date("2024-12-31"))), 2024);
        assertRefused(ErrorCode.INVALID_DATE, "noticeDate", "2027-03-01",
                () -> CHINA.requireCovered(date("2027-03-01"), "noticeDate"));
        assertFalse(CHINA.covers(date("2027-01-01")));
        assertTrue(CHINA.covers(date("2026-12-31")));
    }

    @Test
    void refusesACountThatWalksPastTheData() {
        // Fri 2026-12-25 + 4: Mon 12-28 1, Tue 12-29 2, Wed 12-30 3, Thu 12-31 4: still known.
        assertEquals(date("2026-12-31"), CHINA.plusWorkingDays(date("2026-12-25"), 4));
        // + 10 needs six working days of 2027, which is not published here.
        InvalidInputException refusal = assertRefused(ErrorCode.INVALID_DATE, "start",
                "2026-12-25", () -> CHINA.plusWorkingDays(date("2026-12-25"), 10));
        assertNamesMissingYear(refusal, 2027);
        assertTrue(refusal.getMessage().contains("counting 10 working days after it runs past "
                + "2026-12-31"), refusal.getMessage());
        // + 5 is the first count that needs 2027.
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "start", "2026-12-25",
                () -> CHINA.plusWorkingDays(date("2026-12-25"), 5)), 2027);
        // 2026-12-20 + 30 calendar days ends on 2027-01-19.
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "start", "2026-12-20",
                () -> CHINA.plusCalendarDays(date("2026-12-20"), 30)), 2027);
        // 2025-01-01 is a rest day, and the working day before it would be in 2024.
        assertNamesMissingYear(assertRefused(ErrorCode.INVALID_DATE, "date", "2025-01-01",
                () -> CHINA.previousWorkingDay(date("2025-01-01"))), 2024);
    }

    @Test
    void refusesBadArguments() {
        assertRefused(ErrorCode.INVALID_VALUE, "workingDays", "-1",
                () -> CHINA.plusWorkingDays(date("2025-06-03"), -1));
        assertRefused(ErrorCode.INVALID_VALUE, "calendarDays", "-1",
                () -> CHINA.plusCalendarDays(date("2025-06-03"), -1));
        assertRefused(ErrorCode.MISSING_VALUE, "start", null,
                () -> CHINA.plusWorkingDays(null, 1));
        assertRefused(ErrorCode.MISSING_VALUE, "date", null, () -> CHINA.isWorkingDay(null));
        // A huge count is refused as running past the data, not as an overflow.
        assertRefused(ErrorCode.INVALID_DATE, "start", "2025-06-03",
                () -> CHINA.plusWorkingDays(date("2025-06-03"), Integer.MAX_VALUE));
        assertRefused(ErrorCode.INVALID_DATE, "start", "2025-06-03",
                () -> CHINA.plusCalendarDays(date("2025-06-03"), Integer.MAX_VALUE));
    }

    @Test
    void describesItsRange() {
        assertEquals("CN", CHINA.jurisdiction());
        assertEquals(Set.of(2025, 2026), CHINA.years());
        assertEquals(date("2025-01-01"), CHINA.firstDate());
        assertEquals(date("2026-12-31"), CHINA.lastDate());
        assertEquals(2, CHINA.calendarYears().size());
        assertEquals(CHINA, WorkingDayCalendar.of("CN", CHINA.calendarYears()));
        assertEquals("WorkingDayCalendar[CN 2025–2026]", CHINA.toString());
    }

    /** A made-up 2027: rest Fri 01-01, adjusted working day Sat 01-09. Not the published data. */
    private static CalendarYear madeUp2027() {
        return CalendarYear.of(2027, List.of(date("2027-01-01")), List.of(date("2027-01-09")));
    }

    @Test
    void aCourtLoadsTheNextYearWithWithYears() {
        WorkingDayCalendar extended = CHINA.withYears(List.of(madeUp2027()));

        assertEquals(Set.of(2025, 2026, 2027), extended.years());
        assertEquals(date("2027-12-31"), extended.lastDate());
        // Fri 2026-12-25 + 10: Mon 12-28 1, Tue 12-29 2, Wed 12-30 3, Thu 12-31 4; Fri 01-01
        // rest; Sat 01-02, Sun 01-03 rest; Mon 01-04 5, Tue 01-05 6, Wed 01-06 7, Thu 01-07 8,
        // Fri 01-08 9, Sat 01-09 (adjusted) 10.
        assertEquals(date("2027-01-09"), extended.plusWorkingDays(date("2026-12-25"), 10));
        assertFalse(extended.isWorkingDay(date("2027-01-01")));
        // The original calendar is unchanged and still refuses 2027.
        assertThrows(InvalidInputException.class,
                () -> CHINA.plusWorkingDays(date("2026-12-25"), 10));
        // A 2028 without 2027 would leave a hole in which dates are guessed.
        CalendarYear madeUp2028 = CalendarYear.of(2028, List.of(), List.of());
        InvalidInputException refusal = assertRefused(ErrorCode.INVALID_VALUE, "years",
                "[2025, 2026, 2028]", () -> CHINA.withYears(List.of(madeUp2028)));
        assertTrue(refusal.getMessage().contains("leaves out 2027"), refusal.getMessage());
    }

    @Test
    void withYearsReplacesAYearAlreadyHeld() {
        // Suppose a corrected 2026 moved Labour Day's break away: Fri 05-01 is then a working day.
        CalendarYear corrected = CalendarYear.of(2026, List.of(date("2026-01-01")), List.of());
        WorkingDayCalendar replaced = CHINA.withYears(List.of(corrected));

        assertTrue(replaced.isWorkingDay(date("2026-05-01")));
        assertFalse(CHINA.isWorkingDay(date("2026-05-01")));
        assertEquals(CHINA.calendarYears().get(0), replaced.calendarYears().get(0));
    }

    @Test
    void anotherJurisdictionFromItsOwnData() {
        WorkingDayCalendar weekendsOnly = WorkingDayCalendar.of(" XX ",
                List.of(CalendarYear.of(2030, List.of(), List.of())));

        assertEquals("XX", weekendsOnly.jurisdiction());
        // 2030 has 261 weekdays: 365 days, 52 whole weeks plus Tue 01-01.
        assertEquals(261, weekendsOnly.workingDaysBetween(date("2030-01-01"),
                date("2030-12-31")) + 1);
        InvalidInputException refusal = assertRefused(ErrorCode.INVALID_DATE, "date",
                "2031-01-01", () -> weekendsOnly.isWorkingDay(date("2031-01-01")));
        assertTrue(refusal.getMessage().contains("'XX' has no data for 2031 (it knows 2030)"),
                refusal.getMessage());
    }

    @Test
    void refusesBadYearLists() {
        CalendarYear year2025 = CHINA.calendarYears().get(0);
        assertRefused(ErrorCode.INVALID_VALUE, "years", "0 entries",
                () -> WorkingDayCalendar.of("CN", List.of()));
        assertRefused(ErrorCode.INVALID_VALUE, "years[1]", "2025",
                () -> WorkingDayCalendar.of("CN", List.of(year2025, year2025)));
        assertRefused(ErrorCode.MISSING_VALUE, "jurisdiction", " ",
                () -> WorkingDayCalendar.of(" ", List.of(year2025)));
        assertRefused(ErrorCode.MISSING_VALUE, "years", null,
                () -> WorkingDayCalendar.of("CN", null));
    }
}
