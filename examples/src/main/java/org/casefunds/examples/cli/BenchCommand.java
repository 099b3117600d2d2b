package org.casefunds.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.casefunds.examples.bench.Bench;
import org.casefunds.ledger.formats.Json;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code casefunds bench}: the throughput and latency figures of the README, measured here. */
@CommandLine.Command(name = "bench", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Measures the ledger on data it builds itself (the demonstration court, deterministic):"
            + " batched appends and one durable commit per command on SQLite (synchronous FULL and NORMAL) beside"
            + " plain JDBC writing the same rows, and 8 callers at once sharing commits; PostgreSQL with 1, 2, 4"
            + " and 8 courts writing at once (with"
            + " --postgres-url); then, on a journal of --events events, double zero, the three-colour list, the"
            + " weekly report, balances, verify, the dashboard (its double-zero page and API answer, then 50 readers"
            + " at once beside a writer), reconcile, and our balances beside hledger's and Ledger's.",
            "Each figure is the median of --runs runs, with the spread and the peak heap; the dashboard's readers"
                + " run once, for --web-seconds. Run it with"
                + " `java -Xmx512m -jar casefunds.jar bench` to hold it to 512 MB of heap."})
final class BenchCommand implements Callable<Integer> {
    private static final String QUICK_EVENTS = "20000";
    private static final String QUICK_APPEND_EVENTS = "5000";
    private static final String QUICK_SINGLE_COMMITS = "50";
    private static final String QUICK_WEB_SECONDS = "5";

    @Option(names = "--dir", paramLabel = "FOLDER", defaultValue = "target/bench",
            description = "Where its files go (about 1.3 GB at a million events). Default: ${DEFAULT-VALUE}.")
    Path folder;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Events in the large journal. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--append-events", paramLabel = "N", defaultValue = "50000",
            description = "Events in each batched append run. Default: ${DEFAULT-VALUE}.")
    long appendEvents;

    @Option(names = "--single-commits", paramLabel = "N", defaultValue = "300",
            description = "Commands in each single-commit run. Default: ${DEFAULT-VALUE}.")
    int singleCommits;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs per figure, of which the median is reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--postgres-url", paramLabel = "JDBC_URL",
            description = "A PostgreSQL database to measure too, e.g. jdbc:postgresql://localhost/bench.")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "NAME", defaultValue = "postgres", description = "Default: postgres.")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "TEXT", defaultValue = "", description = "Default: none.")
    String postgresPassword;

    @Option(names = "--no-tools", description = "Do not run hledger and Ledger beside our balances.")
    boolean noTools;

    @Option(names = "--no-web", description = "Do not measure the dashboard on the large journal.")
    boolean noWeb;

    @Option(names = "--web-seconds", paramLabel = "N", defaultValue = "30",
            description = "How long the dashboard's 50 readers ask at once beside a writer. Default: ${DEFAULT-VALUE}.")
    int webSeconds;

    @Option(names = "--quick", description = "A small run, to see that every figure runs (a minute or two; the"
            + " figures mean little): --events " + QUICK_EVENTS + " --append-events " + QUICK_APPEND_EVENTS
            + " --single-commits " + QUICK_SINGLE_COMMITS + " --runs 1 --web-seconds " + QUICK_WEB_SECONDS
            + " --no-tools, unless given otherwise.")
    boolean quick;

    @Option(names = "--index-costs", description = "Only measure what each secondary index of the schema costs"
            + " plain JDBC writes of the ledger's rows, then stop.")
    boolean indexCosts;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path jsonFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            CommandLine.ParseResult given = spec.commandLine().getParseResult();
            events = given.hasMatchedOption("--events") ? events : Long.parseLong(QUICK_EVENTS);
            appendEvents = given.hasMatchedOption("--append-events") ? appendEvents : Long.parseLong(QUICK_APPEND_EVENTS);
            singleCommits = given.hasMatchedOption("--single-commits") ? singleCommits
                    : Integer.parseInt(QUICK_SINGLE_COMMITS);
            runs = given.hasMatchedOption("--runs") ? runs : 1;
            webSeconds = given.hasMatchedOption("--web-seconds") ? webSeconds : Integer.parseInt(QUICK_WEB_SECONDS);
            noTools = true;
        }
        if (events < 1_000 || appendEvents < 1_000 || singleCommits < 1 || runs < 1 || webSeconds < 1) {
            throw new Casefunds.BadInput("--events and --append-events must be at least 1000, --single-commits,"
                    + " --runs and --web-seconds at least 1");
        }
        PGSimpleDataSource postgres = null;
        if (postgresUrl != null) {
            postgres = new PGSimpleDataSource();
            postgres.setUrl(postgresUrl);
            postgres.setUser(postgresUser);
            postgres.setPassword(postgresPassword);
            postgres.setReWriteBatchedInserts(true);
        }
        List<?> figures = Bench.run(new Bench.Settings(folder, events, appendEvents, singleCommits, runs, postgres,
                !noTools, indexCosts, !noWeb, Duration.ofSeconds(webSeconds)), spec.commandLine().getOut());
        if (jsonFile != null) {
            Files.writeString(jsonFile, Json.MAPPER.writeValueAsString(figures));
        }
        return ExitCodes.OK;
    }
}
