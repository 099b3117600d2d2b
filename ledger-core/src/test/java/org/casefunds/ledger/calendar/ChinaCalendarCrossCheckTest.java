package org.casefunds.ledger.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped calendar against a second, separately maintained data set: the {@code chinese-days}
 * package from the npm registry, which {@code .ci/run} installs under {@code .ci/cache}. Every day
 * of every official year is compared (working day or not), and every festival date of the lunar
 * table. Without Node.js or the package the test is skipped with a message, except under CI
 * ({@code CI=true}), where it fails: CI never skips the cross-check.
 */
class ChinaCalendarCrossCheckTest {
    /** Where {@code .ci/run} installs the package; {@code CASEFUNDS_CHINESE_DAYS} overrides it. */
    private static final String PACKAGE = ".ci/cache/node_modules/chinese-days";
    private static final int FIRST_OFFICIAL = 2008;
    private static final int LAST_OFFICIAL = 2026;

    private static JsonNode other;

    @BeforeAll
    static void readTheOtherDataSet() throws IOException, InterruptedException {
        Path folder = packageFolder();
        Path node = onPath("node");
        String missing = node == null ? "Node.js (node) is not on the PATH"
                : !Files.isDirectory(folder) ? "the chinese-days package is not installed at " + folder : null;
        if (missing != null) {
            String message = missing + ": the calendar cross-check is skipped (.ci/run installs it: "
                    + "npm install --prefix .ci/cache chinese-days)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message.replace("is skipped", "cannot run, and CI never skips it"));
            }
            Assumptions.abort(message);
        }
        Path script = Files.createTempFile("chinese-days-dump", ".js");
        try (InputStream in = ChinaCalendarCrossCheckTest.class.getResourceAsStream("chinese-days-dump.js")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Process process = new ProcessBuilder(node.toString(), script.toString(), folder.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node finished");
            assertEquals(0, process.exitValue(), "node's exit code");
            other = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Path packageFolder() {
        String given = System.getenv("CASEFUNDS_CHINESE_DAYS");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        // Surefire runs in the module's folder; the package is under the project's root.
        Path here = Path.of("").toAbsolutePath();
        return (Files.isDirectory(here.resolve(".ci")) ? here : here.getParent()).resolve(PACKAGE);
    }

    private static Path onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return Path.of(folder, program);
            }
        }
        return null;
    }

    private static Set<LocalDate> dates(String field) {
        Set<LocalDate> dates = new HashSet<>();
        other.get(field).forEach(text -> dates.add(LocalDate.parse(text.asText())));
        return dates;
    }

    @Test
    void everyDayOfEveryOfficialYearAgrees() {
        WorkingDayCalendar shipped = WorkingDayCalendar.china();
        Set<LocalDate> rest = dates("holidays");
        Set<LocalDate> work = dates("workdays");
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (LocalDate day = LocalDate.of(FIRST_OFFICIAL, 1, 1); day.getYear() <= LAST_OFFICIAL; day = day.plusDays(1)) {
            boolean weekend = CalendarYear.isWeekend(day);
            boolean theirs = work.contains(day) || (!weekend && !rest.contains(day));
            if (shipped.isWorkingDay(day) != theirs) {
                differences.add(day + " (ours " + (shipped.isWorkingDay(day) ? "working" : "rest") + ")");
            }
            compared++;
        }
        System.out.println("ChinaCalendarCrossCheckTest: " + compared + " days of " + FIRST_OFFICIAL + "–"
                + LAST_OFFICIAL + " compared with chinese-days; " + differences.size() + " differ");
        assertEquals(List.of(), differences);
    }

    @Test
    void everyFestivalOfTheLunarTableAgrees() {
        int compared = 0;
        for (int year = LunarDates.FIRST_YEAR; year <= LunarDates.LAST_YEAR; year++) {
            JsonNode theirs = other.get("festivals").get(Integer.toString(year));
            LunarDates.Festivals ours = LunarDates.of(year);
            assertEquals(LocalDate.parse(theirs.get("springFestival").asText()), ours.springFestival(), year + " 春节");
            assertEquals(LocalDate.parse(theirs.get("qingming").asText()), ours.qingming(), year + " 清明");
            assertEquals(LocalDate.parse(theirs.get("dragonBoat").asText()), ours.dragonBoat(), year + " 端午");
            assertEquals(LocalDate.parse(theirs.get("midAutumn").asText()), ours.midAutumn(), year + " 中秋");
            compared += 4;
        }
        System.out.println("ChinaCalendarCrossCheckTest: " + compared + " festival dates of " + LunarDates.FIRST_YEAR
                + "–" + LunarDates.LAST_YEAR + " compared with chinese-days");
    }
}
