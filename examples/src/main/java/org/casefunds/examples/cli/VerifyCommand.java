package org.casefunds.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.LedgerException;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.journal.ChainVerifier;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.StateComparison;
import org.joda.money.CurrencyUnit;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds verify}: the four checks an auditor runs on a ledger file. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Verifies a ledger file: (1) the hash chain of every event, (2) the trial balance of every"
            + " posting, (3) the control identity (bank = cases + unidentified + in transit + fees),"
            + " (4) a replay of the journal equals the balances and records the file keeps.",
            "Exit code 0 only when all four hold; otherwise the first failure is named."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One check and what it found. */
    record Check(String name, boolean ok, String detail) {
    }

    @Override
    public Integer call() throws Exception {
        List<Check> checks = new ArrayList<>();
        try (Ledger opened = ledger.open()) {
            ChainVerifier.Result chain = opened.verifyChain();
            checks.add(new Check("hash chain", chain.ok(), chain.ok() ? chain.eventsVerified() + " events verified"
                    : "first failure at " + chain.failure().get()));
            Map<CurrencyUnit, long[]> trial = new TreeMap<>();
            LedgerState replay = null;
            String replayProblem = null;
            try (Stream<Event> events = opened.events(1)) {
                replay = LedgerState.empty();
                for (java.util.Iterator<Event> each = events.iterator(); each.hasNext();) {
                    Event event = each.next();
                    for (Posting posting : event.postings()) {
                        long[] sums = trial.computeIfAbsent(posting.amount().getCurrencyUnit(), key -> new long[2]);
                        sums[posting.side() == Side.DEBIT ? 0 : 1] += posting.amount().getAmountMinorLong();
                    }
                    replay.apply(event);
                }
            } catch (LedgerException broken) {
                replayProblem = broken.getMessage();
            }
            checks.add(trialBalance(trial));
            checks.add(controlIdentity(opened));
            if (replayProblem != null) {
                checks.add(new Check("replay equals the file", false, "the journal does not replay: " + replayProblem));
            } else {
                List<String> differences = StateComparison.differences(replay, (LedgerState) opened.view(), 5);
                checks.add(new Check("replay equals the file", differences.isEmpty(), differences.isEmpty()
                        ? "the balances, lots, receipts, notices, deferrals and cases kept equal a replay"
                        : String.join("; ", differences)));
            }
        }
        boolean ok = checks.stream().allMatch(Check::ok);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("ok", ok);
            outcome.put("checks", checks);
            out.println(Json.MAPPER.writeValueAsString(outcome));
        } else {
            Table table = new Table("check", "result", "detail");
            checks.forEach(check -> table.row(check.name(), check.ok() ? "ok" : "FAILED", check.detail()));
            table.print(out);
            out.println(ok ? "The ledger verifies." : "The ledger does NOT verify: " + checks.stream()
                    .filter(check -> !check.ok()).findFirst().map(Check::name).orElse("?") + " failed first.");
        }
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static Check trialBalance(Map<CurrencyUnit, long[]> trial) {
        List<String> off = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        trial.forEach((currency, sums) -> {
            detail.append(detail.length() == 0 ? "" : "; ").append(currency).append(" debits = credits = ")
                    .append(org.joda.money.Money.ofMinor(currency, sums[0]).getAmount().toPlainString());
            if (sums[0] != sums[1]) {
                off.add(currency + " debits " + sums[0] + " but credits " + sums[1] + " (minor units)");
            }
        });
        return new Check("trial balance", off.isEmpty(), off.isEmpty()
                ? (detail.length() == 0 ? "no postings" : detail.toString()) : String.join("; ", off));
    }

    private static Check controlIdentity(Ledger opened) {
        Map<CurrencyUnit, long[]> sums = new TreeMap<>();
        for (AccountBalance balance : opened.view().balances()) {
            long[] each = sums.computeIfAbsent(balance.posted().getCurrencyUnit(), key -> new long[2]);
            each[balance.account().kind() == AccountKind.BANK ? 0 : 1] += balance.posted().getAmountMinorLong();
        }
        List<String> off = new ArrayList<>();
        sums.forEach((currency, each) -> {
            if (each[0] != each[1]) {
                off.add(currency + ": bank " + org.joda.money.Money.ofMinor(currency, each[0]) + " but the rest "
                        + org.joda.money.Money.ofMinor(currency, each[1]));
            }
        });
        return new Check("control identity", off.isEmpty(), off.isEmpty()
                ? "bank = cases + unidentified + in transit + fees, in every currency" : String.join("; ", off));
    }
}
