package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.cases.Party;
import org.casefunds.ledger.commands.ChargeExecutionFee;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.DepositWithNotary;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.events.DepositReason;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.commands.CommandFiles;
import org.casefunds.ledger.formats.export.HledgerProcess;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: {@code casefunds export} writes files that independent tools read back to the ledger's own
 * figures (docs/design.md §6, invariant 9): hledger accepts the journal in strict mode, its month-end
 * balance assertions hold and catch a changed amount, and its balances equal {@code casefunds
 * balances}; the CSV postings and the JSON events read back complete and balanced; bad options
 * write nothing.
 *
 * <p>Method: the packaged jar runs as a process on a ledger built with {@code init} and {@code
 * apply} over four months: receipts routed and unidentified, in CNY and USD, a claim, payout
 * notices settled, returned and still in transit, an execution fee and its sweep, a transfer, a
 * deposit, a reversal, and two back-dated receipts (one on a month end). hledger runs as a process
 * too; without it the hledger tests are skipped. Expected balances are never written here: they
 * come from {@code casefunds balances --json}, and account names are mapped to hledger's by this
 * test's own rule, not the exporter's.
 */
class ExportIT {
    private static final String BANK = "110060001";
    private static final String USD_BANK = "110060099";
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    private static final CurrencyUnit USD = CurrencyUnit.of("USD");
    private static final Actor HANDLER = Actor.of("judge.zhao", Role.HANDLER);
    private static final Actor ADMINISTRATOR = Actor.of("adm.wang", Role.FUND_ADMINISTRATOR);
    private static final Actor FINANCE = Actor.of("fin.li", Role.FINANCE);
    private static final Approval BY_HEAD = Approval.of("head.sun", Role.DIVISION_HEAD);
    private static final Approval BY_DIRECTOR = Approval.of("dir.zhou", Role.BUREAU_DIRECTOR);
    private static final CaseNumber CASE_ONE = CaseNumber.parse("(2025)京02执123");
    private static final CaseNumber CASE_TWO = CaseNumber.parse("（2025）京02执恢456号");
    private static final BankDetails CREDITOR_ONE = BankDetails.of("张三", "6222020200001", "工商银行北京分行");
    private static final BankDetails CREDITOR_TWO = BankDetails.of("王五", "6222020200002", "建设银行北京分行");
    private static final BankDetails NOTARY = BankDetails.of("北京市方正公证处", "0200001509020000001", "工商银行");

    /** One ledger for every test: none of them changes it, and building it takes a few runs of the jar. */
    @TempDir
    static Path folder;

    private static Path db;
    private static long lastSequence;

    @BeforeAll
    static void buildLedger() throws IOException {
        db = folder.resolve("court.db");
        CliProcess.init("--db", db.toString(), "--court", "京02", "--court-name", "北京市第二中级人民法院",
                "--bank-account", BANK + ":CNY:工商银行北京分行", "--bank-account", USD_BANK + ":USD:中国银行北京分行",
                "--opened-on", "2025-03-03").expect(0);
        Path commands = folder.resolve("commands.jsonl");
        List<String> lines = new ArrayList<>();
        for (Command command : scenario()) {
            lines.add(CommandFiles.write(command));
        }
        Files.write(commands, lines, StandardCharsets.UTF_8);
        JsonNode applied = Json.MAPPER.readTree(CliProcess.run("apply", "--db", db.toString(), commands.toString(),
                "--json").expect(0).out());
        assertEquals(lines.size(), applied.get("applied").asInt(), applied.toString());
        lastSequence = applied.get("lastSequence").asLong();
    }

    /** Four months of a court's work, entered in sequence order; the last two receipts are back-dated. */
    private static List<Command> scenario() {
        return List.of(
                openCase("case-1", CASE_ONE, "8800123", "李四", CREDITOR_ONE),
                openCase("case-2", CASE_TWO, "8800456", "赵六", CREDITOR_TWO),
                receipt("SN0001", BANK, cny("65000.00"), "2025-03-05", "8800123"),
                receipt("SN0002", BANK, cny("3000.00"), "2025-03-10", null),
                receipt("SN0003", USD_BANK, Money.of(USD, new BigDecimal("1200.00")), "2025-03-12", "8800456"),
                Command.of("notice-1", HANDLER, day("2025-03-20"),
                        IssuePayoutNotice.of(CASE_ONE, CREDITOR_ONE, cny("60000.00"))).approvedBy(BY_HEAD),
                Command.of("settle-1", FINANCE, day("2025-03-24"), new SettleDisbursement("notice-1", "OUT-0001")),
                Command.of("claim-1", ADMINISTRATOR, day("2025-04-02"),
                        ClaimUnidentified.of("bank:" + BANK + ":SN0002", CASE_TWO, cny("3000.00"))),
                receipt("SN0004", BANK, cny("120000.00"), "2025-04-08", "8800456"),
                Command.of("notice-2", HANDLER, day("2025-04-15"),
                        IssuePayoutNotice.of(CASE_TWO, CREDITOR_TWO, cny("20000.00"))).approvedBy(BY_HEAD),
                Command.of("return-2", FINANCE, day("2025-04-18"), new ReturnDisbursement("notice-2", "收款账户已销户")),
                Command.of("fee-2", HANDLER, day("2025-04-21"), new ChargeExecutionFee(CASE_TWO, cny("120000.00"))),
                Command.of("sweep-1", FINANCE, day("2025-04-30"), new SweepFees(cny("1700.00"), BANK, "FEE-0001")),
                Command.of("transfer-1", HANDLER, day("2025-05-06"),
                        new TransferBetweenCases(CASE_TWO, CASE_ONE, cny("5000.00"), "两案合并执行")).approvedBy(BY_HEAD),
                Command.of("deposit-1", HANDLER, day("2025-05-12"), new DepositWithNotary(CASE_TWO, NOTARY,
                        cny("10000.00"), DepositReason.CREDITOR_UNKNOWN, Optional.empty(), Optional.empty()))
                        .approvedBy(BY_HEAD),
                Command.of("settle-deposit-1", FINANCE, day("2025-05-15"),
                        new SettleDisbursement("deposit-1", "OUT-0002")),
                receipt("SN0005", BANK, cny("800.00"), "2025-05-20", "8800123"),
                Command.of("reverse-1", ADMINISTRATOR, day("2025-05-22"),
                        new Reverse("bank:" + BANK + ":SN0005", "重复录入")).approvedBy(BY_DIRECTOR),
                Command.of("notice-3", HANDLER, day("2025-06-03"),
                        IssuePayoutNotice.of(CASE_ONE, CREDITOR_ONE, cny("10000.00"))).approvedBy(BY_HEAD),
                receipt("SN0006", BANK, cny("2500.00"), "2025-03-28", "8800123"),
                receipt("SN0007", BANK, cny("450.00"), "2025-04-30", null));
    }

    private static Command openCase(String key, CaseNumber caseNumber, String subAccount, String debtor,
            BankDetails creditor) {
        return Command.of(key, HANDLER, day("2025-03-03"), new OpenCase(caseNumber, subAccount, HANDLER.id(),
                List.of(Party.creditor(creditor.holder()), Party.debtor(debtor)), List.of(creditor)))
                .approvedBy(Approval.of("head.sun", Role.DIVISION_HEAD));
    }

    /** A receipt paid to {@code subAccount}, or without it (unidentified) when it is null. */
    private static Command receipt(String serial, String bank, Money amount, String date, String subAccount) {
        Payer payer = subAccount == null ? Payer.of("陌生人", "62170001", "建设银行") : Payer.of("李四", null, null);
        return Command.of("bank:" + bank + ":" + serial, ADMINISTRATOR, day(date), RecordReceipt.of(bank, serial,
                amount, payer, null, ReceiptSource.DEBTOR_PAYMENT, subAccount));
    }

    private static Money cny(String amount) {
        return Money.of(CNY, new BigDecimal(amount));
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static Path export(String format) {
        Path out = folder.resolve("export." + format);
        CliProcess.run("export", "--db", db.toString(), "--format", format, "--out", out.toString()).expect(0)
                .printed("exported " + lastSequence + " events");
        return out;
    }

    // ------------------------------------------------------------------ the ledger's own balances

    /**
     * The posted balances of {@code casefunds balances --json}, non-zero only, in hledger's names and
     * signs: debits minus credits, so credit-normal accounts (every one but the bank) are negated.
     */
    private static Map<String, BigDecimal> ledgerBalancesInHledgerTerms() throws IOException {
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (JsonNode balance : postedBalances()) {
            String account = balance.get("account").asText();
            BigDecimal posted = new BigDecimal(balance.get("posted").get("amount").asText());
            if (posted.signum() != 0) {
                boolean bank = account.startsWith("bank:");
                balances.put(hledgerName(account) + " " + balance.get("posted").get("currency").asText(),
                        bank ? posted : posted.negate());
            }
        }
        return balances;
    }

    private static JsonNode postedBalances() throws IOException {
        return Json.MAPPER.readTree(CliProcess.run("balances", "--db", db.toString(), "--json").expect(0).out());
    }

    /** The chart of accounts under hledger's top-level names; no key of this ledger needs escaping. */
    private static String hledgerName(String account) {
        if (account.startsWith("bank:")) {
            return "assets:" + account;
        }
        return account.equals("court-fees") ? "income:" + account : "liabilities:" + account;
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void hledgerAcceptsTheJournalAndItsBalancesEqualTheLedgers() throws Exception {
        HledgerProcess.assumeInstalled();
        Path journal = export("hledger");
        String text = Files.readString(journal, StandardCharsets.UTF_8);

        HledgerProcess.Result check = HledgerProcess.check(journal);
        assertEquals(0, check.exitCode(), () -> check.describe() + "\n--- journal\n" + text);

        Map<String, BigDecimal> byHledger = HledgerProcess.balances(journal);
        Map<String, BigDecimal> byLedger = ledgerBalancesInHledgerTerms();
        assertTrue(byLedger.keySet().stream().anyMatch(key -> key.startsWith("liabilities:case:（2025）京02执恢456号 USD")),
                () -> "the scenario holds a case with USD: " + byLedger);
        assertEquals(byLedger, byHledger, "hledger's balances are the ledger's");

        // Four month ends, each asserting every account posted to by then, zero balances too.
        assertEquals(4, count(text, "(?m)^\\d{4}-\\d{2}-\\d{2} month-end balances"), text);
        assertTrue(text.contains("2025-03-31 month-end balances"), text);
        assertTrue(text.contains("2025-06-30 month-end balances"), text);
        assertTrue(Pattern.compile("(?m)^    liabilities:payouts-in-transit  0\\.00 CNY = 0\\.00 CNY$").matcher(text)
                .find(), () -> "the zero balance of payouts in transit after March's settlement is asserted:\n" + text);
        assertEquals(postingEventCount(), count(text, "(?m)^\\d{4}-\\d{2}-\\d{2} [A-Z_]+ \\| "),
                "one transaction per event with postings");
    }

    @Test
    void aChangedAmountBreaksABalanceAssertion() throws Exception {
        HledgerProcess.assumeInstalled();
        Path journal = export("hledger");
        assertEquals(0, HledgerProcess.check(journal).exitCode(), "the untouched journal passes");

        // Change one transaction's amount on both its postings: it still balances, so only an assertion can catch it.
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Matcher receipt = Pattern.compile("(?s)RECEIPT_RECORDED \\| bank:" + BANK + ":SN0004.*?\\n\\n").matcher(text);
        assertTrue(receipt.find(), text);
        String changed = receipt.group().replace("120000.00 CNY", "119000.00 CNY");
        assertNotEquals(receipt.group(), changed, "the amount was found and changed");
        Path tampered = folder.resolve("tampered.journal");
        Files.writeString(tampered, text.replace(receipt.group(), changed), StandardCharsets.UTF_8);

        HledgerProcess.Result check = HledgerProcess.check(tampered);
        assertNotEquals(0, check.exitCode(), "hledger must refuse the changed journal");
        assertTrue(check.err().contains("balance assertion"), () -> "refused by an assertion:\n" + check.describe());
    }

    @Test
    void csvHasOneBalancedRowPerPostingAndAddsUpToTheBalances() throws Exception {
        Path csv = export("csv");
        byte[] bytes = Files.readAllBytes(csv);
        // A UTF-8 byte-order mark first: Excel on Chinese Windows reads the file as GBK without it.
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("sequence,effective_date,kind,idempotency_key,account,currency,debit,credit\r\n"),
                text);
        List<CSVRecord> rows = parse(text);
        assertEquals(postingCount(), rows.size(), "one row per posting");

        Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
        Map<String, BigDecimal> byAccount = new TreeMap<>();
        for (CSVRecord row : rows) {
            boolean debit = !row.get("debit").isEmpty();
            assertTrue(debit != !row.get("credit").isEmpty(), () -> "exactly one side: " + row);
            BigDecimal amount = new BigDecimal(debit ? row.get("debit") : row.get("credit"));
            assertTrue(amount.signum() > 0, () -> "amounts are positive: " + row);
            BigDecimal[] sums = byCurrency.computeIfAbsent(row.get("currency"),
                    currency -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sums[debit ? 0 : 1] = sums[debit ? 0 : 1].add(amount);
            byAccount.merge(hledgerName(row.get("account")) + " " + row.get("currency"),
                    debit ? amount : amount.negate(), BigDecimal::add);
        }
        assertEquals(List.of("CNY", "USD"), new ArrayList<>(byCurrency.keySet()));
        byCurrency.forEach((currency, sums) -> assertEquals(sums[0], sums[1], currency + ": debits = credits"));
        byAccount.values().removeIf(amount -> amount.signum() == 0);
        assertEquals(ledgerBalancesInHledgerTerms(), byAccount, "the rows add up to the ledger's balances");
    }

    @Test
    void jsonHoldsEveryEventInOrderWithItsPayloadAndChain() throws Exception {
        Path json = export("json");
        JsonNode events = Json.MAPPER.readTree(json.toFile());
        assertTrue(events.isArray(), "one array");
        assertEquals(lastSequence, events.size(), "every event of the ledger");
        String previousHash = "0".repeat(64);
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertEquals(i + 1, event.get("sequence").asLong(), "sequences 1..n in order");
            assertEquals(event.get("kind").asText(), event.get("payload").get("type").asText(), event::toString);
            assertEquals(previousHash, event.get("previousHash").asText(), "the exported chain links up");
            assertTrue(event.get("hash").asText().matches("[0-9a-f]{64}"), event::toString);
            previousHash = event.get("hash").asText();
        }
        JsonNode first = find(events, "bank:" + BANK + ":SN0001");
        assertEquals("RECEIPT_RECORDED", first.get("kind").asText());
        assertEquals("2025-03-05", first.get("effectiveDate").asText());
        assertEquals("adm.wang", first.get("actor").get("id").asText());
        assertEquals("SUB_ACCOUNT", first.get("payload").get("routing").asText());
        assertEquals("（2025）京02执123号", first.get("payload").get("caseNumber").asText());
        assertEquals("65000.00", first.get("payload").get("amount").get("amount").asText());
        assertEquals("case:（2025）京02执123号", first.get("postings").get(1).get("account").asText());
        assertEquals(1, first.get("lotMovements").size(), first::toString);
        JsonNode reversal = find(events, "reverse-1");
        assertEquals("dir.zhou", reversal.get("approvals").get(0).get("approverId").asText());
        assertEquals("RECEIPT_RECORDED", reversal.get("payload").get("reversedKind").asText());
    }

    @Test
    void badOptionsAreNamedAndWriteNothing() throws IOException {
        Path out = folder.resolve("export.xml");
        CliProcess.run("export", "--db", db.toString(), "--format", "xml", "--out", out.toString()).expect(2)
                .complained("--format").complained("'xml'").complained("hledger, csv or json");
        assertFalse(Files.exists(out), "nothing written for an unknown format");

        Path missing = folder.resolve("no-such-folder").resolve("export.journal");
        CliProcess.run("export", "--db", db.toString(), "--format", "hledger", "--out", missing.toString())
                .expect(2).complained("--out " + missing).complained("does not exist");
        assertFalse(Files.exists(missing.getParent()), "no folder made, no file written");

        CliProcess.run("export", "--db", db.toString(), "--format", "csv", "--out", folder.toString()).expect(2)
                .complained("--out " + folder + " is a folder");

        CliProcess.run("export", "--db", db.toString(), "--format", "json", "--out", db.toString()).expect(2)
                .complained("is the ledger file itself");
        CliProcess.run("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.filter(file -> file.getFileName().toString().endsWith(".part")).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aSecondExportReplacesTheFirst() throws IOException {
        Path out = export("csv");
        Files.writeString(out, "stale\n", StandardCharsets.UTF_8);
        export("csv");
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).startsWith("\uFEFFsequence,"), "replaced whole");
    }

    // ------------------------------------------------------------------ helpers

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (Reader reader = new StringReader(csv);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            return parser.getRecords();
        }
    }

    private static long postingCount() throws IOException {
        long postings = 0;
        for (JsonNode event : Json.MAPPER.readTree(export("json").toFile())) {
            postings += event.get("postings").size();
        }
        return postings;
    }

    private static long postingEventCount() throws IOException {
        long events = 0;
        for (JsonNode event : Json.MAPPER.readTree(export("json").toFile())) {
            events += event.get("postings").isEmpty() ? 0 : 1;
        }
        return events;
    }

    private static JsonNode find(JsonNode events, String key) {
        for (JsonNode event : events) {
            if (event.get("idempotencyKey").asText().equals(key)) {
                return event;
            }
        }
        throw new AssertionError("no event under key " + key);
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }
}
