package org.casefunds.ledger.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;

/**
 * The statutory holidays of the Measures on National Holidays and Memorial Days
 * (全国年节及纪念日放假办法) as revised in 2024 and in force from 2025, and the provisional
 * calendar computed from them for a year whose schedule the State Council has not yet published.
 *
 * <p>The holidays every citizen has: New Year's Day (1 day, January 1); the Spring Festival
 * (4 days, from Lunar New Year's Eve to the third day of the first lunar month); Qingming (1 day,
 * the day of the solar term); Labour Day (2 days, May 1 and 2); the Dragon Boat Festival (1 day,
 * the fifth day of the fifth lunar month); the Mid-Autumn Festival (1 day, the fifteenth day of the
 * eighth lunar month); National Day (3 days, October 1 to 3).
 *
 * <p>A provisional year rests on those days and on weekends and has no adjusted working days
 * (调休), because adjustments are what each year's notice decides. It does keep the Measures' own
 * rule that a holiday falling on a Saturday or a Sunday is made up on a working day (补假): each
 * such day, and each day two holidays share, gives the next Monday-to-Friday after its holiday
 * that is not already a rest day. That is our reading of the rule; the official notice then
 * usually moves days around it.
 *
 * <p>The lunar dates and the solar term come from {@link LunarDates}, a table computed with ICU4J
 * and shipped with the library (see {@code docs/calendar.md}).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class StatutoryHolidays {
    /** The first year the 2024 revision governs. */
    public static final int REVISION_2024_FROM = 2025;

    private StatutoryHolidays() {
    }

    /**
     * One statutory holiday of a year.
     *
     * @param name its name, such as {@code 春节}
     * @param days its days, in order
     */
    public record Holiday(String name, List<LocalDate> days) {
        /** Copies the days. */
        public Holiday {
            Checks.requiredText(name, "name", 20);
            days = List.copyOf(days);
        }

        /** The holiday's own first day: January 1, the first day of the lunar year, and so on. */
        public LocalDate festivalDay() {
            return name.equals(SPRING_FESTIVAL) ? days.get(1) : days.get(0);
        }
    }

    static final String SPRING_FESTIVAL = "春节";

    /**
     * The statutory holidays of {@code year} under the 2024 revision, in date order.
     *
     * @throws InvalidInputException naming {@code year} if the lunar table does not reach it
     */
    public static List<Holiday> holidays(int year) {
        LunarDates.Festivals lunar = LunarDates.of(year);
        List<Holiday> holidays = new ArrayList<>();
        holidays.add(new Holiday("元旦", days(LocalDate.of(year, 1, 1), 1)));
        holidays.add(new Holiday(SPRING_FESTIVAL, days(lunar.springFestival().minusDays(1), 4)));
        holidays.add(new Holiday("清明节", days(lunar.qingming(), 1)));
        holidays.add(new Holiday("劳动节", days(LocalDate.of(year, 5, 1), 2)));
        holidays.add(new Holiday("端午节", days(lunar.dragonBoat(), 1)));
        holidays.add(new Holiday("中秋节", days(lunar.midAutumn(), 1)));
        holidays.add(new Holiday("国庆节", days(LocalDate.of(year, 10, 1), 3)));
        holidays.sort(Comparator.comparing(holiday -> holiday.days().get(0)));
        return List.copyOf(holidays);
    }

    /**
     * The provisional calendar of {@code year}: the statutory holidays and their make-up days,
     * weekends, no adjusted working days, marked {@link CalendarSource.Kind#PROVISIONAL}.
     *
     * @throws InvalidInputException naming {@code year} if the lunar table does not reach it
     */
    public static CalendarYear provisionalYear(int year) {
        SortedSet<LocalDate> rest = new TreeSet<>();
        for (Holiday holiday : holidays(year)) {
            int madeUp = 0;
            for (LocalDate day : holiday.days()) {
                boolean lost = CalendarYear.isWeekend(day) || !rest.add(day);
                if (lost) {
                    madeUp++;
                }
            }
            LocalDate candidate = holiday.days().get(holiday.days().size() - 1).plusDays(1);
            while (madeUp > 0 && candidate.getYear() == year) {
                if (!CalendarYear.isWeekend(candidate) && rest.add(candidate)) {
                    madeUp--;
                }
                candidate = candidate.plusDays(1);
            }
        }
        return new CalendarYear(year, rest, new TreeSet<>(), CalendarSource.provisional());
    }

    private static List<LocalDate> days(LocalDate first, int count) {
        List<LocalDate> days = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            days.add(first.plusDays(i));
        }
        return days;
    }

    static InvalidInputException beyondTable(int year) {
        return new InvalidInputException(ErrorCode.INVALID_DATE, "year", year,
                "the lunar dates shipped with the library cover " + LunarDates.FIRST_YEAR + "–" + LunarDates.LAST_YEAR
                        + "; adopt the year's schedule (casefunds calendar adopt) to use dates in it");
    }
}
