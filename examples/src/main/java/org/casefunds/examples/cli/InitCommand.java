package org.casefunds.examples.cli;

import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.StaffCommands;
import org.casefunds.ledger.approvals.Approval;
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

    @Option(names = "--administrator", required = true, paramLabel = "ID:NAME:STAFF_NO",
            description = "A first staff administrator: user id, name, staff number. At least two; the first opens"
                    + " the ledger and asks for each registration below, the second approves it.")
    List<String> administrators;

    @Option(names = "--staff", required = true, paramLabel = "ID:NAME:STAFF_NO:ROLE[,ROLE...]",
            description = "A person to register with their roles (FINANCE, HANDLER, FUND_ADMINISTRATOR, DIVISION_HEAD,"
                    + " BUREAU_DIRECTOR, COURT_LEADER, SUPERVISOR, AUDITOR). Repeatable; at least one FINANCE, who"
                    + " registers the master accounts.")
    List<String> staff;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate day = openedOn != null ? openedOn : LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String name = courtName != null ? courtName : court;
        List<StaffMember> firstAdministrators = new ArrayList<>();
        for (String written : administrators) {
            firstAdministrators.add(member(written, "--administrator"));
        }
        Actor administrator = Actor.of(firstAdministrators.get(0).personId(), Role.STAFF_ADMINISTRATOR);
        List<org.casefunds.ledger.commands.Command> commands = new ArrayList<>();
        commands.add(org.casefunds.ledger.commands.Command.of("init:ledger", administrator, day,
                new OpenLedger(court, name, firstAdministrators)));
        Actor finance = null;
        for (String written : staff) {
            int roleAt = written.lastIndexOf(':');
            StaffMember member = member(roleAt < 0 ? written : written.substring(0, roleAt), "--staff");
            List<Role> roles = new ArrayList<>();
            for (String role : (roleAt < 0 ? "" : written.substring(roleAt + 1)).split(",")) {
                roles.add(role(role.strip(), written));
            }
            if (firstAdministrators.size() > 1) {
                commands.addAll(StaffCommands.hire(administrator, Approval.of(firstAdministrators.get(1).personId(),
                        Role.STAFF_ADMINISTRATOR), day, member, roles.toArray(Role[]::new)));
            }
            if (finance == null && roles.contains(Role.FINANCE)) {
                finance = Actor.of(member.personId(), Role.FINANCE);
            }
        }
        if (finance == null) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "--staff", String.join(" ", staff),
                    "names no one with FINANCE; the master accounts are registered by a finance officer");
        }
        for (String written : bankAccounts) {
            String[] parts = written.split(":", 3);
            String currency = parts.length > 1 && !parts[1].isBlank() ? parts[1] : "CNY";
            String bank = parts.length > 2 && !parts[2].isBlank() ? parts[2] : "(bank not given)";
            commands.add(org.casefunds.ledger.commands.Command.of("init:bank:" + parts[0], finance, day,
                    new RegisterBankAccount(parts[0], Amounts.currency(currency, "--bank-account"), bank,
                            name + " 执行款专户")));
        }
        try (Ledger opened = ledger.createForWriting()) {
            LedgerOptions.checkBeforeWriting(opened);
            BatchResult result = opened.executeAll(commands);
            if (!result.applied()) {
                throw result.refusal().get().reason();
            }
            long added = result.results().stream().filter(each -> !each.repeated()).count();
            var out = spec.commandLine().getOut();
            out.printf("%s: ledger of %s (%s), opened %s; %d master account(s); %s%n", ledger.describe(), court, name, day,
                    bankAccounts.size(), added == 0 ? "already set up, nothing changed"
                            : added + " event(s) written, last sequence " + last(result.results()));
        }
        return ExitCodes.OK;
    }

    private static Role role(String name, String written) {
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new InvalidInputException(ErrorCode.INVALID_VALUE, "--staff", written, "names the role '" + name
                + "'; the roles are " + java.util.Arrays.toString(Role.values()));
    }

    /** A person written {@code ID:NAME:STAFF_NO}. */
    private static StaffMember member(String written, String option) {
        String[] parts = written.split(":", -1);
        if (parts.length != 3) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, option, written,
                    "is not ID:NAME:STAFF_NO (for example sys.chen:陈静:S001)");
        }
        return StaffMember.of(parts[0], parts[1], parts[2]);
    }

    private static long last(List<CommandResult> results) {
        return results.get(results.size() - 1).event().sequence();
    }
}
