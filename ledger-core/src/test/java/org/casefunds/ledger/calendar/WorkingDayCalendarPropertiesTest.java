package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/*
 * Goal: the precomputed calendar (prefix counts, O(1) a query) answers exactly as the rule read
 * literally would, for every start date and count, and its deadlines have the properties the
 * payout rule relies on: a working day, exactly n working days after the start, strictly after
 * it, and never earlier for a later start.
 *
 * Method: QuickTheories over random start dates in 2025-2026 and counts 1..30, against a naive
 * reference model written here that walks day by day over the published data restated
 * independently from docs/domain.md items 30-31; a count the model finds running past 2026 must be
 * refused naming 2027. A second property generates random calendar data (random holidays on
 * weekdays and weekends, random adjusted weekends) and compares the two again. Raise the number
 * of examples with -Dproperty.examples=2000.
 */
class WorkingDayCalendarPropertiesTest {
    private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    private static final int DAY_COUNT = 730; // 2025 and 2026: 365 + 365 days
    /**
     * The published years 2025 and 2026 alone, as the calendar shipped before more years were: the
     * edges of the data are tested on it. The full calendar is tested in ChinaCalendarTest.
     */
    private static final WorkingDayCalendar CHINA = WorkingDayCalendar.of(WorkingDayCalendar.CHINA,
            WorkingDayCalendar.china().calendarYears().stream()
                    .filter(year -> year.year() == 2025 || year.year() == 2026).toList());
    private static final ReferenceCalendar CHINA_REFERENCE = chinaReference();

    private static QuickTheory examples() {
        return qt().withExamples(Integer.getInteger("property.examples", 200));
    }

    private static Gen<LocalDate> dates() {
        return integers().between(0, DAY_COUNT - 1).map(offset -> FIRST.plusDays(offset));
    }

    private static Gen<Integer> counts() {
        return integers().between(1, 30);
    }

    @Test
    void deadlinesAgreeWithTheReferenceAndKeepTheirPromises() {
        examples().forAll(dates(), counts()).checkAssert((start, n) -> {
            Optional<LocalDate> expected = CHINA_REFERENCE.plusWorkingDays(start, n);
            if (expected.isEmpty()) {
                assertRefusedNaming2027(() -> CHINA.plusWorkingDays(start, n));
                return;
            }
            LocalDate deadline = CHINA.plusWorkingDays(start, n);
            assertEquals(expected.get(), deadline, "reference model");
            assertTrue(CHINA.isWorkingDay(deadline), "a working day");
            assertEquals(n, CHINA.workingDaysBetween(start, deadline), "n working days after");
            assertEquals(-n, CHINA.workingDaysBetween(deadline, start), "symmetrical");
            assertTrue(deadline.isAfter(start), "strictly after the start");
        });
    }

    @Test
    void aLaterStartNeverGivesAnEarlierDeadline() {
        examples().forAll(dates(), dates(), counts()).checkAssert((first, second, n) -> {
            LocalDate earlier = first.isBefore(second) ? first : second;
            LocalDate later = first.isBefore(second) ? second : first;
            if (CHINA_REFERENCE.plusWorkingDays(later, n).isEmpty()) {
                return; // runs off the data; the first property asserts the refusal
            }
            LocalDate earlierDeadline = CHINA.plusWorkingDays(earlier, n);
            LocalDate laterDeadline = CHINA.plusWorkingDays(later, n);
            assertFalse(laterDeadline.isBefore(earlierDeadline),
                    earlier + "+" + n + " = " + earlierDeadline + " but " + later + "+" + n
                            + " = " + laterDeadline);
        });
    }

    @Test
    void otherQueriesAgreeWithTheReference() {
        examples().forAll(dates(), dates(), integers().between(0, 60)).checkAssert(
                (from, to, calendarDays) -> {
                    assertEquals(CHINA_REFERENCE.isWorkingDay(from), CHINA.isWorkingDay(from));
                    assertEquals(CHINA_REFERENCE.workingDaysBetween(from, to),
                            CHINA.workingDaysBetween(from, to), "between " + from + " " + to);
                    assertAgrees(CHINA_REFERENCE.nextWorkingDayOnOrAfter(from),
                            () -> CHINA.nextWorkingDayOnOrAfter(from));
                    assertAgrees(CHINA_REFERENCE.plusCalendarDays(from, calendarDays),
                            () -> CHINA.plusCalendarDays(from, calendarDays));
                    Optional<LocalDate> previous = CHINA_REFERENCE.previousWorkingDay(from);
                    if (previous.isPresent()) {
                        assertEquals(previous.get(), CHINA.previousWorkingDay(from));
                    } else {
                        assertThrows(InvalidInputException.class,
                                () -> CHINA.previousWorkingDay(from));
                    }
                });
    }

    @Test
    void randomCalendarDataAgreesWithTheReference() {
        Gen<List<Integer>> offsets = lists().of(integers().between(0, DAY_COUNT - 1))
                .ofSizeBetween(0, 60);
        examples().forAll(offsets, offsets, dates(), counts()).checkAssert(
                (restOffsets, adjustedOffsets, start, n) -> {
                    List<CalendarYear> years = randomYears(restOffsets, adjustedOffsets);
                    WorkingDayCalendar calendar = WorkingDayCalendar.of("XX", years);
                    ReferenceCalendar reference = new ReferenceCalendar(years);
                    Optional<LocalDate> expected = reference.plusWorkingDays(start, n);
                    if (expected.isEmpty()) {
                        assertThrows(InvalidInputException.class,
                                () -> calendar.plusWorkingDays(start, n));
                        return;
                    }
                    assertEquals(expected.get(), calendar.plusWorkingDays(start, n));
                    assertEquals(n, calendar.workingDaysBetween(start, expected.get()));
                    LocalDate yearEnd = LocalDate.of(start.getYear(), 12, 31);
                    assertEquals(reference.workingDaysBetween(start, yearEnd),
                            calendar.workingDaysBetween(start, yearEnd));
                });
    }

    /**
     * Random data for 2025-2026 that obeys CalendarYear's rules: an offset that lands on a weekend
     * is an adjusted working day in the second list and a (harmless) rest day in the first; a
     * weekday in the second list is a rest day. No day is in both sets.
     */
    private static List<CalendarYear> randomYears(List<Integer> restOffsets,
            List<Integer> adjustedOffsets) {
        Set<LocalDate> rest = new HashSet<>();
        Set<LocalDate> adjusted = new HashSet<>();
        for (int offset : adjustedOffsets) {
            LocalDate day = FIRST.plusDays(offset);
            (CalendarYear.isWeekend(day) ? adjusted : rest).add(day);
        }
        for (int offset : restOffsets) {
            LocalDate day = FIRST.plusDays(offset);
            if (!adjusted.contains(day)) {
                rest.add(day);
            }
        }
        List<CalendarYear> years = new ArrayList<>();
        for (int year = 2025; year <= 2026; year++) {
            years.add(CalendarYear.of(year, inYear(rest, year), inYear(adjusted, year)));
        }
        return years;
    }

    private static List<LocalDate> inYear(Set<LocalDate> days, int year) {
        List<LocalDate> inYear = new ArrayList<>();
        for (LocalDate day : days) {
            if (day.getYear() == year) {
                inYear.add(day);
            }
        }
        return inYear;
    }

    private static void assertAgrees(Optional<LocalDate> expected, DateSupplier actual) {
        if (expected.isEmpty()) {
            assertRefusedNaming2027(actual::get);
        } else {
            assertEquals(expected.get(), actual.get());
        }
    }

    private static void assertRefusedNaming2027(Executable executable) {
        InvalidInputException refusal = assertThrows(InvalidInputException.class, executable);
        assertEquals(ErrorCode.INVALID_DATE, refusal.code());
        assertTrue(refusal.getMessage().contains("has no data for 2027"), refusal.getMessage());
    }

    /** The published data, restated from docs/domain.md items 30-31 independently of the main code. */
    private static ReferenceCalendar chinaReference() {
        String[] restRanges = {
            "2025-01-01/2025-01-01", "2025-01-28/2025-02-04", "2025-04-04/2025-04-06",
            "2025-05-01/2025-05-05", "2025-05-31/2025-06-02", "2025-10-01/2025-10-08",
            "2026-01-01/2026-01-03", "2026-02-15/2026-02-23", "2026-04-04/2026-04-06",
            "2026-05-01/2026-05-05", "2026-06-19/2026-06-21", "2026-09-25/2026-09-27",
            "2026-10-01/2026-10-07",
        };
        String[] adjusted = {
            "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        };
        Set<LocalDate> restDays = new HashSet<>();
        for (String range : restRanges) {
            String[] ends = range.split("/");
            LocalDate last = LocalDate.parse(ends[1]);
            for (LocalDate day = LocalDate.parse(ends[0]); !day.isAfter(last);
                    day = day.plusDays(1)) {
                restDays.add(day);
            }
        }
        Set<LocalDate> adjustedDays = new HashSet<>();
        for (String day : adjusted) {
            adjustedDays.add(LocalDate.parse(day));
        }
        return new ReferenceCalendar(2025, 2026, restDays, adjustedDays);
    }

    /** A computation that returns a date, for {@link #assertAgrees}. */
    @FunctionalInterface
    private interface DateSupplier {
        LocalDate get();
    }

    /**
     * The rule read literally, one day at a time: slow and obviously right. An empty result means
     * the walk left the known years.
     */
    private static final class ReferenceCalendar {
        private final int firstYear;
        private final int lastYear;
        private final Set<LocalDate> restDays;
        private final Set<LocalDate> adjustedWorkingDays;

        ReferenceCalendar(int firstYear, int lastYear, Set<LocalDate> restDays,
                Set<LocalDate> adjustedWorkingDays) {
            this.firstYear = firstYear;
            this.lastYear = lastYear;
            this.restDays = restDays;
            this.adjustedWorkingDays = adjustedWorkingDays;
        }

        ReferenceCalendar(List<CalendarYear> years) {
            this(years.get(0).year(), years.get(years.size() - 1).year(), new HashSet<>(),
                    new HashSet<>());
            for (CalendarYear year : years) {
                restDays.addAll(year.restDays());
                adjustedWorkingDays.addAll(year.adjustedWorkingDays());
            }
        }

        boolean known(LocalDate day) {
            return day.getYear() >= firstYear && day.getYear() <= lastYear;
        }

        boolean isWorkingDay(LocalDate day) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            return adjustedWorkingDays.contains(day) || (!weekend && !restDays.contains(day));
        }

        Optional<LocalDate> plusWorkingDays(LocalDate start, int n) {
            LocalDate day = start;
            int counted = 0;
            while (counted < n) {
                day = day.plusDays(1);
                if (!known(day)) {
                    return Optional.empty();
                }
                counted += isWorkingDay(day) ? 1 : 0;
            }
            return Optional.of(day);
        }

        int workingDaysBetween(LocalDate from, LocalDate to) {
            if (to.isBefore(from)) {
                return -workingDaysBetween(to, from);
            }
            int count = 0;
            for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
                count += isWorkingDay(day) ? 1 : 0;
            }
            return count;
        }

        Optional<LocalDate> nextWorkingDayOnOrAfter(LocalDate date) {
            for (LocalDate day = date; known(day); day = day.plusDays(1)) {
                if (isWorkingDay(day)) {
                    return Optional.of(day);
                }
            }
            return Optional.empty();
        }

        Optional<LocalDate> previousWorkingDay(LocalDate date) {
            for (LocalDate day = date.minusDays(1); known(day); day = day.minusDays(1)) {
                if (isWorkingDay(day)) {
                    return Optional.of(day);
                }
            }
            return Optional.empty();
        }

        Optional<LocalDate> plusCalendarDays(LocalDate start, int calendarDays) {
            if (calendarDays == 0) {
                return Optional.of(start);
            }
            LocalDate last = start.plusDays(calendarDays);
            return known(last) ? nextWorkingDayOnOrAfter(last) : Optional.empty();
        }
    }
}
