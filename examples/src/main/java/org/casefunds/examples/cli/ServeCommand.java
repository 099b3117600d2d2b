package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casefunds.examples.web.Dashboard;
import org.casefunds.examples.web.LedgerSource;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.reports.CourtReports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds serve}: the finance office's screen, in a browser. */
@Command(name = "serve", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = {"Serves the dashboard: double zero with its trend and three-colour list, cases, unidentified"
            + " money, the reports with their Excel files, and the verification status, in Chinese (English on"
            + " request); and the JSON API under /api/v1 (its OpenAPI document at /api/v1/openapi.json). It only"
            + " reads the ledger. People log in with a password set by `casefunds login password`.",
            "With --demo and a ledger file that does not exist, builds the demonstration court there first and"
            + " gives its finance officer, a handler and its auditor demonstration passwords."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledger;

    @Mixin
    LoginsOption logins;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on: 127.0.0.1 (this machine only, the default) or 0.0.0.0 (the"
                    + " court's network, behind its HTTPS proxy).")
    String host;

    @Option(names = "--demo", description = "Build the demonstration court first if the ledger file does not exist.")
    boolean demo;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new Casefunds.BadInput("--port " + port + ": give a port from 1 to 65535 (0 for any free one)");
        }
        PrintWriter out = spec.commandLine().getOut();
        String db = ledger.db;
        Path loginsFile = logins.file(db);
        if (demo && ledger.isPostgres()) {
            throw new Casefunds.BadInput("--demo: builds the demonstration into a new ledger file; for a database,"
                    + " build it with `casefunds demo " + ledger.dbOptions() + " --logins FILE` and serve it");
        }
        if (demo && !Files.exists(Path.of(db))) {
            int built = new CommandLine(new DemoCommand()).setOut(out).setErr(spec.commandLine().getErr())
                    .execute("--db", db, "--logins", loginsFile.toString());
            if (built != ExitCodes.OK) {
                return built;
            }
        }
        ledger.openForReading().close();
        LedgerSource source = new LedgerSource() {
            @Override
            public Ledger openForReading() {
                return ledger.openForReading();
            }

            @Override
            public CourtReports reports(Ledger opened) {
                return ledger.reports(opened);
            }

            @Override
            public String location() {
                return ledger.describe();
            }
        };
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(new Dashboard.Settings(source, loginsFile, host, port, Clock.systemUTC()));
        } catch (RuntimeException e) {
            throw new Casefunds.BadInput("--port " + port + ": cannot listen on " + host + ":" + port + " ("
                    + rootMessage(e) + "); choose another port with --port", e);
        }
        out.printf("Serving %s at http://%s:%d/ (logins in %s). Stop with Ctrl-C.%n", ledger.describe(),
                host.equals("0.0.0.0") ? "localhost" : host, dashboard.port(), loginsFile);
        if (demo) {
            DemoLogins.print(out);
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }));
        stopped.await();
        return ExitCodes.OK;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
