package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the auditor's tour of the README works on the sample files: a ledger is created, the
 * court's February and March are applied, the March statement's credits are imported and routed,
 * importing again changes nothing, and the statement reconciles; a tampered statement does not,
 * naming each line; bad statements are refused whole, naming the line; a GBK copy imports the same.
 *
 * <p>Method: the packaged jar runs as a process on copies of {@code examples/samples}; the test reads
 * what it prints ({@code --json} where figures are checked) and its exit codes. The expected figures
 * are worked out by hand from the samples in the comments.
 */
class StatementIT {
    private static final Path SAMPLES = Path.of(System.getProperty("casefunds.samples", "samples"));
    private static final Path STATEMENT = SAMPLES.resolve("statement-2025-03.csv");
    private static final Path COMMANDS = SAMPLES.resolve("court-2025-03.jsonl");

    @TempDir
    Path folder;

    private Path db;

    @BeforeEach
    void createTheCourtsLedger() {
        db = createLedger("court.db");
    }

    /** A ledger with the court's February and March of {@code court-2025-03.jsonl} applied. */
    private Path createLedger(String name) {
        Path file = folder.resolve(name);
        CliProcess.init("--db", file.toString(), "--court", "京02", "--court-name", "北京市第二中级人民法院",
                "--bank-account", "110060001:CNY:工商银行北京分行", "--opened-on", "2025-02-03").expect(0);
        CliProcess.run("apply", "--db", file.toString(), COMMANDS.toString()).expect(0)
                .printed("applied 16 command(s)");
        return file;
    }

    private JsonNode importJson(Path ledger, Path statement, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("import-statement", "--actor", "adm.wang", "--db", ledger.toString(), "--statement",
                statement.toString(), "--json"));
        arguments.addAll(List.of(more));
        return Json.MAPPER.readTree(CliProcess.run(arguments.toArray(String[]::new)).expect(0).out());
    }

    private String balances(Path ledger) {
        return CliProcess.run("balances", "--db", ledger.toString(), "--json").expect(0).out();
    }

    private CliProcess.Run reconcile(Path statement, String... more) {
        List<String> arguments = new ArrayList<>(List.of("reconcile", "--db", db.toString(), "--statement",
                statement.toString(), "--from", "2025-03-01", "--to", "2025-03-31"));
        arguments.addAll(List.of(more));
        return CliProcess.run(arguments.toArray(String[]::new));
    }

    /** A copy of the sample statement with each line passed through {@code change} (null drops it). */
    private Path copy(String name, Charset charset, UnaryOperator<String> change) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(STATEMENT, StandardCharsets.UTF_8)) {
            String changed = change.apply(line);
            if (changed != null) {
                lines.add(changed);
            }
        }
        Path file = folder.resolve(name);
        Files.write(file, lines, charset);
        return file;
    }

    /** The number of the line of {@code file} that holds {@code text}. */
    private static long lineOf(Path file, String text, Charset charset) throws IOException {
        List<String> lines = Files.readAllLines(file, charset);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    @Test
    void theSampleMonthImportsOnceAndReconciles() throws IOException {
        String before = balances(db);
        // 15 lines: 4 debits (three payouts, one fee sweep) and 11 credits: 3 paid to a sub-account
        // (8800123, 8800045, 8800988); 5 with a case number in the memo, written as （2025）京02执210号,
        // (2025)京02执恢7号, (2025) 京02 执 45 号, full-width （２０２５）京０２执１２３号 and
        // 〔2024〕京02执988 号; 3 without a clue (货款, an empty memo, 执行款 无案号).
        JsonNode imported = importJson(db, STATEMENT);
        assertEquals(15, imported.get("lines").asLong());
        assertEquals(11, imported.get("imported").asLong());
        assertEquals(3, imported.get("routedBySubAccount").asLong());
        assertEquals(5, imported.get("routedByCaseNumber").asLong());
        assertEquals(3, imported.get("unidentified").asLong());
        assertEquals(0, imported.get("alreadyImported").asLong());
        assertEquals(4, imported.get("debitsSkipped").asLong());
        String after = balances(db);
        assertFalse(after.equals(before), "the receipts were recorded");
        JsonNode accounts = Json.MAPPER.readTree(after);
        // 240,000.00 carried over + 348,645.67 of credits - 192,150.00 of debits; 2,000 + 5,000 + 800 unidentified.
        assertEquals("396495.67", posted(accounts, "bank:110060001"));
        assertEquals("7800.00", posted(accounts, "unidentified:110060001"));

        JsonNode again = importJson(db, STATEMENT);
        assertEquals(0, again.get("imported").asLong());
        assertEquals(11, again.get("alreadyImported").asLong());
        assertEquals(after, balances(db), "importing again changes nothing");

        JsonNode report = Json.MAPPER.readTree(reconcile(STATEMENT, "--json").expect(0).out());
        assertTrue(report.get("reconciled").asBoolean(), report.toString());
        assertEquals(15, report.get("matched").asLong());
        assertEquals("240000.00", report.get("ledgerOpening").get("amount").asText());
        assertEquals("396495.67", report.get("statementClosing").get("amount").asText());
        reconcile(STATEMENT).expect(0).printed("the statement reconciles with the ledger").printed("matched 15;");
    }

    @Test
    void aTamperedStatementDoesNotReconcileAndNamesEachLine() throws IOException {
        importJson(db, STATEMENT);
        // An amount changed (8,500.00 to 8,600.00), a line dropped (5,000.00 from 陈某), a line added
        // after the payout of 03-17, a date moved (800.00 of 03-18 to 03-19). The balances are left
        // as the bank printed them, so the running balance breaks where the lines were changed.
        Path tampered = copy("tampered.csv", StandardCharsets.UTF_8, line -> {
            if (line.contains("SN202503120007")) {
                return null;
            }
            if (line.contains("OUT202503170002")) {
                return line + "\n110060001,2025-03-17,SN202503179999,0.00,1.00,377846.67,人民币,某人,,,,转账存入,";
            }
            return line.replace(",8500.00,", ",8600.00,").replace("2025-03-18,SN202503180010",
                    "2025-03-19,SN202503180010");
        });
        JsonNode report = Json.MAPPER.readTree(reconcile(tampered, "--json").expect(1).out());
        assertFalse(report.get("reconciled").asBoolean());
        JsonNode added = single(report.get("onlyInBank"));
        assertEquals("SN202503179999", added.get("reference").asText());
        assertEquals(lineOf(tampered, "SN202503179999", StandardCharsets.UTF_8), added.get("lineNumber").asLong());
        assertEquals("SN202503120007", single(report.get("onlyInLedger")).get("reference").asText());
        JsonNode amount = single(report.get("amountMismatches"));
        assertEquals(lineOf(tampered, "SN202503050003", StandardCharsets.UTF_8),
                amount.get("statement").get("lineNumber").asLong());
        assertEquals("8600.00", amount.get("statement").get("amount").get("amount").asText());
        assertEquals("8500.00", amount.get("ledger").get("amount").get("amount").asText());
        JsonNode date = single(report.get("dateMismatches"));
        assertEquals(lineOf(tampered, "SN202503180010", StandardCharsets.UTF_8),
                date.get("statement").get("lineNumber").asLong());
        assertEquals("2025-03-18", date.get("ledger").get("valueDate").asText());
        assertEquals(12, report.get("matched").asLong(), "15 ledger lines less the three changed");
        assertTrue(report.get("balanceBreaks").get("count").asLong() > 0);
        reconcile(tampered).expect(1).printed("does NOT reconcile").printed("SN202503179999")
                .printed("SN202503120007").printed("SN202503050003").printed("SN202503180010");
    }

    /** A change that makes one line of the sample bad, a text only that line holds, and what is said of it. */
    private record BadRow(UnaryOperator<String> change, String marker, String expected) {
    }

    private static JsonNode single(JsonNode listing) {
        assertEquals(1, listing.get("count").asLong(), listing.toString());
        return listing.get("shown").get(0);
    }

    private static String posted(JsonNode balances, String account) {
        for (JsonNode balance : balances) {
            if (balance.get("account").asText().equals(account)) {
                return balance.get("posted").get("amount").asText();
            }
        }
        throw new AssertionError(account + " is not in " + balances);
    }

    @Test
    void everyBadRowIsNamedAndNothingIsImported() throws IOException {
        String before = balances(db);
        // Each bad line alone refuses its file, naming the line (found by a text only that line holds).
        List<BadRow> badRows = List.of(
                new BadRow(line -> line.replace(",8500.00,", ",8500.001,"), "8500.001", ", credit (贷方发生额) '8500.001':"
                        + " has more decimals than CNY allows (2)"),
                new BadRow(line -> line.replace("2025-03-06,SN202503060004", "2025-02-30,SN202503060004"),
                        "2025-02-30", ", value_date (交易日期) '2025-02-30': is not a date"),
                new BadRow(line -> line.replace("SN202503070005", "SN202503040002"), "2025/03/07",
                        ": serial 'SN202503040002': is also the serial number of line "
                                + lineOf(STATEMENT, "SN202503040002", StandardCharsets.UTF_8)),
                new BadRow(line -> line.replace("SN202503110006", ""), "2025-03-11,,",
                        ", serial (交易流水号): is missing"));
        for (int i = 0; i < badRows.size(); i++) {
            BadRow row = badRows.get(i);
            Path file = copy("bad-" + i + ".csv", StandardCharsets.UTF_8, row.change());
            CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement", file.toString()).expect(2)
                    .printed("1 problem(s)")
                    .printed("line " + lineOf(file, row.marker(), StandardCharsets.UTF_8) + row.expected());
        }
        assertEquals(before, balances(db), "nothing was imported");

        // All four in one file: every one is named, not just the first.
        Path bad = copy("bad.csv", StandardCharsets.UTF_8, line -> line.replace(",8500.00,", ",8500.001,")
                .replace("2025-03-06,SN202503060004", "2025-02-30,SN202503060004")
                .replace("SN202503070005", "SN202503040002").replace("SN202503110006", ""));
        CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement", bad.toString()).expect(2)
                .printed("4 problem(s)")
                .printed("line " + lineOf(bad, "8500.001", StandardCharsets.UTF_8) + ", credit (贷方发生额) '8500.001'")
                .printed("line " + lineOf(bad, "2025-02-30", StandardCharsets.UTF_8) + ", value_date (交易日期)"
                        + " '2025-02-30'")
                .printed("is also the serial number of line " + lineOf(bad, "SN202503040002", StandardCharsets.UTF_8))
                .printed("line " + lineOf(bad, "2025-03-11,,", StandardCharsets.UTF_8)
                        + ", serial (交易流水号): is missing");
        assertEquals(before, balances(db), "nothing was imported");

        Path noSerial = copy("no-serial.csv", StandardCharsets.UTF_8, line -> line.replace("交易流水号", "编号"));
        CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement", noSerial.toString()).expect(2)
                .printed("line " + lineOf(noSerial, "本方账号,交易日期", StandardCharsets.UTF_8) + ", serial: no column");
        assertEquals(before, balances(db), "nothing was imported");

        Path gbk = copy("gbk.csv", Charset.forName("GBK"), UnaryOperator.identity());
        CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement", gbk.toString(), "--encoding",
                "UTF-8").expect(2).printed("line " + lineOf(gbk, "SN202503030001", Charset.forName("GBK"))
                        + ": is not valid UTF-8");
        reconcile(gbk, "--encoding", "UTF-8").expect(2).printed("is not valid UTF-8");
        assertEquals(before, balances(db), "nothing was imported");

        // A line the ledger refuses (dated before the ledger opened) is named too, and its file writes nothing.
        Path early = copy("early.csv", StandardCharsets.UTF_8, line -> line.replace("2025-03-19,SN202503190011",
                "2025-01-20,SN202503190011"));
        CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement", early.toString()).expect(2)
                .printed("line " + lineOf(early, "SN202503190011", StandardCharsets.UTF_8) + ": effectiveDate")
                .printed("nor anything else");
        assertEquals(before, balances(db), "nothing was imported");

        // A header named by --column imports; the statement's problems are then the lines' own.
        assertEquals(11, importJson(db, noSerial, "--column", "serial=编号").get("imported").asLong());
    }

    @Test
    void aSerialAlreadyRecordedWithAnotherAmountIsRefused() throws IOException {
        importJson(db, STATEMENT);
        String before = balances(db);
        Path changed = copy("changed.csv", StandardCharsets.UTF_8, line -> line.replace(",8500.00,", ",8600.00,"));
        CliProcess.run("import-statement", "--actor", "adm.wang", "--db", db.toString(), "--statement", changed.toString()).expect(2)
                .printed("line " + lineOf(changed, "SN202503050003", StandardCharsets.UTF_8))
                .printed("is already recorded on 110060001");
        assertEquals(before, balances(db));
    }

    @Test
    void theSameStatementInGbkImportsTheSame() throws IOException {
        JsonNode utf8 = importJson(db, STATEMENT, "--batch-size", "4");
        Path gbk = copy("gbk.csv", Charset.forName("GBK"), UnaryOperator.identity());
        Path other = createLedger("gbk.db");
        JsonNode fromGbk = importJson(other, gbk);
        assertEquals("GBK", fromGbk.get("encoding").asText());
        for (String count : List.of("lines", "imported", "routedBySubAccount", "routedByCaseNumber", "unidentified",
                "debitsSkipped")) {
            assertEquals(utf8.get(count), fromGbk.get(count), count);
        }
        assertEquals(balances(db), balances(other), "the same balances, account by account");
        assertEquals(11, importJson(other, gbk, "--encoding", "GBK").get("alreadyImported").asLong());
    }
}
