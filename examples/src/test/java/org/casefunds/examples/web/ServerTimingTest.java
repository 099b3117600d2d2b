package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: every page and every API answer of the dashboard, errors and redirects included, says how
 * long the server took with {@code Server-Timing: app;dur=MILLIS}, so that a browser's developer
 * tools and the benchmark read the server's own time rather than the network's.
 *
 * <p>Method: the dashboard serves a small demonstration court ({@link DemoDashboard}); the finance
 * officer logs in with a password and asks with a token, as the benchmark does. Only the header's
 * form is checked, never a duration.
 */
class ServerTimingTest {
    @TempDir
    static Path folder;

    private static DemoDashboard served;

    @BeforeAll
    static void serveTheDemoCourt() throws Exception {
        served = new DemoDashboard(folder);
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    private static void assertTimed(HttpResponse<String> response) {
        String timing = response.headers().firstValue(Dashboard.SERVER_TIMING).orElse("(none)");
        assertTrue(timing.matches("app;dur=\\d+\\.\\d"), response.uri() + " " + response.statusCode()
                + ": Server-Timing " + timing);
    }

    @Test
    void theApiAnswerIsTimed() throws Exception {
        HttpResponse<String> response = served.api("/api/v1/double-zero?date=2025-12-31");
        assertEquals(200, response.statusCode(), response.body());
        assertTimed(response);
    }

    @Test
    void anApiRefusalIsTimed() throws Exception {
        HttpResponse<String> response = served.get("/api/v1/double-zero?date=2025-12-31", "Authorization",
                "Bearer wrong");
        assertEquals(401, response.statusCode(), response.body());
        assertTimed(response);
    }

    @Test
    void theLoginAndThePageAreTimed() throws Exception {
        HttpResponse<String> login = served.login();
        assertEquals(302, login.statusCode(), login.body());
        assertTimed(login);
        HttpResponse<String> page = served.get("/double-zero?date=2025-12-31", "Cookie",
                DemoDashboard.sessionCookie(login));
        assertEquals(200, page.statusCode(), page.body());
        assertTimed(page);
    }

    @Test
    void aPageNotFoundIsTimed() throws Exception {
        HttpResponse<String> response = served.get("/no-such-page", null, null);
        assertEquals(404, response.statusCode());
        assertTimed(response);
    }
}
