package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.StorageException;
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
                + " the first refused batch. If the ledger file fails (full, locked, read-only) or memory runs out,"
                + " it says which batches were committed and from which line nothing was (exit 3).",
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
        var out = spec.commandLine().getOut();
        CommandFiles.Reading reading;
        try {
            reading = CommandFiles.read(file);
        } catch (OutOfMemoryError tooMany) {
            return stopped(new Progress(), List.of(), "the command file " + file + " does not fit in memory ("
                    + maxMemory() + "); split it, or give Java more with -Xmx", out);
        }
        if (!reading.problems().isEmpty()) {
            Outcome outcome = new Outcome(0, 0, 0, reading.problems().size(), problems(reading.problems()), null);
            print(outcome, out);
            return ExitCodes.BAD_INPUT;
        }
        List<CommandFiles.Numbered> commands = reading.commands();
        int size = batchSize == null || batchSize <= 0 ? Math.max(1, commands.size()) : batchSize;
        Progress done = new Progress();
        List<Map<String, Object>> refused = new ArrayList<>();
        try (Ledger opened = create ? ledger.createForWriting() : ledger.openForWriting()) {
            if (!commands.isEmpty()) {
                LedgerOptions.checkBeforeWriting(opened);
            }
            try (TerminalProgress progress = TerminalProgress.startIfLong("applying", "commands", commands.size())) {
                for (int start = 0; start < commands.size(); start += size) {
                    List<CommandFiles.Numbered> batch = commands.subList(start,
                            Math.min(commands.size(), start + size));
                    List<Command> toApply = new ArrayList<>();
                    batch.forEach(each -> toApply.add(each.command()));
                    BatchResult result = opened.executeAll(toApply);
                    if (!result.applied()) {
                        BatchResult.Refusal refusal = result.refusal().get();
                        if (refusal.reason() instanceof StorageException failed) {
                            throw failed;
                        }
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("line", batch.get(refusal.index()).line());
                        line.put("key", refusal.command().idempotencyKey());
                        line.put("code", refusal.reason().code().name());
                        refusal.reason().field().ifPresent(field -> line.put("field", field));
                        line.put("message", refusal.reason().getMessage());
                        refused.add(line);
                        break;
                    }
                    done.committed(result, batch.size());
                    progress.stepBy(batch.size());
                }
            }
        } catch (StorageException failed) {
            return stopped(done, commands, failed.getMessage() + " [" + failed.code() + "]", out);
        } catch (OutOfMemoryError failed) {
            return stopped(done, commands, "the process ran out of memory (" + maxMemory() + "); give Java more with"
                    + " -Xmx, or apply the file in smaller batches with --batch-size", out);
        }
        int notApplied = commands.size() - done.applied - done.repeated;
        print(new Outcome(done.applied, done.repeated, done.lastSequence, notApplied, refused, null), out);
        return refused.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    /** What was committed so far: whole batches only, since a batch is one transaction. */
    static final class Progress {
        int applied;
        int repeated;
        long lastSequence;
        int batches;
        /** How many commands of the file the committed batches hold: the index of the first one not committed. */
        int through;

        void committed(BatchResult result, int commands) {
            for (CommandResult each : result.results()) {
                if (each.repeated()) {
                    repeated++;
                } else {
                    applied++;
                    lastSequence = each.event().sequence();
                }
            }
            batches++;
            through += commands;
        }
    }

    /**
     * The ledger file failed, or memory ran out, after {@code done}: says what was committed (whole
     * batches, counted, with their lines) and what was not, and that the same file may be applied
     * again. The batch that failed wrote nothing: it is one transaction.
     */
    private int stopped(Progress done, List<CommandFiles.Numbered> commands, String reason, PrintWriter out)
            throws Exception {
        int notApplied = commands.size() - done.through;
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("reason", reason);
        failure.put("committedBatches", done.batches);
        failure.put("committedCommands", done.through);
        if (done.through > 0) {
            failure.put("committedLines", commands.get(0).line() + ".." + commands.get(done.through - 1).line());
        }
        if (notApplied > 0) {
            failure.put("firstLineNotApplied", commands.get(done.through).line());
        }
        print(new Outcome(done.applied, done.repeated, done.lastSequence, notApplied, List.of(), failure), out);
        spec.commandLine().getErr().println("casefunds apply: " + reason);
        return ExitCodes.STORAGE;
    }

    private static String maxMemory() {
        return "at most " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
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

    /**
     * What applying the file did; {@code failure}, when the ledger file failed or memory ran out, says
     * what was committed before (batches, commands, lines) and the first line not applied.
     */
    record Outcome(int applied, int repeated, long lastSequence, int notApplied, List<Map<String, Object>> refused,
            Map<String, Object> failure) {
    }

    private void print(Outcome outcome, PrintWriter out) throws Exception {
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(outcome));
            return;
        }
        if (outcome.failure() != null) {
            Map<String, Object> failure = outcome.failure();
            out.println("Stopped: " + failure.get("reason"));
            int committed = (Integer) failure.get("committedCommands");
            if (committed == 0) {
                out.println("Nothing of the file was committed.");
            } else {
                out.printf("Committed before it, and kept: %d batch(es), %d command(s), lines %s (%d applied%s, %d"
                        + " already applied before).%n", failure.get("committedBatches"), committed,
                        failure.get("committedLines"), outcome.applied(), outcome.applied() > 0 ? ", last event "
                        + outcome.lastSequence() : "", outcome.repeated());
            }
            if (outcome.notApplied() > 0) {
                out.printf("Not applied: %d command(s), from line %s on; what failed wrote nothing.%n",
                        outcome.notApplied(), failure.get("firstLineNotApplied"));
                out.println("Once the cause is fixed, apply the same file again: the commands already committed are"
                        + " recognised by their keys and not applied twice.");
            }
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
