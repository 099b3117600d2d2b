package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.casefunds.examples.reading.Readings;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.tables.ReportTables;
import org.casefunds.ledger.reports.CaseLotStatus;
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

    @Mixin
    LanguageOption language;

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
        Readings.DoubleZeroReading reading;
        try (Ledger opened = ledger.openForReading()) {
            reading = Readings.doubleZero(ledger.reports(opened), date);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(reading.json()));
        } else {
            print(reading, language.tables(), out, limit, spec.commandLine().getColorScheme().ansi());
        }
        return failUnlessZero && !reading.doubleZero().strict() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /**
     * Prints the verdict, the rules it was computed under, the figures and the first {@code limit}
     * lines of the three-colour list, each flagged in its colour where {@code ansi} is enabled:
     * picocli's {@link CommandLine.Help.Ansi#AUTO} colours only a terminal, and never when the
     * environment sets NO_COLOR.
     */
    static void print(Readings.DoubleZeroReading reading, ReportTables tables, PrintWriter out, int limit,
            CommandLine.Help.Ansi ansi) {
        DoubleZero doubleZero = reading.doubleZero();
        out.println(tables.doubleZeroVerdict(doubleZero));
        tables.rulesLines(doubleZero.rules()).forEach(out::println);
        out.println();
        Table.print(tables.doubleZero(doubleZero), out);
        out.println();
        List<CaseLotStatus> list = reading.list();
        Table.print(tables.threeColourList(doubleZero.date(), list.subList(0, Math.min(limit, list.size()))), out,
                ansi);
        if (list.size() > limit) {
            out.println(tables.labels().text("more-lines", String.valueOf(list.size() - limit)));
        }
    }
}
