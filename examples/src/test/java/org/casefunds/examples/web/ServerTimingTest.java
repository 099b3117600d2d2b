package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: every page and every API answer of the dashboard, errors and redirects included, says how
 * long the server took with {@code Server-Timing: app;dur=MILLIS}, so that a browser's developer
 * tools and the benchmark read the server's own time rather than the network's.
 *
 * <p>Method: the dashboard serves a small demonstration court on a free port of this machine; the
 * finance officer logs in with a password and asks with a token, as the benchmark does. Only the
 * header's form is checked, never a duration.
 */
class ServerTimingTest {
    private static final String PASSWORD = "timing-test-2025";
    private static final String TOKEN = Passwords.newSecret();

    @TempDir
    static Path folder;

    private static Dashboard dashboard;
    private static HttpClient client;

    @BeforeAll
    static void serveTheDemoCourt() throws IOException {
        Path file = folder.resolve("court.db");
        DemoCourt court = DemoCourt.of(new DemoCourt.Settings(7, 20, 2025), Policy.defaults(),
                WorkingDayCalendar.china());
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), court.clock())) {
            court.run(ledger, (day, count) -> { });
        }
        Path logins = folder.resolve("logins.json");
        LoginsFile.empty().with(new LoginsFile.Login(DemoCourt.FINANCE_PERSON,
                Optional.of(Passwords.hash(PASSWORD.toCharArray())),
                List.of(new LoginsFile.Token("test", Passwords.sha256(TOKEN), Clock.systemUTC().instant()))))
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
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path));
        if (header != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTimed(HttpResponse<String> response) {
        String timing = response.headers().firstValue(Dashboard.SERVER_TIMING).orElse("(none)");
        assertTrue(timing.matches("app;dur=\\d+\\.\\d"), response.uri() + " " + response.statusCode()
                + ": Server-Timing " + timing);
    }

    @Test
    void theApiAnswerIsTimed() throws Exception {
        HttpResponse<String> response = get("/api/v1/double-zero?date=2025-12-31", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        assertTimed(response);
    }

    @Test
    void anApiRefusalIsTimed() throws Exception {
        HttpResponse<String> response = get("/api/v1/double-zero?date=2025-12-31", "Authorization", "Bearer wrong");
        assertEquals(401, response.statusCode(), response.body());
        assertTimed(response);
    }

    @Test
    void theLoginAndThePageAreTimed() throws Exception {
        String form = "person=" + DemoCourt.FINANCE_PERSON + "&password=" + URLEncoder.encode(PASSWORD,
                StandardCharsets.UTF_8) + "&next=/double-zero";
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + dashboard.port() + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        assertTimed(login);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(each -> each.startsWith(Dashboard.SESSION_COOKIE + "=")).findFirst().orElseThrow()
                .split(";", 2)[0];
        HttpResponse<String> page = get("/double-zero?date=2025-12-31", "Cookie", cookie);
        assertEquals(200, page.statusCode(), page.body());
        assertTimed(page);
    }

    @Test
    void aPageNotFoundIsTimed() throws Exception {
        HttpResponse<String> response = get("/no-such-page", null, null);
        assertEquals(404, response.statusCode());
        assertTimed(response);
    }
}
