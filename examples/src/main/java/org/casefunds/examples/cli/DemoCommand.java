package org.casefunds.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.casefunds.examples.demo.DemoCourt;
import org.casefunds.examples.reading.Readings;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.UnidentifiedEntry;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds demo}: builds a year of a simulated court in a new ledger and shows its dashboard. */
@CommandLine.Command(name = "demo", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Builds a realistic year of one court (北京市第二中级人民法院, 京02) in a new ledger (a file, or"
            + " a PostgreSQL schema), on the real working-day calendar: thousands of cases; money routed by"
            + " sub-account, by case number and left unidentified; claims, refunds, fees, transfers, distributions,"
            + " deposits, deferrals, returned payments; most money noticed in time, a few overdue at the year's end."
            + " Then prints the double-zero dashboard of the year's last day.",
            "The same seed gives the same ledger, to the last hash, in a file or in a PostgreSQL schema."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Mixin
    LoginsOption logins;

    @Mixin
    LanguageOption language;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2025",
            description = "The random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "2000",
            description = "How many cases the court opens in the year. Default: ${DEFAULT-VALUE}.")
    int cases;

    @Option(names = "--year", paramLabel = "YEAR", defaultValue = "2025",
            description = "The year simulated; the calendar must cover it and the two months after. Default: "
                    + "${DEFAULT-VALUE}.")
    int year;

    @Option(names = "--replace", description = "Replace the ledger file if it exists; with a PostgreSQL --db, drop"
            + " the schema if it holds a ledger and make it again.")
    boolean replace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ledger.refuseWhatIf();
        PrintWriter out = spec.commandLine().getOut();
        DemoCourt court = DemoCourt.of(new DemoCourt.Settings(seed, cases, year), ledger.policy(),
                WorkingDayCalendar.china());
        long started = System.nanoTime();
        Built built = ledger.isPostgres() ? buildInSchema(court) : buildInFile(court);
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.printf("Built a year of %s (%s) in %s: %d cases, %d commands in %.1f s (%d commands/s).%n",
                DemoCourt.COURT_NAME, DemoCourt.COURT_CODE, ledger.describe(), cases, built.commands(),
                millis / 1000.0, millis == 0 ? built.commands() : built.commands() * 1000 / millis);
        out.printf("Seed %d; last hash %s (the same seed gives the same hash).%n", seed, built.lastHash());
        out.println("What happened: " + court.counts());
        if (ledger.isPostgres() && logins.logins == null) {
            out.println("No logins for the dashboard were written: a ledger in a database keeps no file beside it;"
                    + " add --logins FILE to write them.");
        } else {
            Path loginsFile = logins.file(ledger.db);
            DemoLogins.write(loginsFile);
            out.printf("Logins for the dashboard (`casefunds serve %s%s`) are in %s.%n", ledger.dbOptions(),
                    ledger.isPostgres() ? " --logins " + loginsFile : "", loginsFile);
            DemoLogins.print(out);
        }
        out.println();
        dashboard(court.lastDay(), out);
        return ExitCodes.OK;
    }

    /** What building the year gave: how many commands were applied, and the last event's hash. */
    private record Built(long commands, String lastHash) {
    }

    /** The year, built in a file of its own and moved into place only when complete. */
    private Built buildInFile(DemoCourt court) throws IOException {
        Path file = ledger.file().orElseThrow();
        Path target = file.toAbsolutePath();
        if (Files.exists(target) && !replace) {
            throw new Casefunds.BadInput("--db " + file + " exists; give a new path, or add --replace to"
                    + " build the demonstration again in its place");
        }
        Path building = target.resolveSibling(target.getFileName() + ".building");
        deleteWithJournal(building);
        Built built;
        try (Ledger opened = ledger.create(building, court.clock())) {
            built = run(court, opened);
        } catch (RuntimeException failed) {
            deleteWithJournal(building);
            throw failed;
        }
        deleteWithJournal(target);
        Files.move(building, target, StandardCopyOption.REPLACE_EXISTING);
        return built;
    }

    /**
     * The year, built in the PostgreSQL schema: a schema that holds a ledger already is refused,
     * or with {@code --replace} dropped and made again; a year that fails half-way is dropped.
     */
    private Built buildInSchema(DemoCourt court) {
        if (ledger.schemaHoldsLedger()) {
            if (!replace) {
                throw new Casefunds.BadInput("--schema " + ledger.schema() + " of --db " + ledger.location()
                        + " already holds a ledger; give another --schema, or add --replace to drop the schema and"
                        + " build the demonstration again in it");
            }
            ledger.dropLedgerSchema();
        }
        Ledger opened = ledger.create(court.clock());
        try (opened) {
            return run(court, opened);
        } catch (RuntimeException failed) {
            try {
                ledger.dropLedgerSchema();
            } catch (RuntimeException notDropped) {
                failed.addSuppressed(notDropped);
            }
            throw failed;
        }
    }

    /** Runs the simulated year on {@code opened}, with a bar of the days simulated on a terminal. */
    private static Built run(DemoCourt court, Ledger opened) {
        long commands;
        try (TerminalProgress progress = TerminalProgress.start("demo " + court.lastDay().getYear(), "days",
                court.lastDay().getDayOfYear())) {
            commands = court.run(opened, (day, count) -> progress.stepTo(day.getDayOfYear()));
        }
        return new Built(commands, opened.view().lastHash());
    }

    private void dashboard(LocalDate date, PrintWriter out) {
        try (Ledger opened = ledger.openForReading()) {
            CourtReports reports = ledger.reports(opened);
            DoubleZeroCommand.print(Readings.doubleZero(reports, date), language.tables(), out, 15,
                    spec.commandLine().getColorScheme().ansi());
            List<UnidentifiedEntry> unidentified = reports.unidentified(date);
            out.println();
            out.printf("Unidentified receipts on %s: %d (see `casefunds report unidentified %s --as-of %s`)%n",
                    date, unidentified.size(), ledger.dbOptions(), date);
        }
        out.println();
        out.println("Next: casefunds verify " + ledger.dbOptions() + "; casefunds balances " + ledger.dbOptions()
                + "; casefunds report weekly " + ledger.dbOptions() + " --to " + date);
    }

    private static void deleteWithJournal(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }
}
