package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.statement.StatementFile;
import org.casefunds.ledger.formats.statement.StatementProblems;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.reconciliation.BalanceBreak;
import org.casefunds.ledger.reconciliation.Correction;
import org.casefunds.ledger.reconciliation.LedgerBankLines;
import org.casefunds.ledger.reconciliation.LedgerLine;
import org.casefunds.ledger.reconciliation.Listing;
import org.casefunds.ledger.reconciliation.Reconciliation;
import org.casefunds.ledger.reconciliation.ReconciliationReport;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqlReportSource;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.Money;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds reconcile}: a master account's bank statement against the ledger, line by line. */
@CommandLine.Command(name = "reconcile", mixinStandardHelpOptions = true,
        footer = {StatementOptions.FORMAT_HELP, ExitCodes.HELP},
        description = {"Matches a master account's bank statement line by line with the ledger over a period"
            + " (by serial number and direction), and its opening and closing balances with the ledger's posted"
            + " balance of bank:<no> at the end of the day before --from and at the end of --to.",
            "Reports: matched; only in the bank; only in the ledger; amount mismatches; date mismatches (also a line"
                + " the other side dates outside the period); events reversed within the period (corrected in the"
                + " ledger); breaks in the statement's own running balance. Counts are exact; each list shows its"
                + " first " + Reconciliation.DETAIL_LINES_DEFAULT + " lines.",
            "Exit code 0 only when every line matches and the balances agree (the statement needs a balance"
                + " column, 余额); 1 when they do not.",
            "The ledger is opened read-only and read in one snapshot, whose last event the output names."})
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Mixin
    StatementOptions statement;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "The period's first day.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "The period's last day.")
    LocalDate to;

    @Option(names = "--json", description = "Print the report as JSON (money as decimal strings).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Leaves out of the JSON what a listing derives from its fields. */
    abstract static class ListingWithoutDerived {
        @JsonIgnore
        abstract boolean isEmpty();
    }

    private static final ObjectMapper MAPPER = Json.MAPPER.copy().addMixIn(Listing.class, ListingWithoutDerived.class);

    @Override
    public Integer call() throws Exception {
        if (to.isBefore(from)) {
            throw new Casefunds.BadInput("--to " + to + " is before --from " + from);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Ledger opened = ledger.openForReading()) {
            long snapshot = LedgerOptions.snapshotSequence(opened);
            StatementFile file = statement.open();
            if (!file.problems().isEmpty()) {
                return problems(out, file.problems());
            }
            BankAccount account = statement.masterAccount(opened.view(), file);
            Reconciliation reconciliation = Reconciliation.of(account.number(), account.currency(), from, to);
            ReconciliationReport report;
            // How many lines are read, the statement's then the ledger's bank lines: neither is known before.
            try (TerminalProgress progress = TerminalProgress.start("reconciling", "lines", -1)) {
                progress.stage("statement");
                StatementFile.Reading reading = StatementOptions.read(file, account, entry -> {
                    reconciliation.add(entry.toStatementLine());
                    progress.stepBy(1);
                });
                if (!reading.problems().isEmpty()) {
                    return problems(out, reading.problems());
                }
                progress.nextStage("ledger");
                SqlReportSource source = SqlLedger.reportSource(opened);
                Money opening = posted(source.balances(from.minusDays(1)), account);
                Money closing = posted(source.balances(to), account);
                JournalStore store = opened.store();
                Set<Long> reversed = LedgerBankLines.reversedSequences(store);
                try (Stream<Event> events = store.read(1, LedgerBankLines.KINDS).peek(event -> progress.stepBy(1))) {
                    report = reconciliation.reconcile(events, reversed::contains, opening, closing);
                }
            }
            if (json) {
                printJson(out, report, snapshot);
            } else {
                print(out, report);
                out.printf("%nLedger read in one snapshot of %s, up to event %d.%n", ledger.describe(), snapshot);
            }
            return report.reconciled() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    private Integer problems(PrintWriter out, StatementProblems problems) throws Exception {
        if (json) {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("problemCount", problems.count());
            node.set("problems", MAPPER.valueToTree(StatementOptions.json(problems)));
            out.println(MAPPER.writeValueAsString(node));
        } else {
            StatementOptions.print(out, problems);
        }
        return ExitCodes.BAD_INPUT;
    }

    /** The posted balance of the master account in {@code balances}; zero when it has none yet. */
    private static Money posted(List<AccountBalance> balances, BankAccount account) {
        AccountId bank = AccountId.bank(account.number());
        return balances.stream().filter(balance -> balance.account().equals(bank)
                && balance.posted().getCurrencyUnit().equals(account.currency())).map(AccountBalance::posted)
                .findFirst().orElse(Money.zero(account.currency()));
    }

    private static void printJson(PrintWriter out, ReconciliationReport report, long snapshot) throws Exception {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reconciled", report.reconciled());
        node.put("linesMatch", report.linesMatch());
        node.put("balancesAgree", report.balancesAgree());
        node.setAll((ObjectNode) MAPPER.valueToTree(report));
        node.putObject("snapshot").put("sequence", snapshot);
        out.println(MAPPER.writeValueAsString(node));
    }

    private static void print(PrintWriter out, ReconciliationReport report) {
        out.printf("Master account %s, %s to %s: %s%n", report.bankAccount(), report.from(), report.to(),
                report.reconciled() ? "the statement reconciles with the ledger." : "the statement does NOT reconcile"
                        + " with the ledger.");
        new Table("balance", ">ledger", ">statement", "check")
                .row("opening", Dates.money(report.ledgerOpening()), stated(report.statementOpening()),
                        agree(report.ledgerOpening(), report.statementOpening()))
                .row("closing", Dates.money(report.ledgerClosing()), stated(report.statementClosing()),
                        agree(report.ledgerClosing(), report.statementClosing()))
                .print(out);
        out.printf("statement: %d line(s), %d of them outside the period%n", report.statementLines(),
                report.statementLinesOutsidePeriod());
        out.printf("matched %d; only in the bank %d; only in the ledger %d; amount mismatches %d;%n",
                report.matched(), report.onlyInBank().count(), report.onlyInLedger().count(),
                report.amountMismatches().count());
        out.printf("date mismatches %d; corrected in the ledger %d; balance breaks %d%n",
                report.dateMismatches().count(), report.correctedInLedger().count(), report.balanceBreaks().count());
        section(out, "Only in the bank", report.onlyInBank(), new Table("line", "date", "serial", "direction",
                ">amount", "counterparty", "memo"), (table, line) -> table.row(line.lineNumber(), line.valueDate(),
                line.reference(), line.direction(), Dates.money(line.amount()), line.counterparty().orElse(""),
                line.memo().orElse("")));
        section(out, "Only in the ledger", report.onlyInLedger(), new Table("date", "reference", "direction",
                ">amount", ">event", "kind"), (table, line) -> ledgerRow(table, line));
        section(out, "Amount mismatches", report.amountMismatches(), new Table("line", "serial", "date", "direction",
                ">statement", ">ledger", ">event"), (table, m) -> table.row(m.statement().lineNumber(),
                m.statement().reference(), m.statement().valueDate(), m.statement().direction(),
                Dates.money(m.statement().amount()), Dates.money(m.ledger().amount()), m.ledger().eventSequence()));
        section(out, "Date mismatches", report.dateMismatches(), new Table("line", "serial", "direction", ">amount",
                "statement date", "ledger date", ">event"), (table, m) -> table.row(m.statement().lineNumber(),
                m.statement().reference(), m.statement().direction(), Dates.money(m.statement().amount()),
                m.statement().valueDate(), m.ledger().valueDate(), m.ledger().eventSequence()));
        section(out, "Corrected in the ledger (an event and its reversal, both in the period)",
                report.correctedInLedger(), new Table("reference", "direction", ">amount", "date", ">event",
                        ">reversal", "reversed on"), (table, c) -> correctionRow(table, c));
        section(out, "Breaks in the statement's running balance", report.balanceBreaks(),
                new Table("line", ">expected", ">stated"), (table, b) -> breakRow(table, b));
        if (!report.reconciled() && report.linesMatch() && report.statementClosing().isEmpty()) {
            out.println("The statement states no balance for the period (no 余额 column?): its balances cannot be"
                    + " checked.");
        }
    }

    private static void ledgerRow(Table table, LedgerLine line) {
        table.row(line.valueDate(), line.reference(), line.direction(), Dates.money(line.amount()),
                line.eventSequence(), line.eventKind());
    }

    private static void correctionRow(Table table, Correction correction) {
        LedgerLine line = correction.original();
        table.row(line.reference(), line.direction(), Dates.money(line.amount()), line.valueDate(),
                line.eventSequence(), correction.reversalSequence(), correction.reversalDate());
    }

    private static void breakRow(Table table, BalanceBreak balanceBreak) {
        table.row(balanceBreak.lineNumber(), Dates.money(balanceBreak.expected()), Dates.money(balanceBreak.stated()));
    }

    /** Adds each shown line of a category to its table as a row. */
    private interface Rows<T> {
        void add(Table table, T line);
    }

    private static <T> void section(PrintWriter out, String title, Listing<T> listing, Table table, Rows<T> rows) {
        if (listing.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + (listing.truncated() ? " (the first " + listing.shown().size() + " of "
                + listing.count() + ")" : "") + ":");
        listing.shown().forEach(line -> rows.add(table, line));
        table.print(out);
    }

    private static String stated(Optional<Money> balance) {
        return balance.map(Dates::money).orElse("(not stated)");
    }

    private static String agree(Money ledger, Optional<Money> statement) {
        return statement.map(stated -> stated.equals(ledger) ? "agree" : "differ by "
                + Dates.money(stated.minus(ledger))).orElse("");
    }
}
