package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.impl.CalendarAstronomer;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.VersionInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped table of festival dates ({@code china-festivals.txt}) is exactly what ICU4J
 * computes: the lunar dates from its Chinese calendar, Qingming from its solar longitude, both in
 * China's time zone, but for the near-midnight cases it names.
 */
class LunarDatesTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The Chinese calendar's extended year of the lunar year that begins in Gregorian year 0. */
    private static final int EXTENDED_YEAR_OFFSET = 2637;
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588;

    /**
     * Where ICU4J's approximation lands a day off because the new moon or the solar term falls
     * within minutes of midnight in Beijing; the table keeps the almanac's date, which the second
     * source (ChinaCalendarCrossCheckTest) confirms. Each entry: year, festival, ICU4J's date.
     */
    private static final Map<String, LocalDate> ICU_NEAR_MIDNIGHT = Map.of(
            "2027 springFestival", LocalDate.of(2027, 2, 7),
            "2030 springFestival", LocalDate.of(2030, 2, 2),
            "2071 qingming", LocalDate.of(2071, 4, 4),
            "2100 qingming", LocalDate.of(2100, 4, 5));

    @Test
    void everyYearOfTheTableIsWhatIcuComputesButTheNamedNearMidnightCases() {
        Set<String> deviations = new TreeSet<>();
        int compared = 0;
        for (int year = LunarDates.FIRST_YEAR; year <= LunarDates.LAST_YEAR; year++) {
            LunarDates.Festivals computed = computed(year);
            LunarDates.Festivals shipped = LunarDates.of(year);
            compared += compare(year, "springFestival", computed.springFestival(), shipped.springFestival(), deviations);
            compared += compare(year, "qingming", computed.qingming(), shipped.qingming(), deviations);
            compared += compare(year, "dragonBoat", computed.dragonBoat(), shipped.dragonBoat(), deviations);
            compared += compare(year, "midAutumn", computed.midAutumn(), shipped.midAutumn(), deviations);
        }
        assertEquals(new TreeSet<>(ICU_NEAR_MIDNIGHT.keySet()), deviations,
                "the table differs from ICU4J exactly where a near-midnight case is named");
        System.out.println("LunarDatesTest: " + compared + " festival dates of " + (LunarDates.LAST_YEAR
                - LunarDates.FIRST_YEAR + 1) + " years compared with ICU4J " + VersionInfo.ICU_VERSION + "; "
                + deviations.size() + " near-midnight cases keep the almanac's date");
    }

    private static int compare(int year, String festival, LocalDate icu, LocalDate shipped, Set<String> deviations) {
        String key = year + " " + festival;
        if (!icu.equals(shipped)) {
            deviations.add(key);
            assertEquals(ICU_NEAR_MIDNIGHT.get(key), icu, "ICU4J's date of " + key);
            assertEquals(1, Math.abs(icu.toEpochDay() - shipped.toEpochDay()), key + " is a day off, no more");
        }
        return 1;
    }

    @Test
    void knownDatesComeOut() {
        LunarDates.Festivals y2024 = LunarDates.of(2024);
        assertEquals(LocalDate.of(2024, 2, 10), y2024.springFestival());
        assertEquals(LocalDate.of(2024, 4, 4), y2024.qingming());
        assertEquals(LocalDate.of(2024, 6, 10), y2024.dragonBoat());
        assertEquals(LocalDate.of(2024, 9, 17), y2024.midAutumn());
        assertEquals(LocalDate.of(2027, 2, 6), LunarDates.of(2027).springFestival());
        assertEquals(LocalDate.of(2030, 2, 3), LunarDates.of(2030).springFestival());
    }

    static LunarDates.Festivals computed(int year) {
        return new LunarDates.Festivals(year, lunar(year, 0, 1), qingming(year), lunar(year, 4, 5), lunar(year, 7, 15));
    }

    /** The Gregorian date of {@code day} of lunar month {@code month} (0-based, not leap) of the lunar year begun in {@code year}. */
    private static LocalDate lunar(int year, int month, int day) {
        ChineseCalendar calendar = new ChineseCalendar(TimeZone.getTimeZone("Asia/Shanghai"));
        calendar.clear();
        calendar.set(ChineseCalendar.EXTENDED_YEAR, year + EXTENDED_YEAR_OFFSET);
        calendar.set(ChineseCalendar.MONTH, month);
        calendar.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        calendar.set(ChineseCalendar.DAY_OF_MONTH, day);
        return LocalDate.ofEpochDay(calendar.get(ChineseCalendar.JULIAN_DAY) - JULIAN_DAY_OF_EPOCH);
    }

    /** The day, in China, when the sun reaches 15° of ecliptic longitude (清明). */
    private static LocalDate qingming(int year) {
        long march20 = LocalDate.of(year, 3, 20).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        CalendarAstronomer astronomer = new CalendarAstronomer(march20);
        long instant = astronomer.getSunTime(Math.toRadians(15), true);
        return Instant.ofEpochMilli(instant).atZone(CHINA).toLocalDate();
    }
}
