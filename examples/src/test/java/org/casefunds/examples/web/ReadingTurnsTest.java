package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: pages and API answers take turns to read the ledger ({@link Dashboard#READINGS_AT_ONCE} at
 * once), and every one gets its turn: a reading that fails gives its turn back, and many readers at
 * once are all answered.
 *
 * <p>Method: the dashboard serves a small demonstration court ({@link DemoDashboard}); more refused
 * readings than there are turns are asked one after the other, then a good one; then many at once,
 * pages and API answers mixed. A turn kept by mistake would leave a request waiting until the
 * client's limit ({@link DemoDashboard#ANSWER_LIMIT}) fails the test.
 */
class ReadingTurnsTest {
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

    @Test
    void aRefusedReadingGivesItsTurnBack() throws Exception {
        for (int i = 0; i < Dashboard.READINGS_AT_ONCE + 2; i++) {
            HttpResponse<String> refused = served.api("/api/v1/double-zero?date=yesterday");
            assertEquals(400, refused.statusCode(), refused.body());
        }
        HttpResponse<String> answered = served.api("/api/v1/double-zero?date=2025-12-31");
        assertEquals(200, answered.statusCode(), answered.body());
    }

    @Test
    void manyReadersAtOnceAreAllAnswered() throws Exception {
        String cookie = DemoDashboard.sessionCookie(served.login());
        int readers = 4 * Dashboard.READINGS_AT_ONCE;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                boolean page = i % 2 == 0;
                answers.add(pool.submit(() -> page ? served.get("/double-zero?date=2025-12-31", "Cookie", cookie)
                        : served.api("/api/v1/double-zero?date=2025-12-31")));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertEquals(200, response.statusCode(), response.uri() + ": " + response.body());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
