package org.casefunds.ledger.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;

/**
 * A jurisdiction's working days, from published data, for the deadlines the ledger keeps (the
 * 10-working-day payout rule and the like).
 *
 * <p>The rules:
 * <ul>
 *   <li>A working day is (Monday to Friday and not a holiday rest day) or an adjusted working day
 *       (调休, a Saturday or Sunday made a working day). State organs, courts included, rest on
 *       Saturday and Sunday.
 *   <li>Holiday rest days and adjusted working days are data: each year the State Council's
 *       General Office publishes them in its notice on the arrangement of holidays
 *       (国务院办公厅关于部分节假日安排的通知). A calendar holds consecutive {@link CalendarYear}s
 *       and refuses any date outside them, including a date a computation would walk to. A year
 *       not yet published may be held as a <em>provisional</em> year computed from the statutory
 *       holidays ({@link StatutoryHolidays}); every answer that counts through one can say so
 *       ({@link #countsThroughProvisional}). Replace it with {@link #withYears} when the notice
 *       is published.
 *   <li>Periods (Civil Procedure Law art. 85): the starting day is not counted, and a period
 *       whose last day is a rest day ends on the next working day. So {@link #plusWorkingDays}
 *       returns the n-th working day strictly after the start, and {@link #plusCalendarDays}
 *       rolls a period that ends on a rest day forward.
 * </ul>
 *
 * <p>Every working day is precomputed on construction (a prefix count per day and the sorted list
 * of working days), so every query is O(1) whatever the span: a daily report asks for the
 * deadlines of many lots.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class WorkingDayCalendar {
    /** The jurisdiction of {@link #china()}: the People's Republic of China (mainland). */
    public static final String CHINA = "CN";

    private final String jurisdiction;
    private final SortedMap<Integer, CalendarYear> years;
    private final int firstYear;
    private final int lastYear;
    private final long firstEpochDay;
    /**
     * For each day of the range, by its offset from the first day: how many working days there
     * are from the first day through it.
     */
    private final int[] workingCountThrough;
    /** The offsets from the first day of every working day of the range, ascending. */
    private final int[] workingDayOffsets;
    /** For each year of the range, by its offset from the first year: whether it is provisional. */
    private final boolean[] provisional;

    private WorkingDayCalendar(String jurisdiction, SortedMap<Integer, CalendarYear> years) {
        this.jurisdiction = jurisdiction;
        this.years = Collections.unmodifiableSortedMap(new TreeMap<>(years));
        this.firstYear = this.years.firstKey();
        this.lastYear = this.years.lastKey();
        this.firstEpochDay = LocalDate.of(firstYear, 1, 1).toEpochDay();
        int dayCount = (int) (LocalDate.of(lastYear, 12, 31).toEpochDay() - firstEpochDay + 1);
        this.workingCountThrough = new int[dayCount];
        int[] offsets = new int[dayCount];
        int workingCount = 0;
        int offset = 0;
        for (CalendarYear year : this.years.values()) {
            LocalDate end = LocalDate.of(year.year() + 1, 1, 1);
            for (LocalDate date = LocalDate.of(year.year(), 1, 1); date.isBefore(end);
                    date = date.plusDays(1)) {
                if (isWorkingDay(year, date)) {
                    offsets[workingCount] = offset;
                    workingCount++;
                }
                workingCountThrough[offset] = workingCount;
                offset++;
            }
        }
        this.workingDayOffsets = Arrays.copyOf(offsets, workingCount);
        this.provisional = new boolean[lastYear - firstYear + 1];
        for (CalendarYear year : this.years.values()) {
            provisional[year.year() - firstYear] = year.isProvisional();
        }
        Checks.invariant(offset == dayCount, "the calendar walked " + offset + " days of "
                + dayCount);
    }

    private static boolean isWorkingDay(CalendarYear year, LocalDate date) {
        return year.isWorkingDay(date);
    }

    /**
     * The calendar of the People's Republic of China (jurisdiction {@link #CHINA}): the State
     * Council's published schedules from 2008 through the last year shipped
     * ({@code china-official.txt}), then provisional years computed from the statutory holidays
     * through {@value LunarDates#LAST_YEAR}. Replace a provisional year with {@link #withYears}
     * when its notice is published (a ledger does it by adopting the year).
     *
     * @return the calendar, never null
     */
    public static WorkingDayCalendar china() {
        return ChinaHolder.CALENDAR;
    }

    /**
     * A calendar of {@code jurisdiction} from published data.
     *
     * @param jurisdiction a short name such as {@code CN}, stripped of surrounding white space
     * @param years consecutive years, each at most once, in any order; at least one
     * @return the calendar, never null
     * @throws InvalidInputException with {@link ErrorCode#MISSING_VALUE} if an argument or a year
     *     is null or the jurisdiction is blank; with {@link ErrorCode#LIMIT_EXCEEDED} if the
     *     jurisdiction or the list of years is too long; with {@link ErrorCode#INVALID_VALUE}
     *     naming {@code years} if there is none, if a year is given twice or if a year is left out
     *     between the first and the last
     */
    public static WorkingDayCalendar of(String jurisdiction, Collection<CalendarYear> years) {
        String name = Checks.requiredText(jurisdiction, "jurisdiction", Limits.JURISDICTION_LENGTH_MAX);
        SortedMap<Integer, CalendarYear> byYear = byYear(years);
        Checks.argument(!byYear.isEmpty(), "years", "0 entries", "at least one year is required");
        checkConsecutive(byYear);
        return new WorkingDayCalendar(name, byYear);
    }

    /**
     * A new calendar with {@code added} years: a year already held is replaced, a new year is
     * added. This calendar is unchanged.
     *
     * @param added years, each at most once, in any order; may be empty
     * @return the new calendar, never null
     * @throws InvalidInputException as {@link #of} does, for example when the result would leave
     *     out a year
     */
    public WorkingDayCalendar withYears(Collection<CalendarYear> added) {
        SortedMap<Integer, CalendarYear> merged = new TreeMap<>(years);
        merged.putAll(byYear(added));
        Checks.size(merged.values(), "years", Limits.CALENDAR_YEARS_MAX);
        checkConsecutive(merged);
        return new WorkingDayCalendar(jurisdiction, merged);
    }

    private static SortedMap<Integer, CalendarYear> byYear(Collection<CalendarYear> years) {
        Checks.required(years, "years");
        Checks.size(years, "years", Limits.CALENDAR_YEARS_MAX);
        SortedMap<Integer, CalendarYear> byYear = new TreeMap<>();
        int index = 0;
        for (CalendarYear year : years) {
            String field = "years[" + index + "]";
            Checks.required(year, field);
            Checks.argument(!byYear.containsKey(year.year()), field, year.year(),
                    "is a second entry for " + year.year() + "; give each year once");
            byYear.put(year.year(), year);
            index++;
        }
        return byYear;
    }

    /** A left-out year would be a hole in which dates are guessed; refuse it instead. */
    private static void checkConsecutive(SortedMap<Integer, CalendarYear> byYear) {
        Integer previous = null;
        for (Integer year : byYear.keySet()) {
            if (previous != null && year != previous + 1) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, "years",
                        byYear.keySet(), "leaves out " + (previous + 1) + "; a calendar holds "
                                + "consecutive years; add " + (previous + 1) + " as well");
            }
            previous = year;
        }
    }

    /** The jurisdiction, such as {@code CN}; never null. */
    public String jurisdiction() {
        return jurisdiction;
    }

    /**
     * The years the calendar holds, ascending and consecutive; never null nor empty, unmodifiable.
     */
    public Set<Integer> years() {
        return years.keySet();
    }

    /** The data of each year, ascending; never null nor empty, unmodifiable. */
    public List<CalendarYear> calendarYears() {
        return List.copyOf(years.values());
    }

    /** January 1 of the first year held; never null. */
    public LocalDate firstDate() {
        return LocalDate.of(firstYear, 1, 1);
    }

    /** December 31 of the last year held; never null. */
    public LocalDate lastDate() {
        return LocalDate.of(lastYear, 12, 31);
    }

    /** Where the data of {@code year} comes from; empty if the calendar does not hold it. */
    public Optional<CalendarSource> source(int year) {
        CalendarYear held = years.get(year);
        return held == null ? Optional.empty() : Optional.of(held.source());
    }

    /** The data of {@code year}; empty if the calendar does not hold it. */
    public Optional<CalendarYear> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    /** The provisional years held, ascending; never null, unmodifiable. */
    public SortedSet<Integer> provisionalYears() {
        SortedSet<Integer> found = new TreeSet<>();
        for (int i = 0; i < provisional.length; i++) {
            if (provisional[i]) {
                found.add(firstYear + i);
            }
        }
        return Collections.unmodifiableSortedSet(found);
    }

    /**
     * Whether a count between {@code from} and {@code to} (in either order) touches a provisional
     * year: a deadline so counted may move when the year's notice is adopted. False for a null
     * date or a year the calendar does not hold. Never throws.
     */
    public boolean countsThroughProvisional(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            return false;
        }
        int low = Math.max(Math.min(from.getYear(), to.getYear()), firstYear);
        int high = Math.min(Math.max(from.getYear(), to.getYear()), lastYear);
        for (int year = low; year <= high; year++) {
            if (provisional[year - firstYear]) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code date} is in a year the calendar holds; false for null. Never throws. */
    public boolean covers(LocalDate date) {
        return date != null && date.getYear() >= firstYear && date.getYear() <= lastYear;
    }

    /**
     * Returns {@code date} if the calendar holds its year, so that a caller can check its input
     * under its own field name before computing with it.
     *
     * @return {@code date}, never null
     * @throws InvalidInputException naming {@code field}: {@link ErrorCode#MISSING_VALUE} if
     *     {@code date} is null, {@link ErrorCode#INVALID_DATE} naming the missing year if the
     *     calendar does not hold it
     */
    public LocalDate requireCovered(LocalDate date, String field) {
        offsetOf(date, field);
        return date;
    }

    /**
     * Whether {@code date} is a working day.
     *
     * @throws InvalidInputException naming {@code date}, as {@link #requireCovered} does
     */
    public boolean isWorkingDay(LocalDate date) {
        return isWorkingDay(date, "date");
    }

    /**
     * Whether {@code date} is a working day.
     *
     * @throws InvalidInputException naming {@code field}, as {@link #requireCovered} does
     */
    public boolean isWorkingDay(LocalDate date, String field) {
        return isWorkingOffset(offsetOf(date, field));
    }

    /**
     * The {@code workingDays}-th working day strictly after {@code start} (the starting day is
     * not counted: Civil Procedure Law art. 85); {@code start} itself when {@code workingDays} is
     * zero. For every result, {@code workingDaysBetween(start, result) == workingDays}.
     *
     * @return the date, never null, a working day unless {@code workingDays} is zero
     * @throws InvalidInputException naming {@code start} as {@link #requireCovered} does, or with
     *     {@link ErrorCode#INVALID_DATE} naming the year after the last if the count runs past the
     *     data; naming {@code workingDays} with {@link ErrorCode#INVALID_VALUE} if it is negative
     */
    public LocalDate plusWorkingDays(LocalDate start, int workingDays) {
        return plusWorkingDays(start, workingDays, "start");
    }

    /**
     * As {@link #plusWorkingDays(LocalDate, int)}, with errors about {@code start} naming
     * {@code field}.
     *
     * @return the date, never null
     * @throws InvalidInputException as {@link #plusWorkingDays(LocalDate, int)} does
     */
    public LocalDate plusWorkingDays(LocalDate start, int workingDays, String field) {
        int offset = offsetOf(start, field);
        checkNotNegative(workingDays, "workingDays");
        if (workingDays == 0) {
            return start;
        }
        // Working days through the start, plus the ones asked for, is the 1-based rank of the
        // result among all working days; long, so that a huge count cannot overflow.
        long index = (long) workingCountThrough[offset] + workingDays - 1;
        if (index >= workingDayOffsets.length) {
            throw noData(lastYear + 1, field, start, "counting " + workingDays
                    + " working days after it runs past " + lastDate() + ", and ");
        }
        return dateAt(workingDayOffsets[(int) index]);
    }

    /**
     * The number of working days in {@code (from, to]}: the days after {@code from} up to and
     * including {@code to}; negative, the count in {@code (to, from]}, when {@code to} is before
     * {@code from}; zero when they are equal.
     *
     * @throws InvalidInputException naming {@code from} or {@code to}, as {@link #requireCovered}
     *     does
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        return workingDaysBetween(from, to, "from", "to");
    }

    /**
     * As {@link #workingDaysBetween(LocalDate, LocalDate)}, with errors naming {@code fromField}
     * or {@code toField}.
     *
     * @throws InvalidInputException as {@link #requireCovered} does
     */
    public int workingDaysBetween(LocalDate from, LocalDate to, String fromField,
            String toField) {
        int fromOffset = offsetOf(from, fromField);
        int toOffset = offsetOf(to, toField);
        return workingCountThrough[toOffset] - workingCountThrough[fromOffset];
    }

    /**
     * {@code date} if it is a working day, otherwise the first working day after it.
     *
     * @return the working day, never null
     * @throws InvalidInputException naming {@code date} as {@link #requireCovered} does, or with
     *     {@link ErrorCode#INVALID_DATE} naming the year after the last if the search runs past
     *     the data
     */
    public LocalDate nextWorkingDayOnOrAfter(LocalDate date) {
        return nextWorkingDayOnOrAfter(date, "date");
    }

    /**
     * As {@link #nextWorkingDayOnOrAfter(LocalDate)}, with errors naming {@code field}.
     *
     * @return the working day, never null
     * @throws InvalidInputException as {@link #nextWorkingDayOnOrAfter(LocalDate)} does
     */
    public LocalDate nextWorkingDayOnOrAfter(LocalDate date, String field) {
        int offset = offsetOf(date, field);
        int index = workingCountBefore(offset);
        if (index >= workingDayOffsets.length) {
            throw noData(lastYear + 1, field, date, "the first working day on or after it comes "
                    + "after " + lastDate() + ", and ");
        }
        return dateAt(workingDayOffsets[index]);
    }

    /**
     * The last working day strictly before {@code date}.
     *
     * @return the working day, never null
     * @throws InvalidInputException naming {@code date} as {@link #requireCovered} does, or with
     *     {@link ErrorCode#INVALID_DATE} naming the year before the first if the search runs
     *     before the data
     */
    public LocalDate previousWorkingDay(LocalDate date) {
        return previousWorkingDay(date, "date");
    }

    /**
     * As {@link #previousWorkingDay(LocalDate)}, with errors naming {@code field}.
     *
     * @return the working day, never null
     * @throws InvalidInputException as {@link #previousWorkingDay(LocalDate)} does
     */
    public LocalDate previousWorkingDay(LocalDate date, String field) {
        int index = workingCountBefore(offsetOf(date, field));
        if (index == 0) {
            throw noData(firstYear - 1, field, date, "the last working day before it comes "
                    + "before " + firstDate() + ", and ");
        }
        return dateAt(workingDayOffsets[index - 1]);
    }

    /**
     * The end of a period of {@code calendarDays} calendar days from {@code start}: the starting
     * day is not counted, so the last day is {@code start + calendarDays}; if that is a rest day,
     * the period ends on the next working day (Civil Procedure Law art. 85). An adjusted working
     * day is a working day, so a period may end on one. {@code start} itself when
     * {@code calendarDays} is zero (no period runs).
     *
     * @return the date, never null, a working day unless {@code calendarDays} is zero
     * @throws InvalidInputException naming {@code start} as {@link #requireCovered} does, or with
     *     {@link ErrorCode#INVALID_DATE} naming the missing year if the period or its roll-forward
     *     ends past the data; naming {@code calendarDays} with {@link ErrorCode#INVALID_VALUE} if
     *     it is negative
     */
    public LocalDate plusCalendarDays(LocalDate start, int calendarDays) {
        return plusCalendarDays(start, calendarDays, "start");
    }

    /**
     * As {@link #plusCalendarDays(LocalDate, int)}, with errors about {@code start} naming
     * {@code field}.
     *
     * @return the date, never null
     * @throws InvalidInputException as {@link #plusCalendarDays(LocalDate, int)} does
     */
    public LocalDate plusCalendarDays(LocalDate start, int calendarDays, String field) {
        int offset = offsetOf(start, field);
        checkNotNegative(calendarDays, "calendarDays");
        if (calendarDays == 0) {
            return start;
        }
        long lastOffset = (long) offset + calendarDays;
        if (lastOffset >= workingCountThrough.length) {
            LocalDate last = start.plusDays(calendarDays);
            throw noData(last.getYear(), field, start, "a period of " + calendarDays
                    + " calendar days after it ends on " + last + ", and ");
        }
        int index = workingCountBefore((int) lastOffset);
        if (index >= workingDayOffsets.length) {
            throw noData(lastYear + 1, field, start, "a period of " + calendarDays
                    + " calendar days after it ends on a rest day and rolls past " + lastDate()
                    + ", and ");
        }
        return dateAt(workingDayOffsets[index]);
    }

    private static void checkNotNegative(int days, String field) {
        Checks.argument(days >= 0, field, days, "must be zero or more");
    }

    private int offsetOf(LocalDate date, String field) {
        Checks.required(date, field);
        if (date.getYear() < firstYear || date.getYear() > lastYear) {
            throw noData(date.getYear(), field, date, "");
        }
        return (int) (date.toEpochDay() - firstEpochDay);
    }

    private boolean isWorkingOffset(int offset) {
        return workingCountBefore(offset) != workingCountThrough[offset];
    }

    /** The working days from the first day up to, not including, the day at {@code offset}. */
    private int workingCountBefore(int offset) {
        return offset == 0 ? 0 : workingCountThrough[offset - 1];
    }

    private LocalDate dateAt(int offset) {
        return LocalDate.ofEpochDay(firstEpochDay + offset);
    }

    private InvalidInputException noData(int missingYear, String field, LocalDate value,
            String context) {
        String known = firstYear == lastYear ? String.valueOf(firstYear)
                : firstYear + "–" + lastYear;
        String source = CHINA.equals(jurisdiction) ? "the State Council's schedule"
                : "the published holidays and adjusted working days";
        return new InvalidInputException(ErrorCode.INVALID_DATE, field, value, context
                + "the working-day calendar '" + jurisdiction + "' has no data for " + missingYear
                + " (it knows " + known + "); adopt " + source + " for " + missingYear
                + " (casefunds calendar adopt FILE) before using dates in it");
    }

    /** Equal when the jurisdiction and every year's data are equal. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WorkingDayCalendar)) {
            return false;
        }
        WorkingDayCalendar that = (WorkingDayCalendar) other;
        return jurisdiction.equals(that.jurisdiction) && years.equals(that.years);
    }

    @Override
    public int hashCode() {
        return jurisdiction.hashCode() * 31 + years.hashCode();
    }

    /** For example {@code WorkingDayCalendar[CN 2025–2026]}; never null. */
    @Override
    public String toString() {
        return "WorkingDayCalendar[" + jurisdiction + " " + firstYear
                + (firstYear == lastYear ? "" : "–" + lastYear) + "]";
    }

    /** Built on first use (a holder), so that only callers of china() pay for it. */
    private static final class ChinaHolder {
        static final WorkingDayCalendar CALENDAR = build();

        private ChinaHolder() {
        }

        private static WorkingDayCalendar build() {
            List<CalendarYear> years = new ArrayList<>(OfficialSchedules.china());
            int lastOfficial = years.get(years.size() - 1).year();
            for (int year = lastOfficial + 1; year <= LunarDates.LAST_YEAR; year++) {
                years.add(StatutoryHolidays.provisionalYear(year));
            }
            return of(CHINA, years);
        }
    }
}
