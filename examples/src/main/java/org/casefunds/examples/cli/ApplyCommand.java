package org.casefunds.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.commands.CommandFiles;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code casefunds apply}: applies a file of commands, all or nothing. */
@CommandLine.Command(name = "apply", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Applies a JSON Lines file of commands (one per line; format in the README), all of them or,"
            + " if one line is bad or refused, none.",
            "With --batch-size N the file is applied N commands at a time, each batch all or nothing; it stops at"
                + " the first refused batch.",
            "A command already applied under its key is recognised and not applied twice."})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Parameters(paramLabel = "COMMANDS.jsonl", description = "The command file (UTF-8).")
    Path file;

    @Option(names = "--batch-size", paramLabel = "N", description = "Commands per transaction. Default: the whole file.")
    Integer batchSize;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(names = "--create", description = "Create the ledger file if it does not exist; its first command is"
            + " then OpenLedger (as `casefunds init` writes).")
    boolean create;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandFiles.Reading reading = CommandFiles.read(file);
        var out = spec.commandLine().getOut();
        if (!reading.problems().isEmpty()) {
            Outcome outcome = new Outcome(0, 0, 0, reading.problems().size(), problems(reading.problems()));
            print(outcome, out);
            return ExitCodes.BAD_INPUT;
        }
        List<CommandFiles.Numbered> commands = reading.commands();
        int size = batchSize == null || batchSize <= 0 ? Math.max(1, commands.size()) : batchSize;
        int applied = 0;
        int repeated = 0;
        long lastSequence = 0;
        List<Map<String, Object>> refused = new ArrayList<>();
        try (Ledger opened = create ? ledger.createForWriting() : ledger.openForWriting(); ProgressBar progress = progress(commands.size())) {
            for (int start = 0; start < commands.size(); start += size) {
                List<CommandFiles.Numbered> batch = commands.subList(start, Math.min(commands.size(), start + size));
                List<Command> toApply = new ArrayList<>();
                batch.forEach(each -> toApply.add(each.command()));
                BatchResult result = opened.executeAll(toApply);
                if (!result.applied()) {
                    BatchResult.Refusal refusal = result.refusal().get();
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("line", batch.get(refusal.index()).line());
                    line.put("key", refusal.command().idempotencyKey());
                    line.put("code", refusal.reason().code().name());
                    refusal.reason().field().ifPresent(field -> line.put("field", field));
                    line.put("message", refusal.reason().getMessage());
                    refused.add(line);
                    break;
                }
                for (CommandResult each : result.results()) {
                    if (each.repeated()) {
                        repeated++;
                    } else {
                        applied++;
                        lastSequence = each.event().sequence();
                    }
                }
                if (progress != null) {
                    progress.stepBy(batch.size());
                }
            }
        }
        int notApplied = commands.size() - applied - repeated;
        print(new Outcome(applied, repeated, lastSequence, notApplied, refused), out);
        return refused.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    /** A progress bar when a person watches a terminal and the file is long; none otherwise. */
    static ProgressBar progress(long total) {
        if (System.console() == null || total < 1_000) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("applying").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                        System.err)).build();
    }

    private static List<Map<String, Object>> problems(List<CommandFiles.Problem> problems) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (CommandFiles.Problem problem : problems) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", problem.line());
            if (problem.field() != null) {
                line.put("field", problem.field());
            }
            line.put("message", problem.message());
            lines.add(line);
        }
        return lines;
    }

    /** What applying the file did. */
    record Outcome(int applied, int repeated, long lastSequence, int notApplied, List<Map<String, Object>> refused) {
    }

    private void print(Outcome outcome, java.io.PrintWriter out) throws Exception {
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(outcome));
            return;
        }
        if (!outcome.refused().isEmpty()) {
            out.println("Nothing of the refused batch was applied" + (outcome.applied() + outcome.repeated() == 0
                    ? ", nor anything else." : ". Before it:"));
            for (Map<String, Object> line : outcome.refused()) {
                out.println("  line " + line.get("line") + (line.containsKey("field") ? " (" + line.get("field") + ")"
                        : "") + ": " + line.get("message"));
            }
        }
        if (outcome.applied() + outcome.repeated() > 0 || outcome.refused().isEmpty()) {
            out.printf("applied %d command(s)%s; %d already applied before (same key, same command)%s%n",
                    outcome.applied(), outcome.applied() > 0 ? ", last event " + outcome.lastSequence() : "",
                    outcome.repeated(), outcome.notApplied() > 0 ? "; " + outcome.notApplied() + " not applied" : "");
        }
    }
}
