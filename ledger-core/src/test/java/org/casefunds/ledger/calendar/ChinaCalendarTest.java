package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The calendar the library ships: the State Council's schedules 2008–2026 and the provisional
 * years after them. Method: deadlines counted by hand on a paper calendar (each count in a comment
 * beside its assertion), the statutory holidays of every official year found by the provisional
 * computation, and the sources each year names.
 */
class ChinaCalendarTest {
    private static final WorkingDayCalendar CHINA = WorkingDayCalendar.china();

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void theSpringFestivalOf2024WithAWorkingFridayBeforeItAndTwoAdjustedSundays() {
        // Fri 2024-02-02 + 10: Sun 02-04 (adjusted) 1, Mon 02-05 2, Tue 3, Wed 4, Thu 5, Fri 02-09 6;
        // 02-10..02-17 rest; Sun 02-18 (adjusted) 7, Mon 02-19 8, Tue 02-20 9, Wed 02-21 10.
        assertEquals(date("2024-02-21"), CHINA.plusWorkingDays(date("2024-02-02"), 10));
        assertTrue(CHINA.isWorkingDay(date("2024-02-04")));
        assertTrue(CHINA.isWorkingDay(date("2024-02-18")));
        assertTrue(CHINA.isWorkingDay(date("2024-02-09")));
        assertFalse(CHINA.countsThroughProvisional(date("2024-02-02"), date("2024-02-21")));
    }

    @Test
    void the2020ExtensionOfTheSpringFestivalMovesDeadlines() {
        // Thu 2020-01-23 + 10 with the extension (rest 01-24..02-02, Sat 02-01 no longer worked):
        // Mon 02-03 1 .. Fri 02-07 5, Mon 02-10 6 .. Fri 02-14 10.
        assertEquals(date("2020-02-14"), CHINA.plusWorkingDays(date("2020-01-23"), 10));
        assertFalse(CHINA.isWorkingDay(date("2020-02-01")));
        assertTrue(CHINA.isWorkingDay(date("2020-01-19")));
        assertEquals(2, CHINA.source(2020).orElseThrow().documents().size());
        assertEquals(Optional.of("国办发明电〔2020〕1号"), CHINA.source(2020).orElseThrow().documents().get(1).number());
    }

    @Test
    void aYearEndIntoTheProvisionalYear2027() {
        // Mon 2026-12-21 + 10: Tue 12-22 1, Wed 2, Thu 3, Fri 12-25 4, Mon 12-28 5, Tue 6, Wed 7,
        // Thu 12-31 8; Fri 2027-01-01 New Year's Day (provisional); Mon 01-04 9, Tue 01-05 10.
        assertEquals(date("2027-01-05"), CHINA.plusWorkingDays(date("2026-12-21"), 10));
        assertTrue(CHINA.countsThroughProvisional(date("2026-12-21"), date("2027-01-05")));
        assertFalse(CHINA.countsThroughProvisional(date("2026-12-01"), date("2026-12-15")));
        assertTrue(CHINA.provisionalYears().contains(2027));
        assertFalse(CHINA.provisionalYears().contains(2026));
        assertEquals(CalendarSource.Kind.OFFICIAL, CHINA.source(2026).orElseThrow().kind());
        assertTrue(CHINA.source(2027).orElseThrow().isProvisional());
    }

    @Test
    void theProvisional2027RestsOnTheStatutoryHolidaysAndTheirMakeUpDays() {
        CalendarYear year = CHINA.year(2027).orElseThrow();
        // Spring Festival: Sat 2027-02-06 is the first lunar day; the eve Fri 02-05 to Mon 02-08,
        // and Sat 02-06 and Sun 02-07 are made up on Tue 02-09 and Wed 02-10.
        for (String day : List.of("2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
                "2027-04-05", "2027-05-03", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04",
                "2027-10-05")) {
            assertTrue(year.isListedRestDay(date(day)), day + " is a rest day");
        }
        // Labour Day Sat 05-01, Sun 05-02: made up on Mon 05-03 and Tue 05-04.
        assertTrue(year.isListedRestDay(date("2027-05-04")));
        assertTrue(year.adjustedWorkingDays().isEmpty());
        assertTrue(CHINA.isWorkingDay(date("2027-02-11")));
    }

    @Test
    void theProvisionalComputationFindsEveryStatutoryHolidayOfEveryOfficialYear() {
        int found = 0;
        List<String> missed = new ArrayList<>();
        for (int year = 2008; year <= 2026; year++) {
            CalendarYear official = CHINA.year(year).orElseThrow();
            assertEquals(CalendarSource.Kind.OFFICIAL, official.source().kind(), "source of " + year);
            for (StatutoryHolidays.Holiday holiday : StatutoryHolidays.holidays(year)) {
                if (official.isListedRestDay(holiday.festivalDay())) {
                    found++;
                } else {
                    missed.add(year + " " + holiday.name() + " " + holiday.festivalDay());
                }
            }
        }
        assertEquals(List.of(), missed);
        assertEquals(19 * 7, found);
    }

    @Test
    void underThe2024RulesEveryProvisionalRestDayIsAnOfficialRestDay() {
        for (int year = StatutoryHolidays.REVISION_2024_FROM; year <= 2026; year++) {
            CalendarYear official = CHINA.year(year).orElseThrow();
            for (LocalDate day : StatutoryHolidays.provisionalYear(year).restDays()) {
                assertTrue(official.isListedRestDay(day), day + " rests in the official " + year);
            }
        }
    }

    @Test
    void everyOfficialYearCitesItsNotice() {
        for (int year = 2008; year <= 2026; year++) {
            CalendarSource source = CHINA.source(year).orElseThrow();
            assertFalse(source.documents().isEmpty(), "notices of " + year);
            assertTrue(source.documents().get(0).title().contains(year + "年"), source.describe());
        }
        assertEquals(2008, CHINA.firstDate().getYear());
        assertEquals(LunarDates.LAST_YEAR, CHINA.lastDate().getYear());
    }

    @Test
    void adoptingTheOfficialScheduleReplacesTheProvisionalYear() {
        CalendarYear official2027 = CalendarYear.of(2027, List.of(date("2027-01-01"), date("2027-01-02")),
                List.of(), CalendarSource.official(List.of(CalendarSource.Document.of(date("2026-11-20"),
                        "国办发明电〔2026〕1号", "国务院办公厅关于2027年部分节假日安排的通知"))));
        WorkingDayCalendar adopted = CHINA.withYears(List.of(official2027));
        assertFalse(adopted.provisionalYears().contains(2027));
        assertTrue(adopted.provisionalYears().contains(2028));
        assertFalse(adopted.countsThroughProvisional(date("2026-12-21"), date("2027-01-05")));
    }
}
