package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the court's timeline from the command line: a deadline in next year is provisional, not an
 * error; a ledger opened in 2020 with 2020 money reports double zero for any date; a court adopts
 * next year's schedule and a policy, and every report names what it used; bad adoptions are refused
 * naming the field and value, with the journal unchanged.
 *
 * <p>Method: the packaged jar runs as a process on temporary files; the test reads its tables,
 * its {@code --json} and its exit codes.
 */
class TimelineIT {
    @TempDir
    Path folder;

    private Path write(String name, String... lines) throws IOException {
        return CliProcess.write(folder, name, lines);
    }

    private static String openCase(String date, String year) {
        return LedgerFileIT.OPEN_CASE.replace("2025-03-03", date).replace("(2025)", "(" + year + ")");
    }

    private Path ledger(String openedOn, String caseYear, String receiptDate) throws IOException {
        Path db = folder.resolve("court-" + openedOn + ".db");
        CliProcess.init("--db", db.toString(), "--court", "京02", "--bank-account", "110060001",
                "--opened-on", openedOn).expect(0);
        Path commands = write("commands-" + openedOn + ".jsonl", openCase(openedOn, caseYear),
                LedgerFileIT.receipt("SN1", "65000.00", receiptDate));
        CliProcess.run("apply", "--db", db.toString(), commands.toString()).expect(0);
        return db;
    }

    @Test
    void aReceiptOf2026_12_04IsOverdueOnAProvisionalDeadlineIn2027() throws IOException {
        // Money is never dated after the day it is entered, so the receipt is early in December, and a
        // court rule of 20 working days carries its deadline into 2027, a year not yet published.
        Path db = folder.resolve("court-2026.db");
        CliProcess.init("--db", db.toString(), "--court", "京02", "--bank-account", "110060001",
                "--opened-on", "2026-12-01").expect(0);
        Path rule = write("twenty.json", "{\"noticeDeadline\": \"20 working days\"}");
        CliProcess.run("policy", "adopt", "--actor", "fin.li", rule.toString(), "--from", "2026-12-01", "--db",
                db.toString(), "--approver", "leader.wu", "--reason", "院党组决定").expect(0);
        Path commands = write("commands-2026.jsonl", openCase("2026-12-01", "2026"),
                LedgerFileIT.receipt("SN1", "65000.00", "2026-12-04"));
        CliProcess.run("apply", "--db", db.toString(), commands.toString()).expect(0);
        // Fri 2026-12-04 + 20: 12-07..12-11 5, 12-14..12-18 10, 12-21..12-25 15, 12-28..12-31 19;
        // provisional 2027: Fri 01-01 rest only, so Mon 01-04 20.
        JsonNode report = Json.MAPPER.readTree(CliProcess.run("double-zero", "--db", db.toString(), "--as-of",
                "2027-01-06", "--json").expect(0).out());
        JsonNode line = report.get("list").get(0).get("status");
        assertEquals("2027-01-04", line.get("deadline").asText());
        assertEquals("OVERDUE", line.get("state").asText());
        assertTrue(line.get("provisional").asBoolean());
        JsonNode figures = report.get("doubleZero").get("currencies").get(0);
        assertEquals("65000.00", figures.get("overdueProvisionalAmount").get("amount").asText());
        assertEquals(2027, report.get("doubleZero").get("rules").get("provisionalYears").get(0).asInt());
        CliProcess.run("double-zero", "--db", db.toString(), "--as-of", "2027-01-06", "--lang", "en").expect(0)
                .printed("2027-01-04").printed("provisional").printed("Provisional: deadlines counted through [2027]")
                .printed("calendar adopt");
        CliProcess.run("report", "weekly", "--db", db.toString(), "--from", "2026-12-28", "--to", "2027-01-03")
                .expect(0);
        CliProcess.run("calendar", "check", "--db", db.toString(), "--as-of", "2026-12-22").expect(0)
                .printed("1 open amount(s)").printed("2027-01-04");

        // The official schedule is published: the court adopts it, and the deadline is counted on it.
        Path notice = write("2027.json", "{\"years\": [{\"year\": 2027, \"kind\": \"OFFICIAL\", \"documents\": [{\"number\":"
                + " \"国办发明电〔2026〕99号\", \"date\": \"2026-11-20\", \"title\": \"国务院办公厅关于2027年部分节假日安排的通知\"}],"
                + " \"restDays\": [\"2027-01-01..2027-01-04\"], \"adjustedWorkingDays\": [\"2027-01-09\"]}]}");
        CliProcess.run("calendar", "adopt", "--actor", "fin.li", notice.toString(), "--db", db.toString(), "--approver", "dir.zhou",
                "--on", "2026-12-22").expect(0).printed("2027 adopted as event");
        CliProcess.run("calendar", "show", "2027", "--db", db.toString()).expect(0)
                .printed("official: 国办发明电〔2026〕99号");
        // 19 working days through 12-31, as before; 01-01..01-04 rest; Tue 01-05 20.
        JsonNode after = Json.MAPPER.readTree(CliProcess.run("double-zero", "--db", db.toString(), "--as-of",
                "2027-01-06", "--json").expect(0).out());
        assertEquals("2027-01-05", after.get("list").get(0).get("status").get("deadline").asText());
        assertTrue(!after.get("list").get(0).get("status").get("provisional").asBoolean());
        CliProcess.run("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
    }

    @Test
    void aReceiptOfFriday2024_02_02IsDueOn2024_02_21() throws IOException {
        Path db = ledger("2024-01-02", "2024", "2024-02-02");
        // Fri 02-02 + 10: Sun 02-04 (adjusted) 1, Mon 02-05 .. Fri 02-09 6; 02-10..02-17 Spring Festival;
        // Sun 02-18 (adjusted) 7, Mon 02-19 8, Tue 02-20 9, Wed 02-21 10.
        JsonNode report = Json.MAPPER.readTree(CliProcess.run("double-zero", "--db", db.toString(), "--as-of",
                "2024-02-19", "--json").expect(0).out());
        assertEquals("2024-02-21", report.get("list").get(0).get("status").get("deadline").asText());
        assertTrue(!report.get("list").get(0).get("status").get("provisional").asBoolean());
    }

    @Test
    void aLedgerOpenedIn2020WithItsMoneyReportsDoubleZeroForAnyDate() throws IOException {
        Path db = ledger("2020-01-06", "2020", "2020-03-02");
        for (String date : new String[] {"2020-01-06", "2020-03-02", "2020-12-31", "2025-03-31", "2026-12-06",
            "2027-06-30"}) {
            CliProcess.run("double-zero", "--db", db.toString(), "--as-of", date).expect(0).printed("双清零：严格口径");
        }
        // Mon 2020-03-02 + 10 on the 2020 calendar: 03-16.
        CliProcess.run("double-zero", "--db", db.toString(), "--as-of", "2020-03-17").expect(0)
                .printed("2020-03-16");
        CliProcess.run("report", "old-balances", "--db", db.toString(), "--as-of", "2025-03-31").expect(0)
                .printed("2020-03-02");
    }

    @Test
    void aPolicyIsAdoptedFromADateAndTheReportsNameIt() throws IOException {
        Path db = ledger("2025-03-03", "2025", "2025-03-03");
        CliProcess.run("policy", "adopt", "--actor", "fin.li", "SPC 2017", "--from", "2025-03-03", "--db", db.toString(), "--approver",
                "leader.wu", "--reason", "院党组决定").expect(0).printed("SPC 2017 adopted from 2025-03-03");
        CliProcess.run("policy", "show", "--db", db.toString(), "--as-of", "2025-03-31").expect(0)
                .printed("SPC 2017, adopted from 2025-03-03");
        // Under SPC 2017 the money is due 30 calendar days after 03-03: Wed 04-02, near its deadline on 03-31;
        // under 10+5 it was due Mon 03-17 and is overdue.
        CliProcess.run("double-zero", "--db", db.toString(), "--as-of", "2025-03-31", "--lang", "en").expect(0)
                .printed("strict YES").printed("Policy: SPC 2017, adopted from 2025-03-03").printed("2025-04-02");
        CliProcess.run("double-zero", "--db", db.toString(), "--as-of", "2025-03-31", "--policy", "10+5 working days",
                "--lang", "en").expect(0).printed("strict no").printed("what if").printed("2025-03-17");
        // A command is never decided under a "what if".
        CliProcess.run("apply", "--db", db.toString(), "--policy", "SPC 2017", write("none.jsonl", "").toString())
                .expect(2).complained("--policy SPC 2017").complained("policy adopt");
        JsonNode whatIf = Json.MAPPER.readTree(CliProcess.run("report", "unidentified", "--db", db.toString(),
                "--as-of", "2025-03-31", "--policy", "10+5 working days", "--json").expect(0).out());
        assertTrue(whatIf.get("rules").get("whatIf").asBoolean(), whatIf.toString());
    }

    @Test
    void badAdoptionsAreRefusedNamingTheFieldAndChangeNothing() throws IOException {
        Path db = ledger("2025-03-03", "2025", "2025-03-03");
        CliProcess.run("policy", "adopt", "--actor", "fin.li", "SPC 2018", "--from", "2025-03-04", "--db", db.toString(), "--approver",
                "leader.wu").expect(2).complained("'SPC 2018'").complained("is not a preset");
        CliProcess.run("policy", "adopt", "--actor", "fin.li", "SPC 2017", "--from", "2025-01-01", "--db", db.toString(), "--approver",
                "leader.wu").expect(2).complained("effectiveDate").complained("2025-01-01");
        Path both = write("both.json", "{\"years\": [{\"year\": 2027, \"documents\": [{\"title\": \"通知\"}],"
                + " \"restDays\": [\"2027-02-06\"], \"adjustedWorkingDays\": [\"2027-02-06\"]}]}");
        CliProcess.run("calendar", "adopt", "--actor", "fin.li", both.toString(), "--db", db.toString(), "--approver", "dir.zhou").expect(2)
                .complained("years[0].adjustedWorkingDays[0]").complained("2027-02-06");
        Path outside = write("outside.json", "{\"years\": [{\"year\": 2027, \"documents\": [{\"title\": \"通知\"}],"
                + " \"restDays\": [\"2028-01-03\"]}]}");
        CliProcess.run("calendar", "adopt", "--actor", "fin.li", outside.toString(), "--db", db.toString(), "--approver", "dir.zhou")
                .expect(2).complained("years[0].restDays[0]").complained("2028-01-03");
        Path changed = write("changed.json", "{\"years\": [{\"year\": 2025, \"kind\": \"LOCAL\", \"documents\":"
                + " [{\"title\": \"临时闭院\"}], \"restDays\": [\"2025-03-10\"]}]}");
        CliProcess.run("calendar", "adopt", "--actor", "fin.li", changed.toString(), "--db", db.toString(), "--approver", "dir.zhou",
                "--on", "2025-03-04").expect(2).complained("reason");
        JsonNode events = Json.MAPPER.readTree(CliProcess.run("balances", "--db", db.toString(), "--json").expect(0)
                .out());
        assertEquals("65000.00", events.get(0).get("posted").get("amount").asText());
        CliProcess.run("policy", "show", "--db", db.toString(), "--as-of", "2025-03-31").expect(0)
                .printed("adopted no policy");
        CliProcess.run("calendar", "check", "--db", db.toString(), "--as-of", "2025-03-31", "--json").expect(0)
                .printed("\"adoptedYears\" : [ ]");
    }
}
