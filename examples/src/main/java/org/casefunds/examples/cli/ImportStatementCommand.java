package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.Routing;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.statement.StatementEntry;
import org.casefunds.ledger.formats.statement.StatementFile;
import org.casefunds.ledger.formats.statement.StatementImport;
import org.casefunds.ledger.formats.statement.StatementProblems;
import org.casefunds.ledger.state.BankAccount;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds import-statement}: the credits of a master account's bank statement become receipts. */
@CommandLine.Command(name = "import-statement", mixinStandardHelpOptions = true,
        footer = {StatementOptions.FORMAT_HELP, ExitCodes.HELP},
        description = {"Records each credit line of a master account's bank statement as a receipt (key"
            + " bank:<account>:<serial>, dated on its value date), which the ledger routes to a case by its"
            + " sub-account, else by a case number in its memo, else leaves unidentified (不明款).",
            "Debit lines are payouts and fee sweeps that finance records as settlements: they are skipped.",
            "A serial number already recorded on the account with the same amount and date is already imported and"
                + " skipped, so importing a statement again changes nothing; with another amount or date it is an"
                + " error.",
            "All or nothing: every line is checked first; one bad line or refused receipt and nothing is written"
                + " (with --batch-size N, each batch of N receipts is all or nothing, and the import stops at the"
                + " first refused batch)."})
final class ImportStatementCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Mixin
    StatementOptions statement;

    @Option(names = "--actor", required = true, paramLabel = "ID",
            description = "Who records the receipts: a fund administrator in the staff register.")
    String actor;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Receipts per transaction. Default: the whole file.")
    Integer batchSize;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What the import did, for the report and for {@code --json}. */
    record Outcome(String statement, String bankAccount, String encoding, long lines, long credits,
            long imported, long routedBySubAccount, long routedByCaseNumber, long unidentified, long alreadyImported,
            long debitsSkipped, long problemCount, List<Map<String, Object>> problems) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Ledger opened = ledger.openForWriting()) {
            StatementFile file = statement.open();
            if (!file.problems().isEmpty()) {
                return problems(out, file.problems(), null);
            }
            BankAccount account = statement.masterAccount(opened.view(), file);
            StatementImport check = StatementImport.of(opened.view(), account, Actor.of(actor, Role.FUND_ADMINISTRATOR));
            StatementFile.Reading reading = StatementOptions.read(file, account, check::check);
            if (!reading.problems().isEmpty()) {
                return problems(out, reading.problems(), account);
            }
            if (check.toImport() > 0) {
                LedgerOptions.checkBeforeWriting(opened);
            }
            Import done = new Import(opened, check);
            StatementOptions.read(file, account, done::line);
            done.finish();
            Outcome outcome = outcome(file, account, reading, check, done);
            print(out, outcome, done.refusal);
            return done.refusal == null ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }

    /** Reports the statement's problems: nothing was written. */
    private Integer problems(PrintWriter out, StatementProblems problems, BankAccount account) throws Exception {
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(new Outcome(statement.statement.toString(),
                    account == null ? null : account.number(), null, 0, 0, 0, 0, 0, 0, 0, 0, problems.count(),
                    StatementOptions.json(problems))));
        } else {
            StatementOptions.print(out, problems);
        }
        return ExitCodes.BAD_INPUT;
    }

    private Outcome outcome(StatementFile file, BankAccount account, StatementFile.Reading reading, StatementImport check,
            Import done) {
        long imported = done.routed.values().stream().mapToLong(Long::longValue).sum();
        return new Outcome(statement.statement.toString(), account.number(), file.charset().name(), reading.records(),
                check.credits(), imported, done.routed.getOrDefault(Routing.SUB_ACCOUNT, 0L),
                done.routed.getOrDefault(Routing.CASE_NUMBER, 0L), done.routed.getOrDefault(Routing.UNIDENTIFIED, 0L),
                check.alreadyImported() + done.repeated, check.debits(), done.refusal == null ? 0 : 1,
                done.refusal == null ? List.of() : List.of(done.refusal));
    }

    private void print(PrintWriter out, Outcome outcome, Map<String, Object> refusal) throws Exception {
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(outcome));
            return;
        }
        if (refusal != null) {
            out.println("The ledger refused a receipt; nothing of its batch was written"
                    + (outcome.imported() > 0 ? ", but earlier batches were:" : ", nor anything else:"));
            out.println("  line " + refusal.get("line") + ": " + refusal.get("message"));
        }
        out.printf("%s: %d line(s) on master account %s (%s): %d credit(s), %d debit(s) skipped (payouts and"
                + " sweeps are recorded by finance)%n", outcome.statement(), outcome.lines(), outcome.bankAccount(),
                outcome.encoding(), outcome.credits(), outcome.debitsSkipped());
        out.printf("imported %d receipt(s): %d routed by sub-account, %d by case number, %d unidentified;"
                + " %d already imported before%n", outcome.imported(), outcome.routedBySubAccount(),
                outcome.routedByCaseNumber(), outcome.unidentified(), outcome.alreadyImported());
    }

    /** The second reading: the credits not yet imported, applied in batches. */
    final class Import {
        private final Ledger ledger;
        private final StatementImport check;
        private final int size;
        private final List<Command> batch = new ArrayList<>();
        private final List<Long> lines = new ArrayList<>();
        private final Map<Routing, Long> routed = new EnumMap<>(Routing.class);
        private final TerminalProgress progress;
        private long repeated;
        private Map<String, Object> refusal;

        Import(Ledger ledger, StatementImport check) {
            this.ledger = ledger;
            this.check = check;
            this.size = batchSize == null || batchSize <= 0 ? Integer.MAX_VALUE : batchSize;
            this.progress = TerminalProgress.startIfLong("importing", "receipts", check.toImport());
        }

        void line(StatementEntry entry) {
            if (refusal != null || !check.imports(entry)) {
                return;
            }
            batch.add(check.command(entry));
            lines.add(entry.line());
            if (batch.size() >= size) {
                flush();
            }
        }

        void finish() {
            if (refusal == null) {
                flush();
            }
            progress.close();
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            BatchResult result = ledger.executeAll(batch);
            if (!result.applied()) {
                BatchResult.Refusal refused = result.refusal().get();
                refusal = new LinkedHashMap<>();
                refusal.put("line", lines.get(refused.index()));
                refusal.put("key", refused.command().idempotencyKey());
                refusal.put("code", refused.reason().code().name());
                refusal.put("message", refused.reason().getMessage());
            } else {
                for (CommandResult each : result.results()) {
                    if (each.repeated()) {
                        repeated++;
                    } else {
                        routed.merge(((ReceiptRecorded) each.event().payload()).routing(), 1L, Long::sum);
                    }
                }
                progress.stepBy(batch.size());
            }
            batch.clear();
            lines.clear();
        }
    }
}
