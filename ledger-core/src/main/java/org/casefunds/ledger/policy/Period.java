package org.casefunds.ledger.policy;

import java.time.LocalDate;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.calendar.WorkingDayCalendar;

/**
 * A length of time the rules count in: working days (the current requirement) or calendar days
 * (the SPC 2017 rules). A period starts the day after its start date (Civil Procedure Law art. 85);
 * a calendar-day period that ends on a rest day ends on the next working day.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param length the number of days, 0..366
 * @param unit working or calendar days
 */
public record Period(int length, Unit unit) {

    /** How a period counts. */
    public enum Unit {
        WORKING_DAYS,
        CALENDAR_DAYS
    }

    /** Checks the values. */
    public Period {
        Checks.required(unit, "unit");
        Checks.argument(length >= 0 && length <= Limits.PERIOD_DAYS_MAX, "length", length,
                "must be between 0 and " + Limits.PERIOD_DAYS_MAX + " days");
    }

    /** {@code n} working days. */
    public static Period workingDays(int n) {
        return new Period(n, Unit.WORKING_DAYS);
    }

    /** {@code n} calendar days. */
    public static Period calendarDays(int n) {
        return new Period(n, Unit.CALENDAR_DAYS);
    }

    /**
     * The last day of the period starting after {@code start}, on {@code calendar}.
     *
     * @throws org.casefunds.ledger.base.InvalidInputException if the calendar has no data for the dates
     */
    public LocalDate endAfter(LocalDate start, WorkingDayCalendar calendar, String field) {
        if (unit == Unit.WORKING_DAYS) {
            return calendar.plusWorkingDays(start, length, field);
        }
        return calendar.plusCalendarDays(start, length, field);
    }

    @Override
    public String toString() {
        return length + (unit == Unit.WORKING_DAYS ? " working days" : " calendar days");
    }
}
