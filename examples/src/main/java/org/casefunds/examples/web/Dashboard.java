package org.casefunds.examples.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import org.casefunds.examples.reading.Readings;
import org.casefunds.examples.reading.ReportKind;
import org.casefunds.examples.reading.ReportRequest;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.base.NotFoundException;
import org.casefunds.ledger.base.PermissionDeniedException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.DisbursementIssue;
import org.casefunds.ledger.events.DistributionIssued;
import org.casefunds.ledger.events.DistributionShare;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.logins.LoginsFile;
import org.casefunds.ledger.formats.tables.Labels;
import org.casefunds.ledger.formats.tables.Language;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.tables.ReportTables;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.money.Amounts;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.reports.UnidentifiedEntry;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Receipt;
import org.casefunds.ledger.unidentified.Screening;
import org.casefunds.ledger.unidentified.Suggestion;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The finance office's screen ({@code casefunds serve}): server-rendered pages in Chinese (English on
 * request) and a JSON API under {@code /api/v1}, over one ledger, read-only. Pages need a login (a
 * person of the staff register with a password in the logins file); the API needs a token from the
 * same file. What each person sees follows the roles they hold today ({@link Viewer}).
 *
 * <p>Every figure comes from the same report code the command line prints; every page and every
 * answer reads one snapshot of the ledger. Errors are a page or a JSON object naming the field and
 * the value, never a stack trace.
 */
public final class Dashboard implements AutoCloseable {
    /** The session cookie. */
    public static final String SESSION_COOKIE = "cf_session";
    /** The language cookie. */
    public static final String LANGUAGE_COOKIE = "cf_lang";
    /** The longest query string served. */
    public static final int QUERY_LENGTH_MAX = 2_000;
    /** The weeks of the double-zero trend. */
    public static final int TREND_WEEKS = 12;
    /**
     * How many pages and API answers read the ledger at once; the others wait their turn, in the order
     * they came. A reading of a large ledger holds the money waiting in memory (a few hundred MB for
     * the double-zero page at a million events) and keeps a processor busy, so more at once would only
     * share the processors and fill the heap: 50 readers of double zero at once on the million-event
     * journal ran a 1 GB heap out and the server spent its time collecting garbage.
     */
    public static final int READINGS_AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** The courts' time zone: "today" is Beijing's. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /**
     * The response header that gives the server's own time for a request, in milliseconds:
     * {@code Server-Timing: app;dur=MILLIS}.
     */
    public static final String SERVER_TIMING = "Server-Timing";
    private static final String WORDS = "org.casefunds.examples.web.web";
    /** The request attribute holding when handling began ({@link System#nanoTime()}). */
    private static final String STARTED = "casefunds.started";

    private final Settings settings;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Pages pages = new Pages();
    private final Semaphore readings = new Semaphore(READINGS_AT_ONCE, true);
    private final Javalin app;

    /**
     * How the dashboard runs.
     *
     * @param ledgers where it reads the ledger
     * @param logins the logins file (passwords and tokens)
     * @param host the address to listen on ({@code 127.0.0.1} for this machine only)
     * @param port the port; 0 for any free port
     * @param clock the time, for "today", sessions and throttling
     */
    public record Settings(LedgerSource ledgers, Path logins, String host, int port, Clock clock) {
    }

    private Dashboard(Settings settings) {
        this.settings = settings;
        this.sessions = new Sessions(settings.clock());
        this.throttle = new LoginThrottle(settings.clock());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.staticFiles.add("/org/casefunds/examples/web/assets", io.javalin.http.staticfiles.Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.http.maxRequestSize = 64 * 1024;
            config.jetty.modifyServer(server -> server.setErrorHandler(new RefusedRequests()));
            config.routes.before(Dashboard::startTiming);
            config.routes.before(this::secureHeaders);
            config.routes.get("/", ctx -> ctx.redirect("/double-zero"));
            config.routes.get("/health", ctx -> ctx.result("ok"));
            config.routes.get("/login", this::loginPage);
            config.routes.post("/login", this::login);
            config.routes.post("/logout", this::logout);
            config.routes.get("/double-zero", ctx -> page(ctx, this::doubleZeroPage));
            config.routes.get("/double-zero/trend.json", ctx -> page(ctx, this::trendJson));
            config.routes.get("/cases", ctx -> page(ctx, this::caseSearch));
            config.routes.get("/cases/{number}", ctx -> page(ctx, this::casePage));
            config.routes.get("/unidentified", ctx -> page(ctx, this::unidentifiedPage));
            config.routes.get("/reports", ctx -> page(ctx, this::reportsIndex));
            config.routes.get("/reports/{name}", ctx -> page(ctx, this::reportPage));
            config.routes.get("/verification", ctx -> page(ctx, this::verificationPage));
            config.routes.post("/*", this::refusePost);
            config.routes.get("/api/v1/openapi.json", this::openApi);
            config.routes.get("/api/v1/me", ctx -> api(ctx, this::apiMe));
            config.routes.get("/api/v1/double-zero", ctx -> api(ctx, this::apiDoubleZero));
            config.routes.get("/api/v1/double-zero/trend", ctx -> api(ctx, this::apiTrend));
            config.routes.get("/api/v1/cases/{number}", ctx -> api(ctx, this::apiCase));
            config.routes.get("/api/v1/cases/{number}/history", ctx -> api(ctx, this::apiCaseHistory));
            config.routes.get("/api/v1/unidentified", ctx -> api(ctx, this::apiUnidentified));
            config.routes.get("/api/v1/reports/{name}", ctx -> api(ctx, this::apiReport));
            config.routes.get("/api/v1/verification", ctx -> api(ctx, this::apiVerification));
            config.routes.exception(Exception.class, this::failed);
            config.routes.error(404, this::notFound);
            config.routes.after(Dashboard::serverTiming);
        });
    }

    /** Starts the dashboard; it serves until {@link #close()}. */
    public static Dashboard start(Settings settings) {
        Dashboard dashboard = new Dashboard(settings);
        dashboard.app.start();
        return dashboard;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Stops serving. */
    @Override
    public void close() {
        app.stop();
    }

    // ------------------------------------------------------------------ requests

    /** What one request is about: its language and, once logged in, who is looking. */
    private record Request(Context ctx, Language language, Labels words, ReportTables tables,
            Optional<Sessions.Session> session, Optional<Viewer> viewer) {
        Viewer who() {
            return viewer.orElseThrow();
        }
    }

    /** A page's handler: the template and model it renders, or a JSON body it returns. */
    @FunctionalInterface
    private interface PageHandler {
        Object handle(Request request, Ledger opened, CourtReports reports) throws Exception;
    }

    /** A page: the template and its model. */
    private record Page(String template, Map<String, Object> model) {
    }

    /** A download: a file name, its type and bytes. */
    private record Download(String fileName, String contentType, byte[] bytes) {
    }

    /** Notes when the dashboard began to handle the request, for {@link #serverTiming}. */
    private static void startTiming(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /**
     * Tells the client how long the server took, from the start of handling to the body being ready
     * (before it is sent), waiting for a turn to read the ledger included ({@link #READINGS_AT_ONCE}):
     * {@code Server-Timing: app;dur=912.4}, in milliseconds, as browsers' developer tools and the
     * benchmark read it. It runs after every page and answer, errors included.
     */
    private static void serverTiming(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            ctx.header(SERVER_TIMING, String.format(Locale.ROOT, "app;dur=%.1f",
                    (System.nanoTime() - started) / 1e6));
        }
    }

    private void secureHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        String query = ctx.queryString();
        if (query != null && query.length() > QUERY_LENGTH_MAX) {
            throw new WebError(414, "QUERY_TOO_LONG", "query", null, "the query string has " + query.length()
                    + " characters; at most " + QUERY_LENGTH_MAX + " are read");
        }
    }

    private Language language(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null) {
            Language language;
            try {
                language = Language.parse(asked, "lang");
            } catch (IllegalArgumentException e) {
                throw WebError.badValue("lang", asked, "the dashboard speaks zh (中文) or en");
            }
            ctx.header("Set-Cookie", LANGUAGE_COOKIE + "=" + language.code() + "; Path=/; Max-Age=31536000;"
                    + " SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
            return language;
        }
        String remembered = ctx.cookie(LANGUAGE_COOKIE);
        return "en".equals(remembered) ? Language.ENGLISH : Language.CHINESE;
    }

    /** Whether the session cookie may be marked Secure: over HTTPS, or on this machine, which browsers trust. */
    private static boolean secure(Context ctx) {
        String host = ctx.req().getServerName();
        return "https".equalsIgnoreCase(ctx.req().getScheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
                || "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private Request request(Context ctx) {
        Language language = language(ctx);
        return new Request(ctx, language, Labels.of(WORDS, language), ReportTables.in(language), Optional.empty(),
                Optional.empty());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(settings.clock().instant(), BEIJING);
    }

    /** Runs a page's handler for a logged-in viewer, on one snapshot of the ledger. */
    private void page(Context ctx, PageHandler handler) throws Exception {
        Request bare = request(ctx);
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            return;
        }
        readings.acquire();
        try (Ledger opened = settings.ledgers().openForReading()) {
            Optional<Viewer> viewer = Viewer.of(opened.view().staffRegister(), session.get().person(), today());
            if (viewer.isEmpty()) {
                sessions.end(session.get().id());
                throw WebError.forbidden("ROLE_NOT_HELD", bare.words().text("error.no-role", session.get().person(),
                        today().toString()));
            }
            Request request = new Request(ctx, bare.language(), bare.words(), bare.tables(), session, viewer);
            Object answer = handler.handle(request, opened, settings.ledgers().reports(opened));
            if (answer instanceof Page page) {
                ctx.html(pages.render(page.template(), withCommon(request, page.model()), request.language().locale()));
            } else if (answer instanceof Download download) {
                ctx.contentType(download.contentType());
                ctx.header("Content-Disposition", "attachment; filename=\"" + asciiName(download.fileName())
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(download.fileName(), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
                ctx.result(download.bytes());
            } else {
                json(ctx, 200, answer);
            }
        } finally {
            readings.release();
        }
    }

    private static String asciiName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private Map<String, Object> withCommon(Request request, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("t", request.words());
        all.put("lang", request.language().code());
        all.put("otherLang", request.language() == Language.CHINESE ? "en" : "zh");
        request.viewer().ifPresent(viewer -> all.put("viewer", viewer));
        request.session().ifPresent(session -> all.put("csrf", session.csrf()));
        all.put("path", request.ctx().path());
        all.put("location", settings.ledgers().location());
        return all;
    }

    private static Page view(String template, Object... keysAndValues) {
        Map<String, Object> model = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            model.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Page(template, model);
    }

    // ------------------------------------------------------------------ login

    private void loginPage(Context ctx) {
        Request request = request(ctx);
        renderLogin(ctx, request, 200, null, nextOf(ctx.queryParam("next")));
    }

    private void renderLogin(Context ctx, Request request, int status, String message, String next) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("message", message);
        model.put("next", next);
        ctx.status(status);
        ctx.html(pages.render("login", withCommon(request, model), request.language().locale()));
    }

    /** Only a path of this site is a place to go after logging in. */
    private static String nextOf(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 500) {
            return "/double-zero";
        }
        return next;
    }

    private void login(Context ctx) throws IOException {
        Request request = request(ctx);
        String person = Optional.ofNullable(ctx.formParam("person")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String next = nextOf(ctx.formParam("next"));
        Optional<Duration> wait = throttle.wait(person, ctx.ip());
        if (wait.isPresent()) {
            renderLogin(ctx, request, 429, request.words().text("login.throttled",
                    Math.max(1, (wait.get().toSeconds() + 59) / 60)), next);
            return;
        }
        LoginsFile logins = LoginsFile.read(settings.logins());
        Optional<String> hash = logins.login(person).flatMap(LoginsFile.Login::passwordHash);
        boolean matches = Passwords.matches(password.toCharArray(), hash);
        Optional<Viewer> viewer = Optional.empty();
        if (matches) {
            try (Ledger opened = settings.ledgers().openForReading()) {
                viewer = Viewer.of(opened.view().staffRegister(), person, today());
            }
        }
        if (viewer.isEmpty()) {
            throttle.failed(person, ctx.ip());
            renderLogin(ctx, request, 401, request.words().text(matches ? "login.no-role" : "login.wrong"), next);
            return;
        }
        throttle.succeeded(person);
        Sessions.Session session = sessions.start(viewer.get().person());
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : ""));
        ctx.redirect(next);
    }

    private void logout(Context ctx) {
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isPresent()) {
            requireCsrf(ctx, session.get());
            sessions.end(session.get().id());
        }
        ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.redirect("/login");
    }

    private void requireCsrf(Context ctx, Sessions.Session session) {
        if (!Passwords.sameSecret(session.csrf(), ctx.formParam("csrf"))) {
            throw WebError.forbidden("CSRF_TOKEN_INVALID", request(ctx).words().text("error.csrf"));
        }
    }

    /** Every other form sent: refused, after the session and its form token are checked. */
    private void refusePost(Context ctx) throws Exception {
        Request request = request(ctx);
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            throw new WebError(401, "SESSION_EXPIRED", null, null, request.words().text("error.session-expired"));
        }
        requireCsrf(ctx, session.get());
        boolean auditor;
        try (Ledger opened = settings.ledgers().openForReading()) {
            auditor = Viewer.of(opened.view().staffRegister(), session.get().person(), today()).map(Viewer::auditor)
                    .orElse(false);
        }
        throw WebError.forbidden(auditor ? "AUDITOR_READS_ONLY" : "READ_ONLY",
                request.words().text(auditor ? "error.auditor-reads-only" : "error.read-only"));
    }

    // ------------------------------------------------------------------ parameters

    private LocalDate date(Context ctx, String field, Ledger opened) {
        String text = ctx.queryParam(field);
        if (text == null || text.isBlank()) {
            return latestDay(opened);
        }
        return parseDate(field, text);
    }

    private static LocalDate parseDate(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw WebError.badValue(field, text, "is not a date; write it as 2025-12-31");
        }
    }

    /**
     * The day pages show unless asked: today, or the last day the journal records when that is earlier
     * (a ledger that stopped, such as the demonstration's year).
     */
    private LocalDate latestDay(Ledger opened) {
        long last = opened.view().lastSequence();
        if (last == 0) {
            return today();
        }
        try (var events = opened.events(last)) {
            LocalDate recorded = events.findFirst().map(Event::effectiveDate).orElse(today());
            return recorded.isBefore(today()) ? recorded : today();
        }
    }

    private static CaseNumber caseNumber(String text) {
        try {
            return CaseNumber.parse(text, "case");
        } catch (InvalidInputException e) {
            throw WebError.badValue("case", text, "is not a case number such as （2025）京02执123号");
        }
    }

    private ReportRequest reportRequest(Context ctx, ReportKind kind, Ledger opened) {
        LocalDate date = date(ctx, "date", opened);
        if (!kind.period()) {
            return ReportRequest.on(date);
        }
        String toText = ctx.queryParam("to");
        LocalDate to = toText == null || toText.isBlank() ? date : parseDate("to", toText);
        String fromText = ctx.queryParam("from");
        LocalDate from = fromText == null || fromText.isBlank() ? to.minusDays(6) : parseDate("from", fromText);
        if (from.isAfter(to)) {
            throw WebError.badValue("from", fromText, "is after to " + to + "; give the period's first day first");
        }
        String currency = Optional.ofNullable(ctx.queryParam("currency")).orElse("CNY");
        CurrencyUnit unit;
        try {
            unit = Amounts.currency(currency, "currency");
        } catch (InvalidInputException e) {
            throw WebError.badValue("currency", currency, "is not a currency code such as CNY");
        }
        return ReportRequest.over(from, to, unit);
    }

    // ------------------------------------------------------------------ double zero

    private Object doubleZeroPage(Request request, Ledger opened, CourtReports reports) {
        LocalDate date = date(request.ctx(), "date", opened);
        Readings.DoubleZeroReading reading = Readings.doubleZero(reports, date);
        String handler = Optional.ofNullable(request.ctx().queryParam("handler")).orElse("").strip();
        String division = Optional.ofNullable(request.ctx().queryParam("division")).orElse("").strip();
        Set<String> handlers = new TreeSet<>();
        Set<String> divisions = new TreeSet<>();
        List<CaseLotStatus> shown = new ArrayList<>();
        Map<CaseNumber, Optional<String>> divisionOf = new LinkedHashMap<>();
        for (CaseLotStatus line : visible(request.who(), reading.list())) {
            Optional<String> caseDivision = divisionOf.computeIfAbsent(line.caseNumber(),
                    number -> opened.view().caseRecord(number).flatMap(CaseRecord::division));
            handlers.add(line.handler());
            caseDivision.ifPresent(divisions::add);
            if ((handler.isEmpty() || handler.equals(line.handler()))
                    && (division.isEmpty() || caseDivision.map(division::equals).orElse(false))) {
                shown.add(line);
            }
        }
        DoubleZero doubleZero = reading.doubleZero();
        return view("double-zero", "date", date, "verdict", request.tables().doubleZeroVerdict(doubleZero),
                "strict", doubleZero.strict(), "lenient", doubleZero.lenient(),
                "figures", request.tables().doubleZero(doubleZero),
                "list", request.tables().threeColourList(date, shown),
                "handlers", handlers, "divisions", divisions, "handler", handler, "division", division,
                "counts", colourCounts(shown));
    }

    private static Map<String, Integer> colourCounts(List<CaseLotStatus> lines) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("RED", 0);
        counts.put("YELLOW", 0);
        counts.put("GREEN", 0);
        for (CaseLotStatus line : lines) {
            counts.computeIfPresent(line.status().colour().name(), (colour, n) -> n + 1);
        }
        return counts;
    }

    private static List<CaseLotStatus> visible(Viewer viewer, List<CaseLotStatus> lines) {
        if (viewer.seesWholeCourt()) {
            return lines;
        }
        return lines.stream().filter(line -> viewer.maySee(line.handler())).toList();
    }

    private Object trendJson(Request request, Ledger opened, CourtReports reports) {
        return trend(reports, date(request.ctx(), "date", opened), opened);
    }

    /** Overdue unpaid and unidentified money (yuan) on each of the twelve weeks up to {@code date}. */
    private Map<String, Object> trend(CourtReports reports, LocalDate date, Ledger opened) {
        List<String> dates = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        List<String> unidentified = new ArrayList<>();
        Optional<LocalDate> opening = opened.view().openedOn();
        for (int week = TREND_WEEKS - 1; week >= 0; week--) {
            LocalDate day = date.minusWeeks(week);
            if (opening.isEmpty() || day.isBefore(opening.get())) {
                continue;
            }
            DoubleZero figures = reports.doubleZero(day);
            Money overdueAmount = Money.zero(CurrencyUnit.of("CNY"));
            Money unidentifiedAmount = Money.zero(CurrencyUnit.of("CNY"));
            for (DoubleZero.Figures each : figures.currencies()) {
                if (each.currency().getCode().equals("CNY")) {
                    overdueAmount = each.overdueUnpaid();
                    unidentifiedAmount = each.unidentifiedAmount();
                }
            }
            dates.add(day.toString());
            overdue.add(overdueAmount.getAmount().toPlainString());
            unidentified.add(unidentifiedAmount.getAmount().toPlainString());
        }
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("currency", "CNY");
        trend.put("dates", dates);
        trend.put("overdueUnpaid", overdue);
        trend.put("unidentified", unidentified);
        return trend;
    }

    // ------------------------------------------------------------------ cases

    private Object caseSearch(Request request, Ledger opened, CourtReports reports) {
        String query = Optional.ofNullable(request.ctx().queryParam("q")).orElse("").strip();
        if (query.isEmpty()) {
            return view("case-search", "query", "", "message", null);
        }
        Optional<CaseNumber> number = CaseNumber.tryParse(query);
        if (number.isEmpty()) {
            number = opened.view().caseBySubAccount(query);
        }
        if (number.isPresent() && opened.view().caseRecord(number.get()).isPresent()) {
            request.ctx().redirect("/cases/" + URLEncoder.encode(number.get().toString(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            return null;
        }
        request.ctx().status(404);
        return view("case-search", "query", query, "message", request.words().text("case.not-found", query));
    }

    /** The case's record, checked to be one the viewer may see. */
    private CaseRecord visibleCase(Request request, Ledger opened, String text) {
        CaseNumber number = caseNumber(text);
        CaseRecord record = opened.view().caseRecord(number).orElseThrow(() -> WebError.notFound("case", text,
                request.words().text("case.not-found", number.toString())));
        if (!request.who().maySee(record.handler())) {
            throw WebError.forbidden("NOT_YOUR_CASE", request.words().text("error.not-your-case", number.toString()));
        }
        return record;
    }

    /** Everything about one case on a date. */
    private record CaseView(CaseRecord record, LocalDate date, List<CaseLotStatus> lots, List<Deferral> deferrals,
            List<DisbursementRecord> disbursements, List<Event> history) {
    }

    private CaseView caseView(Request request, Ledger opened, CourtReports reports) {
        CaseRecord record = visibleCase(request, opened, request.ctx().pathParam("number"));
        LocalDate date = date(request.ctx(), "date", opened);
        List<CaseLotStatus> lots = reports.caseLots(date).stream()
                .filter(line -> line.caseNumber().equals(record.caseNumber())).toList();
        List<Event> history = history(opened, record.caseNumber());
        Set<String> ids = new LinkedHashSet<>();
        for (Event event : history) {
            if (event.payload() instanceof DisbursementIssue) {
                ids.add(event.idempotencyKey());
            } else if (event.payload() instanceof DistributionIssued distribution) {
                distribution.shares().stream().map(DistributionShare::disbursement).forEach(ids::add);
            }
        }
        List<DisbursementRecord> disbursements = new ArrayList<>();
        for (String id : ids) {
            opened.view().disbursement(id).filter(each -> each.caseNumber().equals(Optional.of(record.caseNumber())))
                    .ifPresent(disbursements::add);
        }
        return new CaseView(record, date, lots, opened.view().deferrals(record.caseNumber()), disbursements, history);
    }

    /** The events that concern {@code number}, in the journal's order. */
    private static List<Event> history(Ledger opened, CaseNumber number) {
        try (var events = opened.events(1)) {
            return events.filter(event -> event.payload().cases().contains(number)).toList();
        }
    }

    private Object casePage(Request request, Ledger opened, CourtReports reports) {
        CaseView view = caseView(request, opened, reports);
        String number = view.record().caseNumber().toString();
        ReportTables tables = request.tables();
        String handler = opened.view().staffRegister().person(view.record().handler())
                .map(registered -> registered.member().name() + " (" + view.record().handler() + ")")
                .orElse(view.record().handler());
        return view("case", "date", view.date(), "record", view.record(), "handler", handler,
                "lots", tables.caseLots(number, view.date(), view.lots()),
                "disbursements", tables.caseDisbursements(number, view.disbursements()),
                "deferrals", view.deferrals(),
                "history", tables.caseHistory(number, view.history()),
                "held", held(view.lots()));
    }

    private static String held(List<CaseLotStatus> lots) {
        Money total = Money.zero(CurrencyUnit.of("CNY"));
        for (CaseLotStatus line : lots) {
            if (line.status().amount().getCurrencyUnit().equals(total.getCurrencyUnit())) {
                total = total.plus(line.status().amount());
            }
        }
        return org.casefunds.ledger.formats.tables.Cells.amount(total);
    }

    // ------------------------------------------------------------------ unidentified

    private Map<String, List<Suggestion>> suggestions(Ledger opened, List<UnidentifiedEntry> entries, LocalDate date) {
        Map<String, List<Suggestion>> suggestions = new LinkedHashMap<>();
        for (UnidentifiedEntry entry : entries) {
            Optional<Receipt> receipt = opened.view().receipt(entry.receipt());
            receipt.ifPresent(found -> suggestions.put(entry.receipt(), Screening.suggest(found, opened.view(), date)));
        }
        return suggestions;
    }

    private void requireWholeCourt(Request request) {
        if (!request.who().seesWholeCourt()) {
            throw WebError.forbidden("WHOLE_COURT_ONLY", request.words().text("error.whole-court-only"));
        }
    }

    private Object unidentifiedPage(Request request, Ledger opened, CourtReports reports) {
        requireWholeCourt(request);
        LocalDate date = date(request.ctx(), "date", opened);
        List<UnidentifiedEntry> entries = reports.unidentified(date);
        return view("unidentified", "date", date,
                "table", request.tables().unidentified(date, entries, suggestions(opened, entries, date)));
    }

    // ------------------------------------------------------------------ reports

    private Object reportsIndex(Request request, Ledger opened, CourtReports reports) {
        requireWholeCourt(request);
        return view("reports", "date", latestDay(opened), "kinds", List.of(ReportKind.values()), "report", null);
    }

    private ReportKind reportKind(Request request, String name) {
        ReportKind kind = ReportKind.named(name).orElseThrow(() -> WebError.notFound("report", name,
                request.words().text("report.unknown", WebError.shorten(name), ReportKind.names())));
        if (kind == ReportKind.STAFF ? !request.who().seesStaff() : !request.who().seesWholeCourt()) {
            throw WebError.forbidden("WHOLE_COURT_ONLY", request.words().text("error.whole-court-only"));
        }
        return kind;
    }

    private Object reportPage(Request request, Ledger opened, CourtReports reports) throws IOException {
        String name = request.ctx().pathParam("name");
        boolean spreadsheet = name.endsWith(".xlsx");
        ReportKind kind = reportKind(request, spreadsheet ? name.substring(0, name.length() - 5) : name);
        ReportRequest asked = reportRequest(request.ctx(), kind, opened);
        Readings.ReportReading reading = Readings.report(opened, reports, kind, asked);
        List<ReportTable> tables = new ArrayList<>(kind.tables(request.tables(), asked, reading.report()));
        if (kind == ReportKind.PAYOUT_TIME) {
            tables.add(request.tables().handlers(reports.handlers(asked.from(), asked.to(), asked.currency())));
        }
        List<String> footer = digestLines(request, reading);
        if (spreadsheet) {
            return new Download(kind.reportName() + "-" + asked.date() + ".xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    Spreadsheets.workbook(kind.reportName(), request.words().text("report." + kind.reportName()),
                            tables, footer));
        }
        return view("reports", "date", asked.date(), "kinds", List.of(ReportKind.values()), "report", kind,
                "asked", asked, "tables", tables, "footer", footer, "snapshot", reading.snapshot(),
                "chart", kind == ReportKind.PAYOUT_TIME ? handlerChart(tables.get(tables.size() - 1)) : null);
    }

    /** The per-handler chart of the payout-time page: each handler's average days from arrival to notice. */
    private static String handlerChart(ReportTable handlers) {
        List<String> names = new ArrayList<>();
        List<String> days = new ArrayList<>();
        for (int row = 0; row < handlers.rows().size(); row++) {
            names.add(handlers.text(row, 0));
            days.add(handlers.text(row, handlers.columns().size() - 1));
        }
        return Json.COMPACT.valueToTree(Map.of("handlers", names, "days", days)).toString();
    }

    private static List<String> digestLines(Request request, Readings.ReportReading reading) {
        return reading.digest().map(digest -> request.tables().digestLines(digest)).orElse(List.of());
    }

    // ------------------------------------------------------------------ verification

    private Object verificationPage(Request request, Ledger opened, CourtReports reports) {
        return view("verification", "check", Verification.of(opened, settings.clock()));
    }

    // ------------------------------------------------------------------ the JSON API

    @FunctionalInterface
    private interface ApiHandler {
        Object handle(Request request, Ledger opened, CourtReports reports) throws Exception;
    }

    private void api(Context ctx, ApiHandler handler) throws Exception {
        Request bare = request(ctx);
        String authorization = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!authorization.startsWith("Bearer ") || authorization.length() < 8) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"casefunds\"");
            throw new WebError(401, "UNAUTHENTICATED", "Authorization", null, "send a token as"
                    + " `Authorization: Bearer TOKEN`; `casefunds login token --person ID` issues one");
        }
        String hash = Passwords.sha256(authorization.substring(7).strip());
        Optional<String> person = LoginsFile.read(settings.logins()).logins().stream()
                .filter(login -> login.tokens().stream().anyMatch(token -> Passwords.sameSecret(token.sha256(), hash)))
                .map(LoginsFile.Login::person).findFirst();
        if (person.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"casefunds\", error=\"invalid_token\"");
            throw new WebError(401, "UNAUTHENTICATED", "Authorization", null, "the token is not one the logins file"
                    + " holds (revoked, mistyped or of another court); ask for a new one");
        }
        readings.acquire();
        try (Ledger opened = settings.ledgers().openForReading()) {
            Optional<Viewer> viewer = Viewer.of(opened.view().staffRegister(), person.get(), today());
            if (viewer.isEmpty()) {
                throw WebError.forbidden("ROLE_NOT_HELD", bare.words().text("error.no-role", person.get(),
                        today().toString()));
            }
            Request request = new Request(ctx, bare.language(), bare.words(), bare.tables(), Optional.empty(), viewer);
            json(ctx, 200, handler.handle(request, opened, settings.ledgers().reports(opened)));
        } finally {
            readings.release();
        }
    }

    private static void json(Context ctx, int status, Object body) throws IOException {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(Json.MAPPER.writeValueAsString(body));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream("openapi.json")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(bytes.toByteArray());
        }
    }

    private Object apiMe(Request request, Ledger opened, CourtReports reports) {
        Viewer viewer = request.who();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("person", viewer.person());
        me.put("name", viewer.name());
        me.put("roles", new TreeSet<>(viewer.roles().stream().map(Enum::name).toList()));
        me.put("on", viewer.on());
        me.put("seesWholeCourt", viewer.seesWholeCourt());
        return me;
    }

    private Object apiDoubleZero(Request request, Ledger opened, CourtReports reports) {
        LocalDate date = date(request.ctx(), "date", opened);
        Readings.DoubleZeroReading reading = Readings.doubleZero(reports, date);
        if (!request.who().seesWholeCourt()) {
            reading = new Readings.DoubleZeroReading(reading.doubleZero(), visible(request.who(), reading.list()));
        }
        return reading.json();
    }

    private Object apiTrend(Request request, Ledger opened, CourtReports reports) {
        return trend(reports, date(request.ctx(), "date", opened), opened);
    }

    private Object apiCase(Request request, Ledger opened, CourtReports reports) {
        CaseView view = caseView(request, opened, reports);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("case", view.record());
        json.put("date", view.date());
        json.put("lots", view.lots());
        json.put("deferrals", view.deferrals());
        json.put("disbursements", view.disbursements());
        return json;
    }

    private Object apiCaseHistory(Request request, Ledger opened, CourtReports reports) {
        CaseRecord record = visibleCase(request, opened, request.ctx().pathParam("number"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (Event event : history(opened, record.caseNumber())) {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("sequence", event.sequence());
            each.put("effectiveDate", event.effectiveDate());
            each.put("kind", event.kind());
            each.put("by", event.actor().id());
            each.put("hash", event.hash());
            events.add(each);
        }
        return Map.of("case", record.caseNumber().toString(), "events", events);
    }

    private Object apiUnidentified(Request request, Ledger opened, CourtReports reports) {
        requireWholeCourt(request);
        LocalDate date = date(request.ctx(), "date", opened);
        List<UnidentifiedEntry> entries = reports.unidentified(date);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date);
        json.put("unidentified", entries);
        json.put("suggestions", suggestions(opened, entries, date));
        return json;
    }

    private Object apiReport(Request request, Ledger opened, CourtReports reports) {
        ReportKind kind = reportKind(request, request.ctx().pathParam("name"));
        return Readings.report(opened, reports, kind, reportRequest(request.ctx(), kind, opened)).json();
    }

    private Object apiVerification(Request request, Ledger opened, CourtReports reports) {
        return Verification.of(opened, settings.clock());
    }

    // ------------------------------------------------------------------ errors

    /**
     * A 404 no route answered. Javalin calls this for every 404, also one a handler answered itself
     * naming what it did not find (a report, a case): that answer is kept.
     */
    private void notFound(Context ctx) throws IOException {
        String answered = Optional.ofNullable(ctx.res().getContentType()).orElse("");
        if (answered.startsWith("application/json") || answered.startsWith("text/html")) {
            return;
        }
        if (ctx.path().startsWith("/api/")) {
            json(ctx, 404, errorBody(404, "NOT_FOUND", "path", ctx.path(), "no such endpoint; see /api/v1/openapi.json"));
        } else {
            Request request = plainRequest(ctx);
            errorPage(ctx, request, 404, request.words().text("error.no-page", WebError.shorten(ctx.path())));
        }
    }

    private void failed(Exception exception, Context ctx) {
        int status;
        String code;
        String field = null;
        String value = null;
        String message;
        if (exception instanceof WebError refused) {
            status = refused.status();
            code = refused.code();
            field = refused.field();
            value = refused.value();
            message = refused.getMessage();
        } else if (exception instanceof LedgerException refused) {
            status = refused instanceof InvalidInputException ? 400 : refused instanceof NotFoundException ? 404
                    : refused instanceof PermissionDeniedException ? 403 : refused instanceof StorageException ? 503
                    : 409;
            code = refused.code().name();
            field = refused.field().orElse(null);
            value = refused.value().orElse(null);
            message = refused.getMessage();
        } else if (exception instanceof IllegalArgumentException refused) {
            status = 400;
            code = "INVALID_VALUE";
            message = refused.getMessage();
        } else {
            status = 500;
            code = "INTERNAL";
            message = "the dashboard failed to answer (" + exception.getClass().getSimpleName() + "); the request"
                    + " changed nothing; the server's log says more";
            System.err.println("casefunds serve: " + ctx.method() + " " + ctx.path() + " failed:");
            exception.printStackTrace(System.err);
        }
        if (ctx.path().startsWith("/api/") || ctx.path().endsWith(".json")) {
            try {
                json(ctx, status, errorBody(status, code, field, value, message));
            } catch (IOException e) {
                ctx.status(status).result(message);
            }
        } else {
            errorPage(ctx, plainRequest(ctx), status, message);
        }
    }

    /** The request in its language, or in Chinese when the language asked for is itself the fault. */
    private Request plainRequest(Context ctx) {
        try {
            return request(ctx);
        } catch (WebError badLanguage) {
            return new Request(ctx, Language.CHINESE, Labels.of(WORDS, Language.CHINESE),
                    ReportTables.in(Language.CHINESE), Optional.empty(), Optional.empty());
        }
    }

    static Map<String, Object> errorBody(int status, String code, String field, String value, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("code", code);
        if (field != null) {
            error.put("field", field);
        }
        if (value != null) {
            error.put("value", WebError.shorten(value));
        }
        error.put("message", message);
        return Map.of("error", error);
    }

    private void errorPage(Context ctx, Request request, int status, String message) {
        Request plain = request;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", status);
        model.put("message", message);
        ctx.status(status);
        ctx.html(pages.render("error", withCommon(plain, model), plain.language().locale()));
    }

}
