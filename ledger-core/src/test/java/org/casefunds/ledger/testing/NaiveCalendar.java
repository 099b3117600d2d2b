package org.casefunds.ledger.testing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * China's 2025 and 2026 working days typed in again from docs/domain.md items 30–31, counted one day at
 * a time: the slow, obviously right reference the calendar and the payout clock are checked against.
 */
public final class NaiveCalendar {
    private static final Set<LocalDate> REST = new HashSet<>();
    private static final Set<LocalDate> WORK = new HashSet<>();

    static {
        rest("2025-01-01", "2025-01-01");
        rest("2025-01-28", "2025-02-04");
        rest("2025-04-04", "2025-04-06");
        rest("2025-05-01", "2025-05-05");
        rest("2025-05-31", "2025-06-02");
        rest("2025-10-01", "2025-10-08");
        for (String day : new String[] {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
            WORK.add(LocalDate.parse(day));
        }
        rest("2026-01-01", "2026-01-03");
        rest("2026-02-15", "2026-02-23");
        rest("2026-04-04", "2026-04-06");
        rest("2026-05-01", "2026-05-05");
        rest("2026-06-19", "2026-06-21");
        rest("2026-09-25", "2026-09-27");
        rest("2026-10-01", "2026-10-07");
    }

    private NaiveCalendar() {
    }

    private static void rest(String from, String to) {
        for (LocalDate day = LocalDate.parse(from); !day.isAfter(LocalDate.parse(to)); day = day.plusDays(1)) {
            REST.add(day);
        }
    }

    /** Whether {@code day} is a working day. */
    public static boolean working(LocalDate day) {
        if (WORK.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !REST.contains(day);
    }

    /** The {@code n}-th working day after {@code start}. */
    public static LocalDate plusWorkingDays(LocalDate start, int n) {
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (working(day)) {
                counted++;
            }
        }
        return day;
    }

    /** {@code n} calendar days after {@code start}, moved to the next working day if that is a rest day. */
    public static LocalDate plusCalendarDays(LocalDate start, int n) {
        LocalDate day = start.plusDays(n);
        while (!working(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
