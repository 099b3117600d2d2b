package org.casefunds.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.config.ConfigFiles;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.policy.Policy;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code casefunds policy}: prints a policy as JSON (a template for a court's own file); {@code policy adopt}
 * records one in the journal from a date; {@code policy show} says which is in force on a date.
 */
@CommandLine.Command(name = "policy", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Prints a policy (a preset, or a policy file checked and completed) as JSON: every deadline,"
            + " approval tier and threshold. Save it, edit it, adopt it with `casefunds policy adopt`."},
        subcommands = {PolicyCommand.Adopt.class, PolicyCommand.Show.class})
final class PolicyCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = Policy.DEFAULT_NAME,
            description = "'" + Policy.DEFAULT_NAME + "' (default) or '" + Policy.SPC_2017_NAME + "'.")
    String preset;

    @Option(names = "--policy", paramLabel = "FILE", description = "A policy file to check and print complete.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Policy policy = file != null ? ConfigFiles.readPolicy(file) : Policy.preset(preset);
        spec.commandLine().getOut().println(ConfigFiles.writePolicy(policy));
        return ExitCodes.OK;
    }

    /** A policy file, or else a preset's name. */
    static Policy fileOrPreset(String written) {
        Path path = Path.of(written);
        if (Files.isRegularFile(path)) {
            return ConfigFiles.readPolicy(path);
        }
        if (written.endsWith(".json")) {
            throw new Casefunds.BadInput("FILE " + written + " is not a file; give a policy file or a preset ('"
                    + Policy.DEFAULT_NAME + "' or '" + Policy.SPC_2017_NAME + "')");
        }
        return Policy.preset(written);
    }

    /** {@code policy adopt FILE|PRESET --from DATE}. */
    @CommandLine.Command(name = "adopt", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = {"Adopts a policy (a file, or a preset's name) in the ledger's journal, in force from a date:"
                + " lots whose clock starts on or after it get their deadlines from it. Approved by the court leader"
                + " in charge. The date may not be in a closed period or before the ledger opened."})
    static final class Adopt implements Callable<Integer> {
        @Mixin
        LedgerOptions ledger;

        @Parameters(paramLabel = "FILE|PRESET", description = "A policy file, or '" + Policy.DEFAULT_NAME + "' or '"
                + Policy.SPC_2017_NAME + "'.")
        String policy;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "The first day it is in force.")
        LocalDate from;

        @Option(names = "--actor", required = true, paramLabel = "ID",
                description = "Who adopts it: a finance officer in the staff register.")
        String actor;

        @Option(names = "--approver", required = true, paramLabel = "ID",
                description = "The court leader in charge who approves it.")
        String approver;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why the court adopts it.")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Policy adopted = fileOrPreset(policy);
            String key = "policy:" + from + ":" + CanonicalCodec.sha256(
                    ConfigFiles.writePolicy(adopted)).substring(0, 12);
            Command command = Command.of(key, Actor.of(actor, Role.FINANCE), from,
                    new AdoptPolicy(adopted, Optional.ofNullable(reason)))
                    .approvedBy(Approval.of(approver, Role.COURT_LEADER));
            try (Ledger opened = ledger.openForWriting()) {
                LedgerOptions.checkBeforeWriting(opened);
                CommandResult result = opened.execute(command);
                spec.commandLine().getOut().printf("%s adopted from %s as event %d%s%n", adopted.name(), from,
                        result.event().sequence(), result.repeated() ? " (already adopted, nothing changed)" : "");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code policy show --as-of DATE}. */
    @CommandLine.Command(name = "show", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = {"Which policy is in force on a date, where it comes from, and every policy the ledger"
                + " adopted."})
    static final class Show implements Callable<Integer> {
        @Mixin
        LedgerOptions ledger;

        @Option(names = "--as-of", paramLabel = "DATE", description = "The date. Default: today in Beijing.")
        LocalDate asOf;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalDate date = Dates.orToday(asOf);
            RulesInForce rules;
            CourtRules recorded;
            try (Ledger opened = ledger.openForReading()) {
                rules = ledger.reports(opened).rulesOn(date);
                recorded = opened.view().courtRules();
            }
            Policy policy = rules.policyOn(date);
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("date", date);
                shown.put("policy", policy.name());
                shown.put("source", rules.policySourceOn(date));
                shown.put("whatIf", rules.isWhatIf());
                shown.put("values", Json.MAPPER.readTree(ConfigFiles.writePolicy(policy)));
                List<Map<String, Object>> adopted = new ArrayList<>();
                for (CourtRules.AdoptedPolicy each : recorded.policies()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("event", each.sequence());
                    line.put("from", each.from());
                    line.put("policy", each.policy().name());
                    line.put("reason", each.reason().orElse(null));
                    adopted.add(line);
                }
                shown.put("adopted", adopted);
                out.println(Json.MAPPER.writeValueAsString(shown));
                return ExitCodes.OK;
            }
            out.printf("In force on %s: %s%n", date, rules.policySourceOn(date));
            out.printf("  notice deadline %s, settlement %s, claiming %s, restart after a deferral %s%n",
                    policy.noticeDeadline(), policy.settlementDeadline(), policy.claimingDeadline(),
                    policy.restartAfterDeferral());
            Table table = new Table(">event", "from", "policy", "reason");
            for (CourtRules.AdoptedPolicy each : recorded.policies()) {
                table.row(each.sequence(), each.from(), each.policy().name(), each.reason().orElse(""));
            }
            if (table.isEmpty()) {
                out.println("The ledger has adopted no policy: the default preset applies on every date.");
            } else {
                out.println("Adopted:");
                table.print(out);
            }
            return ExitCodes.OK;
        }
    }
}
