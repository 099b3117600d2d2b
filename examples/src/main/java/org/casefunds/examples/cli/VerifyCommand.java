package org.casefunds.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.sql.LedgerAudit;
import org.casefunds.ledger.sql.SqlLedger;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds verify}: the four checks an auditor runs on a ledger file. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Verifies a ledger file: (1) the hash chain of every event and the posting rows beside it,"
            + " (2) the trial balance of every posting, (3) the control identity (bank = cases + unidentified + in"
            + " transit + fees), (4) a replay of the journal equals the balances, lots, daily changes, receipts,"
            + " disbursements, cases and deferrals the file keeps.",
            "The replay uses only what each event recorded, in memory bounded by the accounts and lots, not by the"
                + " journal. Exit code 0 only when all four hold; otherwise the failures are named."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--json", description = "Print the outcome as JSON: {ok, events, checks: [{name, ok, detail}]}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LedgerAudit.Result result;
        try (Ledger opened = ledger.open()) {
            result = SqlLedger.audit(opened);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("ok", result.ok());
            outcome.put("events", result.events());
            outcome.put("checks", result.checks());
            out.println(Json.MAPPER.writeValueAsString(outcome));
        } else {
            Table table = new Table("check", "result", "detail");
            result.checks().forEach(check -> table.row(check.name(), check.ok() ? "ok" : "FAILED", check.detail()));
            table.print(out);
            out.println(result.ok() ? "The ledger verifies." : "The ledger does NOT verify: " + result.checks()
                    .stream().filter(check -> !check.ok()).findFirst().map(LedgerAudit.Check::name).orElse("?")
                    + " failed first.");
        }
        return result.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
