package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the dashboard's JSON API answers what its OpenAPI document promises, with the figures the
 * command line prints, to a token only, and only what the token's person may read; every refusal is
 * a JSON error naming the field and the value at fault, never a stack trace; and reading it writes
 * nothing to the ledger.
 *
 * <p>Method: the packaged jar builds the demonstration court (300 cases, seed 2025, its year ending
 * on 2025-12-31) once for the test run (the dashboard's test classes only read it), issues tokens
 * for its finance officer, a handler (judge.zhao) and its auditor with {@code casefunds login token}, and runs {@code casefunds serve --port 0} in
 * the background; a real HTTP client calls every path of the served {@code openapi.json} with and
 * without a token, and compares the answers with what {@code double-zero --json} and {@code report
 * ... --json} print for the same dates. Last, {@code verify} must pass and the journal's last hash
 * be the one the demonstration ended on. Where the ledger is kept is {@link #ledger(Path)}: a file
 * here, a PostgreSQL schema in {@link DashboardApiPostgresIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardApiIT {
    static final String FINANCE = "fin.li";
    static final String HANDLER = "judge.zhao";
    static final String AUDITOR = "aud.zheng";
    /** A day on which the demonstration court (seed 2025, 300 cases) has judge.zhao's money and others' on the list. */
    static final String HANDLERS_DAY = "2025-12-25";
    private static final String[] DOUBLE_ZERO = {"double-zero", "--as-of", DemoLedger.LAST_DAY, "--json"};
    /** Each report the API answers, and the command that prints it. */
    private static final Map<String, String[]> REPORTS = Map.of(
            "/api/v1/reports/weekly?from=2025-12-22&to=2025-12-28",
            new String[] {"report", "weekly", "--from", "2025-12-22", "--to", "2025-12-28", "--json"},
            "/api/v1/reports/large-balances?date=" + DemoLedger.LAST_DAY,
            new String[] {"report", "large-balances", "--as-of", DemoLedger.LAST_DAY, "--json"},
            "/api/v1/reports/payout-time?from=2025-12-01&to=" + DemoLedger.LAST_DAY,
            new String[] {"report", "payout-time", "--from", "2025-12-01", "--to", DemoLedger.LAST_DAY, "--json"});

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private DemoLedger ledger;
    private ServerProcess server;
    private String demoLastHash;

    /** Where the class keeps its demonstration court: a ledger file in {@code folder}. */
    protected DemoLedger ledger(Path folder) {
        return DemoLedger.shared("file");
    }

    @BeforeAll
    void serveTheDemonstrationCourt(@TempDir Path folder) {
        ledger = ledger(folder);
        demoLastHash = ledger.buildDemo(300);
        // What the commands print, the server and the tokens are made side by side; the server reads
        // the logins file at each request.
        ledger.printAhead(DOUBLE_ZERO);
        REPORTS.values().forEach(ledger::printAhead);
        server = ServerProcess.start(ledger.withLogins("serve"));
        for (String person : List.of(FINANCE, HANDLER, AUDITOR)) {
            tokens.put(person, ledger.token(person));
        }
        server.base();
    }

    @AfterAll
    void stopTheServer() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (ledger != null) {
                ledger.close();
            }
        }
    }

    // ------------------------------------------------------------------ the client

    /** One answer of the server. */
    record Answer(String uri, int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body());
            } catch (IOException e) {
                throw new AssertionError(uri + " answered what is not JSON:\n" + body(), e);
            }
        }

        /** Fails unless the status is {@code expected}; returns the JSON body. */
        JsonNode expect(int expected) {
            assertEquals(expected, status, () -> "GET " + uri + "\n" + body());
            return json();
        }

        /** Fails unless this is a JSON error of {@code status} naming {@code field}; returns the error. */
        JsonNode error(int expected, String field) {
            JsonNode error = expect(expected).path("error");
            assertEquals(expected, error.path("status").asInt(), body());
            assertFalse(error.path("code").asText().isEmpty(), body());
            assertFalse(error.path("message").asText().isEmpty(), body());
            if (field != null) {
                assertEquals(field, error.path("field").asText(), body());
            }
            return error;
        }
    }

    /** GET {@code pathAndQuery} (encoded) with {@code person}'s token, or none when null. */
    Answer get(String pathAndQuery, String person) {
        return getWith(pathAndQuery, person == null ? null : "Bearer " + tokens.get(person));
    }

    /** GET {@code pathAndQuery} with this Authorization header (none when null); checks no answer is a stack trace. */
    Answer getWith(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        String shown = pathAndQuery.length() > 200 ? pathAndQuery.substring(0, 200) + "…" : pathAndQuery;
        assertNoStackTrace(shown, response.body());
        if (pathAndQuery.startsWith("/api/")) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    () -> "GET " + shown + " answered " + response.headers().firstValue("Content-Type") + ":\n"
                            + response.body());
        }
        return new Answer(shown, response.statusCode(), response);
    }

    static void assertNoStackTrace(String what, String body) {
        assertFalse(body.contains("at org.") || body.contains("at java.") || body.contains("Exception"),
                () -> what + " answered a stack trace or an exception's name:\n" + body);
    }

    /** A path segment, percent-encoded (a space as %20). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The three-colour list on {@code date} as finance reads it. */
    JsonNode wholeList(String date) {
        return get("/api/v1/double-zero?date=" + date, FINANCE).expect(200).get("list");
    }

    /** A case on the list of {@code date} whose handler is not judge.zhao. */
    String othersCase(String date) {
        for (JsonNode line : wholeList(date)) {
            if (!line.get("handler").asText().equals(HANDLER)) {
                return line.get("caseNumber").asText();
            }
        }
        throw new AssertionError("no case of another handler on the list of " + date);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void everyEndpointOfTheOpenApiDocumentAnswersATokenAndNothingElse() {
        JsonNode document = get("/api/v1/openapi.json", null).expect(200);
        Set<String> paths = new TreeSet<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        assertTrue(paths.containsAll(Set.of("/api/v1/me", "/api/v1/double-zero", "/api/v1/double-zero/trend",
                "/api/v1/cases/{number}", "/api/v1/cases/{number}/history", "/api/v1/unidentified",
                "/api/v1/reports/{name}", "/api/v1/verification")), paths::toString);
        String someCase = encode(othersCase(DemoLedger.LAST_DAY));

        List<String> called = new ArrayList<>();
        for (String path : paths) {
            JsonNode operations = document.get("paths").get(path);
            List<String> methods = new ArrayList<>();
            operations.fieldNames().forEachRemaining(methods::add);
            assertEquals(List.of("get"), methods, path + ": the API only reads");
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : operations.get("get").path("parameters")) {
                if (parameter.get("name").asText().equals("name")) {
                    parameter.path("schema").path("enum").forEach(each -> names.add(each.asText()));
                }
            }
            List<String> urls = new ArrayList<>();
            String withCase = path.replace("{number}", someCase);
            if (withCase.contains("{name}")) {
                assertFalse(names.isEmpty(), path + " lists the names it takes");
                names.forEach(name -> urls.add(withCase.replace("{name}", name)));
            } else {
                urls.add(withCase);
            }
            for (String url : urls) {
                assertFalse(url.contains("{"), url);
                for (String person : List.of(FINANCE, AUDITOR)) {
                    JsonNode answer = get(url, person).expect(200);
                    assertTrue(answer.isObject() && !answer.has("error"), url + ": " + answer);
                }
                Answer refused = get(url, null);
                refused.error(401, "Authorization");
                assertTrue(refused.header("WWW-Authenticate").orElse("").startsWith("Bearer"),
                        () -> url + " asks for a Bearer token: " + refused.response().headers());
                called.add(url);
            }
        }
        // Eight paths, the reports' path once per report.
        assertTrue(called.size() >= 17, called::toString);
    }

    @Test
    void aForgedOrMalformedTokenIsRefused() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String finance = tokens.get(FINANCE);
        String altered = finance.substring(0, finance.length() - 1) + (finance.endsWith("A") ? "B" : "A");
        for (String token : List.of(forged, altered)) {
            Answer refused = getWith("/api/v1/double-zero", "Bearer " + token);
            refused.error(401, "Authorization");
            assertTrue(refused.header("WWW-Authenticate").orElse("").contains("invalid_token"),
                    () -> refused.response().headers().toString());
        }
        for (String header : List.of("Bearer ", "Basic ZmluLmxpOmRlbW8tZmluYW5jZS0yMDI1", finance)) {
            getWith("/api/v1/me", header).error(401, "Authorization");
        }
        assertEquals(FINANCE, getWith("/api/v1/me", "Bearer " + finance).expect(200).get("person").asText());
    }

    @Test
    void doubleZeroIsWhatTheCommandLinePrints() {
        JsonNode printed = ledger.printed(DOUBLE_ZERO);
        JsonNode answered = get("/api/v1/double-zero?date=" + DemoLedger.LAST_DAY, FINANCE).expect(200);
        assertTrue(printed.get("list").size() > 0, "the list has lines to compare");
        assertEquals(printed, answered);
    }

    @Test
    void theReportsAreWhatTheCommandLinePrints() {
        for (Map.Entry<String, String[]> each : REPORTS.entrySet()) {
            JsonNode printed = ledger.printed(each.getValue());
            JsonNode answered = get(each.getKey(), FINANCE).expect(200);
            assertEquals(printed.get("report"), answered.get("report"), each.getKey());
            assertEquals(printed.get("rules"), answered.get("rules"), each.getKey());
            assertEquals(printed.get("snapshot"), answered.get("snapshot"), each.getKey());
            if (printed.has("digest")) {
                // The digest is made when asked: all but its time is the journal's.
                ObjectNode digest = ((ObjectNode) printed.get("digest").deepCopy());
                ObjectNode answeredDigest = ((ObjectNode) answered.get("digest").deepCopy());
                digest.remove("madeAt");
                answeredDigest.remove("madeAt");
                assertEquals(digest, answeredDigest, each.getKey());
                assertEquals(demoLastHash, answeredDigest.get("headHash").asText());
            }
        }
        JsonNode weekly = get("/api/v1/reports/weekly?from=2025-12-22&to=2025-12-28", FINANCE).expect(200);
        assertTrue(weekly.at("/report/received/count").asInt() > 0, "the week has money to compare");
        assertTrue(get("/api/v1/reports/large-balances?date=" + DemoLedger.LAST_DAY, FINANCE).expect(200)
                .get("report").size() > 0, "the month has large balances to compare");
        assertTrue(get("/api/v1/reports/payout-time?from=2025-12-01&to=" + DemoLedger.LAST_DAY, FINANCE)
                .expect(200).at("/report/pieces").asInt() > 0, "December has payouts to compare");
    }

    @Test
    void aBadDateIsRefusedNamingTheFieldAndTheValue() {
        String someCase = encode(othersCase(DemoLedger.LAST_DAY));
        for (String value : List.of("2025-13-01", "yesterday", "2025-02-30")) {
            for (String path : List.of("/api/v1/double-zero", "/api/v1/double-zero/trend", "/api/v1/unidentified",
                    "/api/v1/reports/large-balances", "/api/v1/reports/weekly", "/api/v1/cases/" + someCase)) {
                JsonNode error = get(path + "?date=" + value, FINANCE).error(400, "date");
                assertEquals(value, error.get("value").asText());
                assertTrue(error.get("message").asText().contains(value), error::toString);
            }
            for (String field : List.of("from", "to")) {
                JsonNode error = get("/api/v1/reports/weekly?" + field + "=" + value, FINANCE).error(400, field);
                assertEquals(value, error.get("value").asText());
            }
        }
        JsonNode backwards = get("/api/v1/reports/payout-time?from=2025-12-29&to=2025-12-28", FINANCE)
                .error(400, "from");
        assertEquals("2025-12-29", backwards.get("value").asText());
        assertTrue(backwards.get("message").asText().contains("2025-12-28"), backwards::toString);
        get("/api/v1/reports/weekly?to=2025-12-28&currency=yuan", FINANCE).error(400, "currency");
    }

    @Test
    void anUnknownReportIsNotFoundByItsName() {
        JsonNode error = get("/api/v1/reports/monthly-summary", FINANCE).error(404, "report");
        assertEquals("monthly-summary", error.get("value").asText());
        assertTrue(error.get("message").asText().contains("monthly-summary"), error::toString);
        assertTrue(error.get("message").asText().contains("weekly"), () -> "the reports there are: " + error);
    }

    @Test
    void anUnknownCaseIsNotFoundAndWhatIsNoCaseNumberIsBad() {
        for (String path : List.of("/api/v1/cases/%s", "/api/v1/cases/%s/history")) {
            JsonNode error = get(String.format(path, encode("（2025）京02执99999号")), FINANCE).error(404, "case");
            assertEquals("（2025）京02执99999号", error.get("value").asText());
            assertTrue(error.get("message").asText().contains("（2025）京02执99999号"), error::toString);
            JsonNode bad = get(String.format(path, encode("case 287")), FINANCE).error(400, "case");
            assertEquals("case 287", bad.get("value").asText());
        }
    }

    @Test
    void anUnknownPathIsNoRoute() {
        JsonNode error = get("/api/v1/balances", FINANCE).error(404, "path");
        assertEquals("/api/v1/balances", error.get("value").asText());
    }

    @Test
    void aCaseNumberIsFoundInTheFormsPeopleWriteIt() {
        String canonical = othersCase(DemoLedger.LAST_DAY);
        CaseNumber number = CaseNumber.parse(canonical);
        String court = number.courtCode();
        String type = number.typeCode();
        long sequence = number.sequence();
        int year = number.year();
        JsonNode expected = get("/api/v1/cases/" + encode(canonical) + "?date=" + DemoLedger.LAST_DAY, FINANCE)
                .expect(200);
        assertEquals(canonical, expected.at("/case/caseNumber").asText());
        assertTrue(expected.get("lots").size() > 0, "the case holds money to compare");
        String fullWidthDigits = ("(" + year + ")" + court + type + sequence + "号").chars()
                .map(c -> c >= '0' && c <= '9' ? c - '0' + '０' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        List<String> forms = List.of(
                "(" + year + ")" + court + type + sequence + "号",
                " （" + year + "） " + court + " " + type + " " + sequence + " 号 ",
                "（" + year + "）" + court + type + sequence,
                "（" + year + "）" + court + type + "000" + sequence + "号",
                "〔" + year + "〕" + court + type + sequence + "号",
                "[" + year + "]" + court + type + sequence + "号",
                "【" + year + "】\u3000" + court + type + sequence + "号",
                fullWidthDigits);
        for (String form : forms) {
            assertEquals(number, CaseNumber.parse(form), form);
            JsonNode found = get("/api/v1/cases/" + encode(form) + "?date=" + DemoLedger.LAST_DAY, FINANCE).expect(200);
            assertEquals(expected, found, "the case written as '" + form + "'");
            JsonNode history = get("/api/v1/cases/" + encode(form) + "/history", FINANCE).expect(200);
            assertEquals(canonical, history.get("case").asText(), form);
            assertTrue(history.get("events").size() > 0, form);
        }
    }

    @Test
    void aHandlerReadsTheirOwnCasesOnly() {
        JsonNode whole = wholeList(HANDLERS_DAY);
        ArrayNode theirs = Json.MAPPER.createArrayNode();
        whole.forEach(line -> {
            if (line.get("handler").asText().equals(HANDLER)) {
                theirs.add(line);
            }
        });
        assertFalse(theirs.isEmpty(), "the demonstration court gives " + HANDLER + " money on " + HANDLERS_DAY);
        assertTrue(whole.size() > theirs.size(), "and others too");

        JsonNode handlers = get("/api/v1/double-zero?date=" + HANDLERS_DAY, HANDLER).expect(200);
        assertEquals(theirs, handlers.get("list"), "the handler's list holds their cases, all of them");
        for (String date : List.of(DemoLedger.LAST_DAY, "2025-07-16")) {
            for (JsonNode line : get("/api/v1/double-zero?date=" + date, HANDLER).expect(200).get("list")) {
                assertEquals(HANDLER, line.get("handler").asText(), line.toString());
            }
        }

        String own = encode(theirs.get(0).get("caseNumber").asText());
        assertEquals(HANDLER, get("/api/v1/cases/" + own, HANDLER).expect(200).at("/case/handler").asText());
        get("/api/v1/cases/" + own + "/history", HANDLER).expect(200);
        String others = encode(othersCase(HANDLERS_DAY));
        for (String path : List.of("/api/v1/cases/" + others, "/api/v1/cases/" + others + "/history")) {
            JsonNode error = get(path, HANDLER).error(403, null);
            assertEquals("NOT_YOUR_CASE", error.get("code").asText());
            assertFalse(error.toString().contains("\"lots\""), error::toString);
        }
        for (String path : List.of("/api/v1/unidentified", "/api/v1/reports/weekly", "/api/v1/reports/staff")) {
            assertEquals("WHOLE_COURT_ONLY", get(path, HANDLER).error(403, null).get("code").asText(), path);
        }
        assertEquals(HANDLER, get("/api/v1/me", HANDLER).expect(200).get("person").asText());
    }

    @Test
    void aHugeQueryStringIsRefusedAsJson() {
        for (int length : List.of(Dashboard.QUERY_LENGTH_MAX + 1, 3_000, 20_000, 60_000)) {
            String query = "date=2025-12-31&pad=" + "x".repeat(length);
            for (String person : java.util.Arrays.asList(FINANCE, null)) {
                Answer answer = get("/api/v1/double-zero?" + query, person);
                JsonNode error = answer.error(414, null);
                assertNotEquals("", error.get("message").asText());
                assertTrue(answer.body().length() < 2_000, "the answer does not echo the query: " + answer.body());
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void readingWroteNothing() {
        assertEquals(demoLastHash, ledger.verify(), "the journal ends where the demonstration left it");
        JsonNode verification = get("/api/v1/verification", AUDITOR).expect(200);
        assertTrue(verification.get("ok").asBoolean(), verification::toString);
        assertEquals(demoLastHash, verification.at("/digest/headHash").asText());
        String errors = server.errors();
        assertFalse(errors.contains("Exception") || errors.contains("\tat "), () -> "the server failed on a request:\n"
                + errors);
    }
}
