package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.Callable;
import org.casefunds.examples.reading.Readings;
import org.casefunds.examples.reading.ReportKind;
import org.casefunds.examples.reading.ReportRequest;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.tables.ReportTables;
import org.casefunds.ledger.money.Amounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds report ...}: the reports the courts produce. */
@Command(name = "report", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "The courts' reports, for any past date or period.",
        subcommands = {ReportCommand.Weekly.class, ReportCommand.LargeBalances.class, ReportCommand.PayoutTimes.class,
            ReportCommand.OldBalances.class, ReportCommand.Unidentified.class, ReportCommand.Deferrals.class,
            ReportCommand.Handlers.class, ReportCommand.Notices.class, ReportCommand.Usage.class,
            ReportCommand.Staff.class})
final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every report takes: the ledger, JSON or tables in a language. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        LedgerOptions ledger;

        @Mixin
        LanguageOption language;

        @Option(names = "--json", description = "Print JSON instead of tables.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The report. */
        abstract ReportKind kind();

        /** What it is asked for. */
        abstract ReportRequest request();

        /**
         * Computes the report in one snapshot of the ledger, then prints it as JSON ({@code {"report":
         * ..., "rules": ..., "digest": ..., "snapshot": {"sequence": N}}}, as the dashboard's API
         * answers) or as its tables in the chosen language: the policy and calendar it was computed
         * under, the tables, the digest of the journal for the reports that end with one, and the event
         * the snapshot ends at.
         */
        @Override
        public Integer call() throws Exception {
            ReportRequest request = request();
            Readings.ReportReading reading;
            try (Ledger opened = ledger.openForReading()) {
                reading = Readings.report(opened, ledger.reports(opened), kind(), request);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(reading.json()));
                return ExitCodes.OK;
            }
            ReportTables tables = language.tables();
            tables.rulesLines(reading.rules()).forEach(out::println);
            for (ReportTable table : kind().tables(tables, request, reading.report())) {
                out.println();
                Table.print(table, out);
            }
            reading.digest().ifPresent(digest -> {
                out.println();
                tables.digestLines(digest).forEach(out::println);
            });
            out.println();
            out.println(tables.labels().text("snapshot", ledger.describe(),
                    String.valueOf(reading.snapshot())));
            return ExitCodes.OK;
        }
    }

    /** A report about one date. */
    abstract static class OnDate extends Base {
        @Option(names = "--as-of", paramLabel = "DATE", description = "The date. Default: today in Beijing.")
        LocalDate asOf;

        @Override
        ReportRequest request() {
            return ReportRequest.on(Dates.orToday(asOf));
        }
    }

    /** A report about a period. */
    abstract static class OverPeriod extends Base {
        @Option(names = "--from", paramLabel = "DATE", description = "The first day. Default: a week before --to.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "The last day. Default: the last Sunday.")
        LocalDate to;

        @Option(names = "--currency", paramLabel = "CODE", defaultValue = "CNY", description = "Default: CNY.")
        String currency;

        @Override
        ReportRequest request() {
            LocalDate last = to != null ? to : Dates.today().with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalDate first = from != null ? from : last.minusDays(6);
            if (first.isAfter(last)) {
                throw new Casefunds.BadInput("--from " + first + ": is after --to " + last
                        + "; give the period's first day first");
            }
            return ReportRequest.over(first, last, Amounts.currency(currency, "--currency"));
        }
    }

    @Command(name = "weekly", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The weekly fund report: received, claimed, noticed, paid, returned, held, per handler; it"
                    + " ends with the digest of the journal it was computed from.")
    static final class Weekly extends OverPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.WEEKLY;
        }
    }

    @Command(name = "handlers", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Per handler: cases, received, noticed, paid, held, overdue, days from arrival to notice.")
    static final class Handlers extends OverPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.HANDLERS;
        }
    }

    @Command(name = "large-balances", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The monthly report: cases holding at least the policy's threshold (default 1,000,000.00)"
                    + " and why each is not paid; it ends with the digest of the journal it was computed from.")
    static final class LargeBalances extends OnDate {
        @Override
        ReportKind kind() {
            return ReportKind.LARGE_BALANCES;
        }
    }

    @Command(name = "payout-time", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Average payout time (arrival to notice, and to bank payment; per item and by amount)"
                    + " and the timeliness rate of the notices of a period.")
    static final class PayoutTimes extends OverPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.PAYOUT_TIME;
        }
    }

    @Command(name = "old-balances", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Money that arrived on or before a cut-off (default: the policy's, 2022-12-31) and is still"
                    + " held, with days held (旧存案款).")
    static final class OldBalances extends OnDate {
        @Option(names = "--cutoff", paramLabel = "DATE", description = "Default: the policy's old-balances cut-off.")
        LocalDate cutoff;

        @Override
        ReportKind kind() {
            return ReportKind.OLD_BALANCES;
        }

        @Override
        ReportRequest request() {
            return cutoff == null ? super.request() : super.request().withCutoff(cutoff);
        }
    }

    @Command(name = "unidentified", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Unidentified receipts (不明款) still holding money, with age and claiming deadline.")
    static final class Unidentified extends OnDate {
        @Override
        ReportKind kind() {
            return ReportKind.UNIDENTIFIED;
        }
    }

    @Command(name = "deferrals", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Deferrals ending within the warning horizon, and deferrals that ended without a lift.")
    static final class Deferrals extends OnDate {
        @Override
        ReportKind kind() {
            return ReportKind.DEFERRALS;
        }
    }

    @Command(name = "staff", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Who held which role on a date, and every change of the staff register up to it, with who"
                    + " asked for it and who approved it: the review of permissions.")
    static final class Staff extends OnDate {
        @Override
        ReportKind kind() {
            return ReportKind.STAFF;
        }
    }

    @Command(name = "documents", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Notices, refunds and deposits finance has not had paid within its deadline.")
    static final class Notices extends OnDate {
        @Override
        ReportKind kind() {
            return ReportKind.DOCUMENTS;
        }
    }

    @Command(name = "usage", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The one-case-one-account usage rate: receipts routed by their sub-account.")
    static final class Usage extends OverPeriod {
        @Override
        ReportKind kind() {
            return ReportKind.USAGE;
        }
    }

}
