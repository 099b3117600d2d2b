package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the demonstration court is a real ledger: it verifies, the same seed gives the same journal
 * to the last hash and another seed another one, it shows money in every state the dashboard
 * knows (overdue, unidentified, in transit), and it never clobbers a file by accident.
 *
 * <p>Method: the packaged jar builds small courts (300 cases, enough for every kind of event) on
 * temporary files; the test reads the printed hash, runs verify and reads double zero as JSON.
 */
class DemoIT {
    private static final Pattern HASH = Pattern.compile("last hash ([0-9a-f]{64})");

    @TempDir
    Path folder;

    private static String hash(CliProcess.Run run) {
        Matcher matcher = HASH.matcher(run.out());
        assertTrue(matcher.find(), run.out());
        return matcher.group(1);
    }

    @Test
    void theSameSeedGivesTheSameLedger() throws Exception {
        Path first = folder.resolve("first.db");
        Path second = folder.resolve("second.db");
        Path other = folder.resolve("other.db");
        String one = hash(CliProcess.run("demo", "--db", first.toString(), "--cases", "300", "--seed", "7").expect(0));
        String two = hash(CliProcess.run("demo", "--db", second.toString(), "--cases", "300", "--seed", "7").expect(0));
        String three = hash(CliProcess.run("demo", "--db", other.toString(), "--cases", "300", "--seed", "8")
                .expect(0));
        assertEquals(one, two, "same seed, same ledger");
        assertNotEquals(one, three, "another seed, another ledger");
        assertFalse(Files.exists(folder.resolve("first.db.building")), "the building file is moved into place");

        CliProcess.run("verify", "--db", first.toString()).expect(0).printed("The ledger verifies.");
        JsonNode dashboard = Json.MAPPER.readTree(CliProcess.run("double-zero", "--db", first.toString(), "--as-of",
                "2025-12-31", "--json").expect(0).out());
        JsonNode figures = dashboard.get("doubleZero").get("currencies").get(0);
        // The year ends with some money waiting in every state the dashboard shows.
        assertFalse(dashboard.get("doubleZero").get("strict").asBoolean(), dashboard.toString());
        assertTrue(figures.get("overdueLots").asInt() > 0, figures.toString());
        assertTrue(figures.get("unidentifiedReceipts").asInt() > 0, figures.toString());
        assertTrue(dashboard.get("list").size() > 0, "the three-colour list has lines");
        // In the middle of the year the court is not far from double zero: most money is paid in time.
        JsonNode midyear = Json.MAPPER.readTree(CliProcess.run("double-zero", "--db", first.toString(), "--as-of",
                "2025-06-30", "--json").expect(0).out()).get("doubleZero").get("currencies").get(0);
        assertTrue(midyear.get("overdueLots").asInt() < 20, midyear.toString());
    }

    @Test
    void anExistingFileIsKeptUnlessReplaced() throws Exception {
        Path file = folder.resolve("court.db");
        Files.writeString(file, "not a ledger");
        CliProcess.run("demo", "--db", file.toString(), "--cases", "50").expect(2).complained("--replace");
        assertEquals("not a ledger", Files.readString(file));
        CliProcess.run("demo", "--db", file.toString(), "--cases", "50", "--replace").expect(0);
        CliProcess.run("verify", "--db", file.toString()).expect(0);
    }
}
