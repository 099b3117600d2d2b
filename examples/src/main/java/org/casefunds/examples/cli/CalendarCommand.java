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
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.events.CalendarYearAdopted;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.config.ConfigFiles;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.UnidentifiedEntry;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code casefunds calendar}: the working-day calendar a ledger counts its deadlines on. */
@CommandLine.Command(name = "calendar", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"The working-day calendar deadlines are counted on: the State Council's schedules shipped"
            + " for 2008-2026, provisional years computed from the statutory holidays after them, and the years"
            + " a court adopted (recorded in its journal)."},
        subcommands = {CalendarCommand.Show.class, CalendarCommand.Adopt.class, CalendarCommand.Check.class})
final class CalendarCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The calendar of a ledger, or the shipped one without {@code --db}. */
    static WorkingDayCalendar calendarOf(String db, LedgerOptions options) {
        if (db == null) {
            return WorkingDayCalendar.china();
        }
        try (Ledger opened = options.openForReading()) {
            return opened.view().courtRules().calendar(WorkingDayCalendar.china());
        }
    }

    /** {@code calendar show YEAR}. */
    @CommandLine.Command(name = "show", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = {"Prints a year's rest days and adjusted working days, where they come from, and whether"
                + " the year is official, a court's own or provisional. With --db, as the ledger has it."})
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "YEAR", description = "The year, e.g. 2027.")
        int year;

        @Option(names = "--db", paramLabel = "FILE|JDBC_URL",
                description = "A ledger (a file, or a PostgreSQL JDBC URL): show the year as it adopted it.")
        String db;

        @Option(names = "--schema", paramLabel = "NAME",
                description = "With a PostgreSQL --db: the schema of the court's ledger. Default: "
                        + LedgerOptions.DEFAULT_SCHEMA + ".")
        String schema;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (db == null && schema != null) {
                throw new Casefunds.BadInput("--schema " + schema + ": names the schema of a PostgreSQL --db; add"
                        + " --db " + LedgerOptions.POSTGRES_URL_PREFIX + "//HOST/DATABASE, or leave it out");
            }
            LedgerOptions options = new LedgerOptions();
            options.db = db;
            options.schema = schema;
            WorkingDayCalendar calendar = calendarOf(db, options);
            CalendarYear data = calendar.year(year).orElseThrow(() -> new Casefunds.BadInput("YEAR " + year
                    + " is not in the calendar (it holds " + calendar.firstDate().getYear() + "-"
                    + calendar.lastDate().getYear() + "); adopt its schedule with `casefunds calendar adopt FILE`"));
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("year", year);
                shown.put("kind", data.source().kind());
                shown.put("documents", data.source().documents());
                shown.put("restDays", data.restDays());
                shown.put("adjustedWorkingDays", data.adjustedWorkingDays());
                shown.put("workingDays", workingDays(calendar, year));
                out.println(Json.MAPPER.writeValueAsString(shown));
                return ExitCodes.OK;
            }
            out.printf("%d: %s%n", year, data.source().describe());
            if (data.isProvisional()) {
                out.println("Provisional: the statutory holidays of the 2024 Measures, weekends and make-up days for"
                        + " holidays on weekends, no adjusted working days. Adopt the State Council's schedule the day"
                        + " it is published: casefunds calendar adopt FILE --db LEDGER --approver ID");
            }
            out.printf("Rest days (%d listed): %s%n", data.restDays().size(), ranges(new ArrayList<>(data.restDays())));
            out.printf("Adjusted working days (调休上班): %s%n", data.adjustedWorkingDays().isEmpty() ? "none"
                    : data.adjustedWorkingDays());
            out.printf("Working days in the year: %d%n", workingDays(calendar, year));
            return ExitCodes.OK;
        }

        private static int workingDays(WorkingDayCalendar calendar, int year) {
            int count = 0;
            for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                count += calendar.isWorkingDay(day) ? 1 : 0;
            }
            return count;
        }

        /** {@code 2027-01-01, 2027-02-05..2027-02-10, ...}. */
        private static String ranges(List<LocalDate> days) {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                int j = i;
                while (j + 1 < days.size() && days.get(j + 1).equals(days.get(j).plusDays(1))) {
                    j++;
                }
                written.add(i == j ? days.get(i).toString() : days.get(i) + ".." + days.get(j));
                i = j;
            }
            return String.join(", ", written);
        }
    }

    /** {@code calendar adopt FILE}. */
    @CommandLine.Command(name = "adopt", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = {"Adopts the years of a calendar file (the State Council's schedule when it is published,"
                + " or a court's own adjustment) into the ledger's journal: one event a year, all or none, approved"
                + " by the bureau director. Replacing a year already held with other days needs --reason.",
                "The file: {\"years\": [{\"year\": 2027, \"kind\": \"OFFICIAL\", \"documents\": [{\"number\": ...,"
                + " \"date\": ..., \"title\": ...}], \"restDays\": [\"2027-01-01\", \"2027-02-05..2027-02-12\"],"
                + " \"adjustedWorkingDays\": [\"2027-02-14\"]}]}"})
    static final class Adopt implements Callable<Integer> {
        @Mixin
        LedgerOptions ledger;

        @Parameters(paramLabel = "FILE", description = "The calendar file (JSON).")
        Path file;

        @Option(names = "--actor", required = true, paramLabel = "ID",
                description = "Who adopts it: a finance officer in the staff register.")
        String actor;

        @Option(names = "--approver", required = true, paramLabel = "ID",
                description = "The bureau director who approves the adoption.")
        String approver;

        @Option(names = "--reason", paramLabel = "TEXT",
                description = "Why a year already held is replaced (required then).")
        String reason;

        @Option(names = "--on", paramLabel = "DATE", description = "The adoption's date. Default: today in Beijing.")
        LocalDate on;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new Casefunds.BadInput("FILE " + file + " is not a file; give the calendar file to adopt");
            }
            List<CalendarYear> years = ConfigFiles.readCalendarYears(file);
            LocalDate day = Dates.orToday(on);
            List<Command> commands = new ArrayList<>();
            for (CalendarYear year : years) {
                commands.add(Command.of("calendar:" + year.year() + ":" + day + ":" + digest(year), Actor.of(actor,
                        Role.FINANCE), day, new AdoptCalendarYear(year, Optional.ofNullable(reason)))
                        .approvedBy(Approval.of(approver, Role.BUREAU_DIRECTOR)));
            }
            try (Ledger opened = ledger.openForWriting()) {
                LedgerOptions.checkBeforeWriting(opened);
                BatchResult result = opened.executeAll(commands);
                if (!result.applied()) {
                    throw result.refusal().get().reason();
                }
                var out = spec.commandLine().getOut();
                for (CommandResult each : result.results()) {
                    CalendarYear year = ((CalendarYearAdopted) each.event().payload()).year();
                    out.printf("%d adopted as event %d on %s: %s%s%n", year.year(), each.event().sequence(),
                            day, year.source().describe(), each.repeated() ? " (already adopted, nothing changed)" : "");
                }
            }
            return ExitCodes.OK;
        }

        /** A short digest of the year's data, so that the same file adopted again is recognised. */
        private static String digest(CalendarYear year) {
            return CanonicalCodec.sha256(year.toString()).substring(0, 12);
        }
    }

    /** {@code calendar check}. */
    @CommandLine.Command(name = "check", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = {"Which years of the ledger's calendar are provisional, and which open deadlines depend on"
                + " them: they move when the year's official schedule is adopted."})
    static final class Check implements Callable<Integer> {
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
            List<CaseLotStatus> lots = new ArrayList<>();
            List<UnidentifiedEntry> unidentified = new ArrayList<>();
            WorkingDayCalendar calendar;
            CourtRules rules;
            try (Ledger opened = ledger.openForReading()) {
                CourtReports reports = ledger.reports(opened);
                calendar = reports.rulesOn(date).calendar();
                rules = opened.view().courtRules();
                reports.caseLots(date).stream().filter(line -> line.status().provisional()).forEach(lots::add);
                reports.unidentified(date).stream().filter(UnidentifiedEntry::provisional).forEach(unidentified::add);
            }
            List<Integer> provisional = calendar.provisionalYears().stream()
                    .filter(year -> year <= date.getYear() + 1).toList();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("date", date);
                shown.put("provisionalYears", provisional);
                shown.put("adoptedYears", rules.latestYears().keySet());
                shown.put("lots", lots);
                shown.put("unidentified", unidentified);
                out.println(Json.MAPPER.writeValueAsString(shown));
                return ExitCodes.OK;
            }
            out.printf("Calendar on %s: official %d-%d, adopted %s, provisional from %s (up to next year shown: %s)%n",
                    date, 2008, lastOfficial(calendar), rules.latestYears().keySet(),
                    calendar.provisionalYears().isEmpty() ? "-" : calendar.provisionalYears().first(), provisional);
            out.printf("%d open amount(s) on cases and %d unidentified receipt(s) have a deadline counted through a"
                    + " provisional year%n", lots.size(), unidentified.size());
            Table table = new Table("case", ">amount", "arrived", "deadline (provisional)");
            for (CaseLotStatus line : lots) {
                table.row(line.caseNumber(), Dates.money(line.status().amount()), line.status().lot().arrivalDate(),
                        line.status().deadline());
            }
            for (UnidentifiedEntry entry : unidentified) {
                table.row("unidentified " + entry.bankReference(), Dates.money(entry.remaining()), entry.arrivalDate(),
                        entry.claimingDeadline());
            }
            if (!lots.isEmpty() || !unidentified.isEmpty()) {
                table.print(out);
                out.println("Adopt the State Council's schedule when it is published: casefunds calendar adopt FILE"
                        + " " + ledger.dbOptions() + " --approver ID");
            }
            return ExitCodes.OK;
        }

        private static int lastOfficial(WorkingDayCalendar calendar) {
            int last = calendar.firstDate().getYear();
            for (int year : calendar.years()) {
                if (!calendar.source(year).orElseThrow().isProvisional()) {
                    last = year;
                }
            }
            return last;
        }
    }
}
