package org.casefunds.ledger.calendar;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The festival dates the lunar calendar and the solar terms decide, for each year from
 * {@value #FIRST_YEAR} to {@value #LAST_YEAR}: the first day of the lunar year (春节), the day of
 * the Qingming solar term, the Dragon Boat Festival (the fifth day of the fifth lunar month) and
 * the Mid-Autumn Festival (the fifteenth day of the eighth), in China's time zone.
 *
 * <p>The dates are a table shipped with the library ({@code china-festivals.txt}), computed with
 * ICU4J's Chinese calendar and its solar-longitude computation; a test in this module computes
 * every year again with ICU4J and compares, so the core keeps Joda-Money as its only dependency
 * and no lunar arithmetic is written here.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class LunarDates {
    /** The first year of the table. */
    public static final int FIRST_YEAR = 2008;
    /** The last year of the table. */
    public static final int LAST_YEAR = 2100;
    /** The table's resource name, beside this class. */
    static final String RESOURCE = "china-festivals.txt";

    private LunarDates() {
    }

    /**
     * The movable festival dates of one Gregorian year.
     *
     * @param year the year
     * @param springFestival the first day of the first lunar month; New Year's Eve is the day before
     * @param qingming the day the sun reaches 15° of longitude
     * @param dragonBoat the fifth day of the fifth lunar month
     * @param midAutumn the fifteenth day of the eighth lunar month
     */
    public record Festivals(int year, LocalDate springFestival, LocalDate qingming, LocalDate dragonBoat,
            LocalDate midAutumn) {
    }

    /**
     * The festivals of {@code year}.
     *
     * @throws org.casefunds.ledger.base.InvalidInputException naming {@code year} outside the table
     */
    public static Festivals of(int year) {
        Festivals festivals = Table.FESTIVALS.get(year);
        if (festivals == null) {
            throw StatutoryHolidays.beyondTable(year);
        }
        return festivals;
    }

    /** Read on first use. */
    private static final class Table {
        static final Map<Integer, Festivals> FESTIVALS = read();

        private Table() {
        }

        private static Map<Integer, Festivals> read() {
            DataFile file = DataFile.read(RESOURCE);
            Map<Integer, Festivals> byYear = new TreeMap<>();
            for (DataFile.Line line : file.lines()) {
                String[] words = line.words();
                if (words.length != 5) {
                    throw file.broken(line, "a line is: year springFestival qingming dragonBoat midAutumn");
                }
                int year;
                try {
                    year = Integer.parseInt(words[0]);
                } catch (NumberFormatException e) {
                    throw file.broken(line, "'" + words[0] + "' is not a year");
                }
                Festivals festivals = new Festivals(year, file.date(line, words[1]), file.date(line, words[2]),
                        file.date(line, words[3]), file.date(line, words[4]));
                for (LocalDate date : new LocalDate[] {festivals.springFestival(), festivals.qingming(),
                        festivals.dragonBoat(), festivals.midAutumn()}) {
                    if (date.getYear() != year) {
                        throw file.broken(line, date + " is not in " + year);
                    }
                }
                if (byYear.put(year, festivals) != null) {
                    throw file.broken(line, year + " is listed twice");
                }
            }
            if (byYear.size() != LAST_YEAR - FIRST_YEAR + 1 || !byYear.containsKey(FIRST_YEAR)
                    || !byYear.containsKey(LAST_YEAR)) {
                throw new IllegalStateException("the library's data file " + RESOURCE + " does not hold every year "
                        + FIRST_YEAR + "–" + LAST_YEAR + "; the jar is damaged");
            }
            return Map.copyOf(byYear);
        }
    }
}
