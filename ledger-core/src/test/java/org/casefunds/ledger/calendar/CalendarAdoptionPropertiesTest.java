package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * What adopting a year's schedule may change. Method: QuickTheories over a random schedule for
 * 2027 (random weekday rest days, random adjusted weekend working days), random starts from
 * mid-2026 to mid-2028 and counts of 1..30 working or calendar days, on the shipped calendar with
 * and without the adoption.
 *
 * <ul>
 *   <li>Adopting 2027 changes only deadlines whose count touches 2027: a count that starts and ends
 *       outside it gives the same deadline before and after.
 *   <li>Rest days are monotone. An official 2027 without adjusted working days that rests on every
 *       day the provisional 2027 rests on (and perhaps more) never gives an earlier deadline than
 *       the provisional one: the provisional deadline is never later. And, the assumption the issue
 *       states it under, an official 2027 without adjusted working days that rests only on days the
 *       provisional year rests on gives a deadline never later: the provisional deadline is then
 *       never earlier than the official one.
 * </ul>
 */
class CalendarAdoptionPropertiesTest {
    private static final WorkingDayCalendar SHIPPED = WorkingDayCalendar.china();
    private static final CalendarYear PROVISIONAL_2027 = SHIPPED.year(2027).orElseThrow();
    private static final LocalDate FIRST = LocalDate.of(2026, 7, 1);
    private static final int SPAN = 730;
    private static final CalendarSource OFFICIAL = CalendarSource.official(List.of(CalendarSource.Document.of(
            LocalDate.of(2026, 11, 20), "国办发明电〔2026〕99号", "国务院办公厅关于2027年部分节假日安排的通知（测试）")));

    private static QuickTheory examples() {
        return qt().withExamples(Integer.getInteger("property.examples", 200));
    }

    private static Gen<LocalDate> starts() {
        return integers().between(0, SPAN).map(FIRST::plusDays);
    }

    private static Gen<List<Integer>> daysOf2027() {
        return lists().of(integers().between(0, 364)).ofSizeBetween(0, 30);
    }

    /** A schedule for 2027: the weekdays among {@code rest} rest, the weekend days among {@code work} are worked. */
    private static CalendarYear schedule(List<Integer> rest, List<Integer> work) {
        SortedSet<LocalDate> restDays = new TreeSet<>();
        SortedSet<LocalDate> adjusted = new TreeSet<>();
        for (int offset : rest) {
            LocalDate day = LocalDate.of(2027, 1, 1).plusDays(offset);
            if (!CalendarYear.isWeekend(day)) {
                restDays.add(day);
            }
        }
        for (int offset : work) {
            LocalDate day = LocalDate.of(2027, 1, 1).plusDays(offset);
            if (CalendarYear.isWeekend(day)) {
                adjusted.add(day);
            }
        }
        return new CalendarYear(2027, restDays, adjusted, OFFICIAL);
    }

    private static boolean touches2027(LocalDate from, LocalDate to) {
        return from.getYear() <= 2027 && to.getYear() >= 2027;
    }

    @Test
    void adoptingAYearChangesOnlyTheDeadlinesThatCountThroughIt() {
        examples().forAll(daysOf2027(), daysOf2027(), starts(), integers().between(1, 30)).checkAssert(
                (rest, work, start, n) -> {
                    WorkingDayCalendar adopted = SHIPPED.withYears(List.of(schedule(rest, work)));
                    LocalDate before = SHIPPED.plusWorkingDays(start, n);
                    if (!touches2027(start, before)) {
                        assertEquals(before, adopted.plusWorkingDays(start, n), start + " + " + n + " working days");
                    }
                    LocalDate calendarBefore = SHIPPED.plusCalendarDays(start, n);
                    if (!touches2027(start, calendarBefore)) {
                        assertEquals(calendarBefore, adopted.plusCalendarDays(start, n), start + " + " + n + " days");
                    }
                    // Shipped, every year from 2027 on is provisional; adopted, 2027 no longer is.
                    assertEquals(before.getYear() >= 2027, SHIPPED.countsThroughProvisional(start, before));
                    LocalDate after = adopted.plusWorkingDays(start, n);
                    assertEquals(after.getYear() >= 2028, adopted.countsThroughProvisional(start, after));
                });
    }

    @Test
    void anOfficialYearThatRestsOnMoreDaysNeverGivesAnEarlierDeadline() {
        examples().forAll(daysOf2027(), starts(), integers().between(1, 30)).checkAssert((extra, start, n) -> {
            SortedSet<LocalDate> rest = new TreeSet<>(PROVISIONAL_2027.restDays());
            rest.addAll(schedule(extra, List.of()).restDays());
            WorkingDayCalendar official = SHIPPED.withYears(List.of(new CalendarYear(2027, rest, new TreeSet<>(),
                    OFFICIAL)));
            LocalDate provisional = SHIPPED.plusWorkingDays(start, n);
            LocalDate adopted = official.plusWorkingDays(start, n);
            assertFalse(adopted.isBefore(provisional), start + " + " + n + ": official " + adopted + ", provisional "
                    + provisional);
        });
    }

    @Test
    void anOfficialYearThatRestsOnlyOnProvisionalRestDaysNeverGivesALaterDeadline() {
        Gen<List<Integer>> dropped = lists().of(integers().between(0, PROVISIONAL_2027.restDays().size() - 1))
                .ofSizeBetween(0, PROVISIONAL_2027.restDays().size());
        examples().forAll(dropped, starts(), integers().between(1, 30)).checkAssert((drop, start, n) -> {
            List<LocalDate> provisionalRest = List.copyOf(PROVISIONAL_2027.restDays());
            SortedSet<LocalDate> rest = new TreeSet<>(provisionalRest);
            drop.forEach(index -> rest.remove(provisionalRest.get(index)));
            WorkingDayCalendar official = SHIPPED.withYears(List.of(new CalendarYear(2027, rest, new TreeSet<>(),
                    OFFICIAL)));
            LocalDate provisional = SHIPPED.plusWorkingDays(start, n);
            LocalDate adopted = official.plusWorkingDays(start, n);
            assertFalse(provisional.isBefore(adopted), start + " + " + n + ": provisional " + provisional
                    + " is earlier than the official " + adopted);
        });
    }
}
