package org.casefunds.examples.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.examples.web.Dashboard;

/**
 * The benchmark's browser and case system: asks the dashboard for pages (with a session cookie,
 * after logging in) and API answers (with a token) over this machine's loopback, and keeps of each
 * answer its status, its size, the time the server says it took ({@code Server-Timing}) and the time
 * the client waited. One client serves many threads at once.
 */
final class DashboardClient {
    /** How long one answer may take before it counts as an error. */
    private static final Duration ANSWER_LIMIT = Duration.ofMinutes(2);
    private static final Pattern SERVER_TIME = Pattern.compile("app;dur=([0-9.]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param bytes the body's length
     * @param serverMillis the server's own time, from {@code Server-Timing}; NaN when it sent none
     * @param wallMillis from sending the request to the whole body received
     */
    record Answer(int status, long bytes, double serverMillis, double wallMillis) {
    }

    DashboardClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Logs {@code person} in with {@code password}; the session's cookie, {@code cf_session=...}. */
    String login(String person, String password) throws IOException, InterruptedException {
        String form = "person=" + URLEncoder.encode(person, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=/double-zero";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(ANSWER_LIMIT)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(Dashboard.SESSION_COOKIE + "="))
                .map(cookie -> cookie.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("logging in as " + person + " gave status "
                        + answer.statusCode() + " and no session: " + answer.body()));
    }

    /** A page, as the person of the session {@code cookie} sees it. */
    Answer page(String path, String cookie) throws IOException, InterruptedException {
        return get(path, "Cookie", cookie);
    }

    /** An API answer, for the holder of {@code token}. */
    Answer api(String path, String token) throws IOException, InterruptedException {
        return get(path, "Authorization", "Bearer " + token);
    }

    private Answer get(String path, String header, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header(header, value)
                .timeout(ANSWER_LIMIT).GET().build();
        long started = System.nanoTime();
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double wall = (System.nanoTime() - started) / 1e6;
        double server = answer.headers().firstValue(Dashboard.SERVER_TIMING).map(SERVER_TIME::matcher)
                .filter(Matcher::find).map(found -> Double.parseDouble(found.group(1))).orElse(Double.NaN);
        return new Answer(answer.statusCode(), answer.body().length, server, wall);
    }
}
