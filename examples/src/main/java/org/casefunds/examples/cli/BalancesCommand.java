package org.casefunds.examples.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.formats.Json;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds balances}: every account's posted, pending and available balance. */
@CommandLine.Command(name = "balances", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Prints every account's posted, pending (in transit) and available balance, now or at the"
            + " end of a date.",
            "Accounts: bank:<no> (the court's master accounts), case:<case number>, unidentified:<no>,"
                + " payouts-in-transit, refunds-in-transit, deposits-in-transit, court-fees."})
final class BalancesCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The date (end of day). Default: everything recorded.")
    LocalDate asOf;

    @Option(names = "--json", description = "Print JSON: a list of {account, posted, pending, available}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<AccountBalance> balances;
        try (Ledger opened = ledger.openForReading()) {
            balances = asOf == null ? opened.view().balances()
                    : opened.balances(asOf);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(balances));
            return ExitCodes.OK;
        }
        Table table = new Table("account", "currency", ">posted", ">pending", ">available");
        for (AccountBalance balance : balances) {
            table.row(balance.account(), balance.posted().getCurrencyUnit(), balance.posted().getAmount().toPlainString(),
                    balance.pending().getAmount().toPlainString(), balance.available().getAmount().toPlainString());
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
