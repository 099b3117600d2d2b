package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: an auditor's first steps work end to end on a ledger file: create it, apply a command
 * file, read balances, check double zero and verify; bad lines are named by line number and an
 * all-or-nothing file applies nothing.
 *
 * <p>Method: the packaged jar runs as a process on temporary files; the test reads what it prints
 * (tables and {@code --json}) and its exit codes.
 */
class LedgerFileIT {
    @TempDir
    Path folder;

    private Path db;

    private Path write(String name, String... lines) throws IOException {
        return CliProcess.write(folder, name, lines);
    }

    private void init() {
        db = folder.resolve("court.db");
        CliProcess.initCourt(db).printed((CliProcess.STAFF_EVENTS + 1) + " event(s) written");
    }

    static final String OPEN_CASE = "{\"key\":\"case-1\",\"date\":\"2025-03-03\",\"actor\":{\"id\":\"judge.zhao\","
            + "\"roles\":[\"HANDLER\"]},\"approvals\":[{\"approverId\":\"head.sun\",\"role\":\"DIVISION_HEAD\"}],"
            + "\"request\":{\"type\":\"OpenCase\",\"caseNumber\":\"(2025)京02执123\","
            + "\"subAccountNumber\":\"8800123\",\"handler\":\"judge.zhao\",\"parties\":[{\"name\":\"张三\","
            + "\"role\":\"CREDITOR\"},{\"name\":\"李四\",\"role\":\"DEBTOR\"}],\"payees\":[{\"holder\":\"张三\","
            + "\"accountNumber\":\"6222020200001\",\"bank\":\"工商银行\"}]}}";

    static String receipt(String serial, String amount, String date) {
        return "{\"key\":\"bank:110060001:" + serial + "\",\"date\":\"" + date + "\",\"actor\":{\"id\":\"adm.wang\","
                + "\"roles\":[\"FUND_ADMINISTRATOR\"]},\"request\":{\"type\":\"RecordReceipt\",\"bankAccount\":"
                + "\"110060001\",\"bankReference\":\"" + serial + "\",\"amount\":{\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\"},\"payer\":{\"name\":\"李四\"},\"source\":\"DEBTOR_PAYMENT\","
                + "\"subAccountNumber\":\"8800123\"}}";
    }

    static final String NOTICE = "{\"key\":\"notice-1\",\"date\":\"2025-03-05\",\"actor\":{\"id\":\"judge.zhao\","
            + "\"roles\":[\"HANDLER\"]},\"approvals\":[{\"approverId\":\"head.sun\",\"role\":\"DIVISION_HEAD\"}],"
            + "\"request\":{\"type\":\"IssuePayoutNotice\",\"caseNumber\":\"（2025）京02执123号\",\"payee\":{\"holder\":"
            + "\"张三\",\"accountNumber\":\"6222020200001\",\"bank\":\"工商银行\"},\"amount\":{\"amount\":\"60000.00\","
            + "\"currency\":\"CNY\"}}}";

    @Test
    void createApplyReadAndVerify() throws IOException {
        init();
        Path commands = write("week.jsonl", OPEN_CASE, receipt("SN0001", "65000.00", "2025-03-03"), NOTICE);
        CliProcess.run("apply", "--db", db.toString(), commands.toString()).expect(0).printed("applied 3 command(s)");
        // The same file again is recognised, not applied twice.
        CliProcess.run("apply", "--db", db.toString(), commands.toString()).expect(0)
                .printed("3 already applied before");

        JsonNode balances = Json.MAPPER.readTree(CliProcess.run("balances", "--db", db.toString(), "--json")
                .expect(0).out());
        assertEquals(3, balances.size(), balances.toString());
        assertEquals("bank:110060001", balances.get(0).get("account").asText());
        assertEquals("65000.00", balances.get(0).get("posted").get("amount").asText());
        assertEquals("5000.00", balances.get(0).get("available").get("amount").asText());
        assertEquals("5000.00", balances.get(1).get("posted").get("amount").asText());
        assertEquals("60000.00", balances.get(2).get("posted").get("amount").asText());

        // 5,000.00 arrived 03-03 and was not noticed: its deadline is 10 working days later, 03-17.
        CliProcess.run("double-zero", "--db", db.toString(), "--as-of", "2025-03-31", "--fail-unless-zero",
                "--lang", "en")
                .expect(1).printed("strict no").printed("2025-03-17");
        CliProcess.run("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
    }

    @Test
    void badLinesAreNamedAndNothingIsApplied() throws IOException {
        init();
        Path commands = write("bad.jsonl", OPEN_CASE, receipt("SN0001", "65000.001", "2025-03-03"),
                receipt("SN0002", "10.00", "2025-02-30"), "{\"key\":\"x\",\"date\":\"2025-03-03\",\"actor\":{\"id\":"
                        + "\"a\",\"roles\":[\"FINANCE\"]},\"request\":{\"type\":\"PrintMoney\"}}",
                "{\"key\":\"y\",\"date\":\"2025-03-03\",\"actor\":{\"id\":\"a\",\"roles\":[\"FINANCE\"]}}");
        CliProcess.Run run = CliProcess.run("apply", "--db", db.toString(), commands.toString()).expect(2);
        run.printed("line 2").printed("line 3").printed("line 4").printed("line 5");
        JsonNode balances = Json.MAPPER.readTree(CliProcess.run("balances", "--db", db.toString(), "--json")
                .expect(0).out());
        assertEquals(0, balances.size(), "nothing was applied: " + balances);
    }

    @Test
    void aRefusedCommandRollsBackTheWholeFile() throws IOException {
        init();
        // The notice asks for more than the case holds: refused, and the case and receipt before it go too.
        Path commands = write("refused.jsonl", OPEN_CASE, receipt("SN0001", "50000.00", "2025-03-03"), NOTICE);
        CliProcess.run("apply", "--db", db.toString(), commands.toString()).expect(2).printed("line 3");
        String balances = CliProcess.run("balances", "--db", db.toString(), "--json").expect(0).out();
        assertTrue(Json.MAPPER.readTree(balances).isEmpty(), balances);
    }

    @Test
    void theSampleOfEveryCommandAppliesOnANewFile() throws IOException {
        db = folder.resolve("every.db");
        Path sample = Path.of("samples/every-command.jsonl");
        CliProcess.run("apply", "--db", db.toString(), "--create", sample.toString()).expect(0)
                .printed("applied 49 command(s)");
        JsonNode balances = Json.MAPPER.readTree(CliProcess.run("balances", "--db", db.toString(), "--json")
                .expect(0).out());
        Map<String, String> posted = new TreeMap<>();
        balances.forEach(each -> posted.put(each.get("account").asText(), each.get("posted").get("amount").asText()));
        // In: 65,000 + 8,000 + 1,200 + 10,000 = 84,200. Paid by the bank: the refund 1,200, the notice
        // 60,000, share 1 of 8,000 pro rata 6,000:10,000 = 3,000, the fees 875: 19,125 left.
        assertEquals("19125.00", posted.get("bank:110060001"));
        // Case 123: 65,000 - fee 875 - notice 60,000 - surplus 4,125 (returned) + 10,000 - deposit 10,000
        // (reversed) - transfer 4,125 = 10,000. Case 124: claimed 8,000, distributed, + transfer 4,125.
        assertEquals("10000.00", posted.get("case:（2025）京02执123号"));
        assertEquals("4125.00", posted.get("case:（2025）京02执124号"));
        // Share 2 (5,000) waits at finance.
        assertEquals("5000.00", posted.get("payouts-in-transit"));
        assertEquals("0.00", posted.get("court-fees"));
        CliProcess.run("verify", "--db", db.toString()).expect(0);
        // Without --create a missing file is refused.
        CliProcess.run("apply", "--db", folder.resolve("none.db").toString(), sample.toString()).expect(2)
                .complained("there is no ledger file");
    }

    @Test
    void aMissingLedgerFileIsBadInput() {
        CliProcess.run("balances", "--db", folder.resolve("none.db").toString()).expect(2)
                .complained("there is no ledger file");
    }
}
