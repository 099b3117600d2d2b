package org.casefunds.examples.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.clock.RulesInForce;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.DoubleZero;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds double-zero}: the daily check finance and supervisors run. */
@CommandLine.Command(name = "double-zero", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Is the court double zero (双清零) on a date: no overdue unpaid money and no unidentified"
            + " money? Prints the strict and lenient figures, then the three-colour list: overdue (red), near"
            + " deadline (yellow), newly arrived (green), each in its colour on a terminal (not with --json, nor"
            + " when the environment sets NO_COLOR)."})
final class DoubleZeroCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The date. Default: today in Beijing.")
    LocalDate asOf;

    @Option(names = "--json", description = "Print JSON: {doubleZero, list}.")
    boolean json;

    @Option(names = "--fail-unless-zero", description = "Exit with 1 unless the court is strictly double zero.")
    boolean failUnlessZero;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Lines of the three-colour list to print (JSON has all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalDate date = Dates.orToday(asOf);
        DoubleZero doubleZero;
        List<CaseLotStatus> list;
        try (Ledger opened = ledger.openForReading()) {
            CourtReports reports = ledger.reports(opened);
            doubleZero = reports.doubleZero(date);
            list = reports.dailyList(date);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("doubleZero", doubleZero);
            outcome.put("list", list);
            out.println(Json.MAPPER.writeValueAsString(outcome));
        } else {
            print(doubleZero, list, out, limit, spec.commandLine().getColorScheme().ansi());
        }
        return failUnlessZero && !doubleZero.strict() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /**
     * Prints the figures and the first {@code limit} lines of the three-colour list, each flagged in
     * its colour where {@code ansi} is enabled: picocli's {@link CommandLine.Help.Ansi#AUTO} colours
     * only a terminal, and never when the environment sets NO_COLOR.
     */
    static void print(DoubleZero doubleZero, List<CaseLotStatus> list, java.io.PrintWriter out, int limit,
            CommandLine.Help.Ansi ansi) {
        out.printf("Double zero on %s: strict %s, lenient %s%n", doubleZero.date(), yes(doubleZero.strict()),
                yes(doubleZero.lenient()));
        printRules(doubleZero.rules(), out);
        Table figures = new Table("currency", ">overdue unnoticed", ">lots", ">cases", ">of which provisional",
                ">notices late at finance", ">amount", ">unidentified", ">receipts", ">past claiming deadline");
        for (DoubleZero.Figures each : doubleZero.currencies()) {
            figures.row(each.currency(), each.overdueAmount().getAmount(), each.overdueLots(), each.overdueCases(),
                    each.overdueProvisionalAmount().getAmount(), each.financeOverdueNotices(),
                    each.financeOverdueAmount().getAmount(), each.unidentifiedAmount().getAmount(),
                    each.unidentifiedReceipts(), each.unidentifiedPastDeadlineAmount().getAmount());
        }
        figures.print(out);
        if (list.isEmpty()) {
            out.println("Nothing overdue, near its deadline or newly arrived.");
            return;
        }
        out.println();
        Table lines = new Table("flag", "case", "handler", ">amount", "arrived", "deadline", ">working days left");
        int shown = 0;
        for (CaseLotStatus line : list) {
            if (shown++ == limit) {
                break;
            }
            LotStatus status = line.status();
            lines.row(flag(status.colour(), ansi), line.caseNumber(), line.handler(), Dates.money(status.amount()),
                    status.lot().arrivalDate(), status.deadline() + (status.provisional() ? " (provisional)" : ""),
                    status.daysLeft());
        }
        lines.print(out);
        if (list.size() > limit) {
            out.printf("... and %d more (--limit, or --json for all)%n", list.size() - limit);
        }
    }

    /** The policy and calendar a report was computed under, and what to do about provisional years. */
    static void printRules(RulesInForce.Description rules, java.io.PrintWriter out) {
        out.printf("Policy: %s%n", rules.policySource());
        out.printf("Calendar: %s%n", String.join("; ", rules.calendarSources()));
        if (!rules.provisionalYears().isEmpty()) {
            out.printf("Provisional: %s%n", rules.howToAdopt());
        }
    }

    /** The flag of a line of the list, in its own colour where {@code ansi} shows colours. */
    private static CommandLine.Help.Ansi.Text flag(LotStatus.Colour colour, CommandLine.Help.Ansi ansi) {
        switch (colour) {
            case RED:
                return ansi.text("@|red red (overdue)|@");
            case YELLOW:
                return ansi.text("@|yellow yellow (near deadline)|@");
            case GREEN:
                return ansi.text("@|green green (new)|@");
            default:
                return ansi.text("");
        }
    }

    private static String yes(boolean value) {
        return value ? "YES" : "no";
    }
}
