package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/*
 * Goal: one year's published data is checked where it enters, so that a typo in a holiday file
 * (an adjusted working day on a weekday, a date of another year, a day listed twice) is refused
 * with the field and the value, before any deadline is computed from it.
 *
 * Method: hand-written good and bad years; each refusal asserts the error code, the field (with
 * the index of the entry in the caller's order) and the value.
 */
class CalendarYearTest {

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static List<LocalDate> dates(String... texts) {
        List<LocalDate> dates = new ArrayList<>();
        for (String text : texts) {
            dates.add(date(text));
        }
        return dates;
    }

    private static InvalidInputException assertRefused(ErrorCode code, String field, String value,
            Executable executable) {
        InvalidInputException refusal = assertThrows(InvalidInputException.class, executable);
        assertEquals(code, refusal.code());
        assertEquals(field, refusal.field().orElse(null));
        assertEquals(value, refusal.value().orElse(null));
        return refusal;
    }

    @Test
    void holdsSortedUnmodifiableCopies() {
        List<LocalDate> rest = dates("2025-10-08", "2025-10-01", "2025-10-01");
        CalendarYear year = CalendarYear.of(2025, rest, dates("2025-10-11", "2025-09-28"));
        rest.add(date("2025-12-25"));

        assertEquals(2025, year.year());
        assertEquals(dates("2025-10-01", "2025-10-08"), new ArrayList<>(year.restDays()));
        assertEquals(dates("2025-09-28", "2025-10-11"),
                new ArrayList<>(year.adjustedWorkingDays()));
        assertThrows(UnsupportedOperationException.class,
                () -> year.restDays().add(date("2025-12-25")));
        assertTrue(year.isListedRestDay(date("2025-10-01")));
        assertFalse(year.isListedRestDay(date("2025-12-25")));
        assertTrue(year.isAdjustedWorkingDay(date("2025-09-28")));
        assertFalse(year.isAdjustedWorkingDay(null));
    }

    @Test
    void canonicalConstructorReordersAForeignComparatorToDateOrder() {
        TreeSet<LocalDate> reversed = new TreeSet<>(Comparator.reverseOrder());
        reversed.addAll(dates("2025-01-01", "2025-05-01"));
        CalendarYear year = new CalendarYear(2025, reversed, new TreeSet<>(), CalendarSource.given());

        assertEquals(date("2025-01-01"), year.restDays().first());
        assertEquals(null, year.restDays().comparator());
        assertEquals(CalendarYear.of(2025, dates("2025-05-01", "2025-01-01"), List.of()), year);
    }

    @Test
    void aListedRestDayOnAWeekendIsHarmless() {
        // 2025-10-04 is a Saturday inside the National Day break; notices list whole breaks.
        CalendarYear year = CalendarYear.of(2025, dates("2025-10-04"), List.of());
        assertTrue(year.isListedRestDay(date("2025-10-04")));
    }

    @Test
    void refusesAnAdjustedWorkingDayOnAWeekdayNamingTheDay() {
        // 2025-10-15 is a Wednesday: it is a working day already and cannot be "adjusted".
        InvalidInputException refusal = assertRefused(ErrorCode.INVALID_DATE,
                "adjustedWorkingDays[0]", "2025-10-15",
                () -> CalendarYear.of(2025, List.of(), dates("2025-10-15")));
        assertTrue(refusal.getMessage().contains("is a Wednesday"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("Saturday or a Sunday"), refusal.getMessage());
    }

    @Test
    void theIndexIsThePositionInTheCallersOrder() {
        // Sorted, the Wednesday would be entry 1; the caller wrote it as entry 2.
        assertRefused(ErrorCode.INVALID_DATE, "adjustedWorkingDays[2]", "2025-10-15",
                () -> CalendarYear.of(2025, List.of(),
                        dates("2025-10-11", "2025-09-28", "2025-10-15")));
    }

    @Test
    void refusesADateOfAnotherYear() {
        InvalidInputException refusal = assertRefused(ErrorCode.INVALID_DATE, "restDays[2]",
                "2026-01-01", () -> CalendarYear.of(2025,
                        dates("2025-01-01", "2025-05-01", "2026-01-01"), List.of()));
        assertTrue(refusal.getMessage().contains("is in 2026, not in 2025"), refusal.getMessage());

        assertRefused(ErrorCode.INVALID_DATE, "adjustedWorkingDays[0]", "2024-09-29",
                () -> CalendarYear.of(2025, List.of(), dates("2024-09-29")));
    }

    @Test
    void refusesTheSameDateInBothSets() {
        // 2025-09-28 is a Sunday, so only the overlap is wrong.
        InvalidInputException refusal = assertRefused(ErrorCode.INVALID_DATE,
                "adjustedWorkingDays[0]", "2025-09-28",
                () -> CalendarYear.of(2025, dates("2025-09-28"), dates("2025-09-28")));
        assertTrue(refusal.getMessage().contains("also listed in restDays"), refusal.getMessage());
    }

    @Test
    void refusesAYearOutOfRange() {
        assertRefused(ErrorCode.INVALID_VALUE, "year", "1899",
                () -> CalendarYear.of(1899, List.of(), List.of()));
        assertRefused(ErrorCode.INVALID_VALUE, "year", "3000",
                () -> CalendarYear.of(3000, List.of(), List.of()));
    }

    @Test
    void refusesMissingSetsAndDates() {
        assertRefused(ErrorCode.MISSING_VALUE, "restDays", null,
                () -> CalendarYear.of(2025, null, List.of()));
        assertRefused(ErrorCode.MISSING_VALUE, "adjustedWorkingDays", null,
                () -> new CalendarYear(2025, new TreeSet<>(), null, CalendarSource.provisional()));
        List<LocalDate> withNull = Arrays.asList(date("2025-01-01"), null);
        assertRefused(ErrorCode.MISSING_VALUE, "restDays[1]", null,
                () -> CalendarYear.of(2025, withNull, List.of()));
    }
}
