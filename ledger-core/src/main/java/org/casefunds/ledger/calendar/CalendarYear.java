package org.casefunds.ledger.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;

/**
 * One year of a jurisdiction's published working-day data: the holiday rest days and the
 * adjusted working days (调休), as the State Council publishes them each year (in China, its
 * General Office's notice on the arrangement of holidays). Saturday and Sunday are rest days by
 * default and need not be listed; a listed rest day that falls on a weekend is harmless and
 * allowed, because notices list whole holiday breaks. An adjusted working day must be a Saturday
 * or a Sunday: Monday to Friday are working days already.
 *
 * <p>The sets are copied on construction and exposed unmodifiable, in date order.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param year the year, between {@link Limits#CALENDAR_YEAR_MIN} and {@link Limits#CALENDAR_YEAR_MAX}
 * @param restDays the holiday rest days, all in {@code year}, never null
 * @param adjustedWorkingDays the weekend days that become working days, all in {@code year}, never
 *     null
 * @param source where the data comes from: the notices of an official or local year, or
 *     provisional; never null
 */
public record CalendarYear(int year, SortedSet<LocalDate> restDays,
        SortedSet<LocalDate> adjustedWorkingDays, CalendarSource source) {

    /**
     * Validates and copies the data.
     *
     * @throws InvalidInputException with {@link ErrorCode#MISSING_VALUE} if a set or one of its
     *     dates is null; with {@link ErrorCode#INVALID_VALUE} naming {@code year} if the year is
     *     out of range; with {@link ErrorCode#INVALID_DATE} naming the element (for example
     *     {@code restDays[3]}) if a date is in another year, is listed in both sets, or is an
     *     adjusted working day that is not a Saturday or a Sunday
     */
    public CalendarYear {
        if (year < Limits.CALENDAR_YEAR_MIN || year > Limits.CALENDAR_YEAR_MAX) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "year", year,
                    "must be between " + Limits.CALENDAR_YEAR_MIN + " and " + Limits.CALENDAR_YEAR_MAX);
        }
        restDays = copy(year, restDays, "restDays", null);
        adjustedWorkingDays = copy(year, adjustedWorkingDays, "adjustedWorkingDays", restDays);
        Checks.required(source, "source");
    }

    /**
     * Creates one year's data from any collections of dates (duplicates are merged), as a court's
     * own data given without a notice.
     *
     * @return the year, never null
     * @throws InvalidInputException as the canonical constructor does
     */
    public static CalendarYear of(int year, Collection<LocalDate> restDays,
            Collection<LocalDate> adjustedWorkingDays) {
        return of(year, restDays, adjustedWorkingDays, CalendarSource.given());
    }

    /**
     * Creates one year's data from any collections of dates (duplicates are merged).
     *
     * @return the year, never null
     * @throws InvalidInputException as the canonical constructor does
     */
    public static CalendarYear of(int year, Collection<LocalDate> restDays,
            Collection<LocalDate> adjustedWorkingDays, CalendarSource source) {
        // Checked here in the caller's order so that an index names the caller's entry; the
        // constructor checks the sorted copies again, which is cheap and cannot fail differently.
        SortedSet<LocalDate> restDaysCopy = copy(year, restDays, "restDays", null);
        return new CalendarYear(year, restDaysCopy,
                copy(year, adjustedWorkingDays, "adjustedWorkingDays", restDaysCopy), source);
    }

    /** Whether {@code other} rests and works on exactly the same days (whatever its source). */
    public boolean sameDaysAs(CalendarYear other) {
        return other != null && year == other.year && restDays.equals(other.restDays)
                && adjustedWorkingDays.equals(other.adjustedWorkingDays);
    }

    /** Whether {@code date}, a day of this year, is a working day under this year's data. */
    public boolean isWorkingDay(LocalDate date) {
        if (isAdjustedWorkingDay(date)) {
            return true;
        }
        return !isWeekend(date) && !isListedRestDay(date);
    }

    /**
     * The first day of this year whose working-day status differs in {@code other}, a year with
     * the same number; empty if they agree on every day.
     */
    public Optional<LocalDate> firstDifferentDay(CalendarYear other) {
        LocalDate end = LocalDate.of(year + 1, 1, 1);
        for (LocalDate date = LocalDate.of(year, 1, 1); date.isBefore(end); date = date.plusDays(1)) {
            if (isWorkingDay(date) != other.isWorkingDay(date)) {
                return Optional.of(date);
            }
        }
        return Optional.empty();
    }

    /** Whether the year is computed from the statutory holidays rather than published. */
    public boolean isProvisional() {
        return source.isProvisional();
    }

    /** Whether {@code date} is listed as a holiday rest day; false for a null date. */
    public boolean isListedRestDay(LocalDate date) {
        return date != null && restDays.contains(date);
    }

    /** Whether {@code date} is listed as an adjusted working day; false for a null date. */
    public boolean isAdjustedWorkingDay(LocalDate date) {
        return date != null && adjustedWorkingDays.contains(date);
    }

    /**
     * Copies {@code dates} into a naturally ordered, unmodifiable set, checking each one; when
     * {@code restDays} is not null the dates are adjusted working days and are checked against
     * the weekend rule and against {@code restDays}. The index in a field name is the position in
     * the caller's iteration order, so that an error points at the entry the caller wrote.
     */
    private static SortedSet<LocalDate> copy(int year, Collection<LocalDate> dates, String field,
            SortedSet<LocalDate> restDays) {
        Checks.required(dates, field);
        // Built empty, then filled: new TreeSet<>(SortedSet) would keep a foreign comparator.
        TreeSet<LocalDate> copy = new TreeSet<>();
        int index = 0;
        for (LocalDate date : dates) {
            String elementField = field + "[" + index + "]";
            Checks.required(date, elementField);
            if (date.getYear() != year) {
                throw new InvalidInputException(ErrorCode.INVALID_DATE, elementField, date,
                        "is in " + date.getYear() + ", not in " + year
                                + "; one CalendarYear holds the dates of its own year only");
            }
            if (restDays != null) {
                checkAdjustedWorkingDay(date, elementField, restDays);
            }
            copy.add(date);
            index++;
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static void checkAdjustedWorkingDay(LocalDate date, String field,
            SortedSet<LocalDate> restDays) {
        if (!isWeekend(date)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, field, date,
                    "is a " + dayName(date) + "; an adjusted working day (调休) must be a "
                            + "Saturday or a Sunday, because Monday to Friday are working "
                            + "days already");
        }
        if (restDays.contains(date)) {
            throw new InvalidInputException(ErrorCode.INVALID_DATE, field, date,
                    "is also listed in restDays; a day is either a rest day or an adjusted "
                            + "working day, not both");
        }
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static String dayName(LocalDate date) {
        String name = date.getDayOfWeek().name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
