package org.casefunds.examples.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.money.Amounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds init}: creates a ledger file for one court with its master bank accounts. */
@Command(name = "init", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Creates a ledger file for one court and registers its master bank accounts.",
            "Running it again with the same options changes nothing."})
final class InitCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--court", required = true, paramLabel = "CODE",
            description = "The court's code as in its case numbers, e.g. 京02.")
    String court;

    @Option(names = "--court-name", paramLabel = "NAME", description = "The court's full name. Default: the code.")
    String courtName;

    @Option(names = "--bank-account", required = true, paramLabel = "NO[:CURRENCY[:BANK]]",
            description = "A master account (执行款专户): number, currency (default CNY), bank. Repeatable.")
    List<String> bankAccounts;

    @Option(names = "--opened-on", paramLabel = "DATE",
            description = "The ledger's first day: nothing may be dated before it. Default: today in Beijing.")
    LocalDate openedOn;

    @Option(names = "--actor", paramLabel = "ID", defaultValue = "finance",
            description = "Who opens the ledger (recorded on its events; a finance role). Default: ${DEFAULT-VALUE}.")
    String actor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate day = openedOn != null ? openedOn : LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Actor finance = Actor.of(actor, Role.FINANCE);
        String name = courtName != null ? courtName : court;
        List<org.casefunds.ledger.commands.Command> commands = new ArrayList<>();
        commands.add(org.casefunds.ledger.commands.Command.of("init:ledger", finance, day, new OpenLedger(court, name)));
        for (String written : bankAccounts) {
            String[] parts = written.split(":", 3);
            String currency = parts.length > 1 && !parts[1].isBlank() ? parts[1] : "CNY";
            String bank = parts.length > 2 && !parts[2].isBlank() ? parts[2] : "(bank not given)";
            commands.add(org.casefunds.ledger.commands.Command.of("init:bank:" + parts[0], finance, day,
                    new RegisterBankAccount(parts[0], Amounts.currency(currency, "--bank-account"), bank,
                            name + " 执行款专户")));
        }
        try (Ledger opened = ledger.createForWriting()) {
            BatchResult result = opened.executeAll(commands);
            if (!result.applied()) {
                throw result.refusal().get().reason();
            }
            long added = result.results().stream().filter(each -> !each.repeated()).count();
            var out = spec.commandLine().getOut();
            out.printf("%s: ledger of %s (%s), opened %s; %d master account(s); %s%n", ledger.db, court, name, day,
                    bankAccounts.size(), added == 0 ? "already set up, nothing changed"
                            : added + " event(s) written, last sequence " + last(result.results()));
        }
        return ExitCodes.OK;
    }

    private static long last(List<CommandResult> results) {
        return results.get(results.size() - 1).event().sequence();
    }
}
