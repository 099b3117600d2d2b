package org.casefunds.examples.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.casefunds.examples.demo.DemoCourt;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.formats.logins.LoginsFile;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqliteOptions;

/**
 * The dashboard over a small demonstration court in a folder, on a free port of this machine, and
 * a client that asks it as the court's finance officer: with a password for pages, with a token for
 * the API.
 */
final class DemoDashboard implements AutoCloseable {
    static final String PASSWORD = "demo-dashboard-2025";
    /** How long a test waits for one answer before it fails. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    final Dashboard dashboard;
    final String token = Passwords.newSecret();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Builds a court of 20 cases in {@code folder} and serves it. */
    DemoDashboard(Path folder) throws IOException {
        Path file = folder.resolve("court.db");
        DemoCourt court = DemoCourt.of(new DemoCourt.Settings(7, 20, 2025), Policy.defaults(),
                WorkingDayCalendar.china());
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), court.clock())) {
            court.run(ledger, (day, count) -> { });
        }
        Path logins = folder.resolve("logins.json");
        LoginsFile.empty().with(new LoginsFile.Login(DemoCourt.FINANCE_PERSON,
                Optional.of(Passwords.hash(PASSWORD.toCharArray())),
                List.of(new LoginsFile.Token("test", Passwords.sha256(token), Clock.systemUTC().instant()))))
                .write(logins);
        LedgerSource source = new LedgerSource() {
            @Override
            public Ledger openForReading() {
                return Ledger.open(SqlLedger.sqliteReadOnly(file, SqliteOptions.defaults()), Policy.defaults(),
                        Clock.systemUTC());
            }

            @Override
            public CourtReports reports(Ledger opened) {
                return SqlLedger.reports(opened, WorkingDayCalendar.china());
            }

            @Override
            public String location() {
                return file.toString();
            }
        };
        dashboard = Dashboard.start(new Dashboard.Settings(source, logins, "127.0.0.1", 0, Clock.systemUTC()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + dashboard.port() + path);
    }

    /** {@code path}, with {@code header} set when it is not null. */
    HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(ANSWER_LIMIT);
        if (header != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An API answer, with the finance officer's token. */
    HttpResponse<String> api(String path) throws IOException, InterruptedException {
        return get(path, "Authorization", "Bearer " + token);
    }

    /** The login form sent as the finance officer, unanswered redirect and all. */
    HttpResponse<String> login() throws IOException, InterruptedException {
        String form = "person=" + DemoCourt.FINANCE_PERSON + "&password=" + URLEncoder.encode(PASSWORD,
                StandardCharsets.UTF_8) + "&next=/double-zero";
        return client.send(HttpRequest.newBuilder(uri("/login")).timeout(ANSWER_LIMIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie {@code login} set, {@code cf_session=...}. */
    static String sessionCookie(HttpResponse<String> login) {
        return login.headers().allValues("Set-Cookie").stream()
                .filter(each -> each.startsWith(Dashboard.SESSION_COOKIE + "=")).findFirst().orElseThrow()
                .split(";", 2)[0];
    }

    @Override
    public void close() {
        dashboard.close();
    }
}
