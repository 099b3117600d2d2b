package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.casefunds.examples.cli.CliProcess;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.tables.Cells;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.joda.money.Money;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Goal: finance sees in a browser the figures the command line prints, formatted as finance writes
 * them; the trend chart is drawn by the ECharts inside the jar; a case opens from the three-colour
 * list; the weekly report's Excel file holds the report's exact amounts under its Chinese headings;
 * a handler cannot open another handler's case; an auditor's form is refused; a wrong password starts
 * no session; and the pages speak English on request.
 *
 * <p>Method: the packaged jar builds the demonstration court (300 cases, seed 2025, its year ending
 * on 2025-12-31) once for the test run (the dashboard's test classes only read it) and serves it
 * ({@code casefunds serve --port 0}); Selenium drives
 * Debian's headless Chromium through its chromium-driver, one browser for the class, logging in as
 * the demonstration's finance officer, handler and auditor with their published passwords. The
 * pages' tables are compared cell by cell with {@code double-zero --json} and the API's case answer,
 * each amount formatted by {@link Cells#amount}; the Excel file is fetched with the browser's
 * session cookie and read back with fastexcel-reader. Every page visited is saved as a screenshot
 * in {@code examples/target/screenshots/}. Where the ledger is kept is {@link #ledger(Path)}: a file
 * here, a PostgreSQL schema in {@link DashboardBrowserPostgresIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String FINANCE = "fin.li";
    private static final String FINANCE_PASSWORD = "demo-finance-2025";
    private static final String HANDLER = "judge.zhao";
    private static final String HANDLER_PASSWORD = "demo-handler-2025";
    private static final String AUDITOR = "aud.zheng";
    private static final String AUDITOR_PASSWORD = "demo-auditor-2025";
    private static final String DAY = DemoLedger.LAST_DAY;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] DOUBLE_ZERO = {"double-zero", "--as-of", DAY, "--json"};
    private static final String[] WEEKLY = {"report", "weekly", "--from", "2025-12-22", "--to", "2025-12-28", "--json"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private DemoLedger ledger;
    private ServerProcess server;
    private String financeToken;
    private Path profile;
    private Path screenshots;
    private WebDriver driver;

    /** Where the class keeps its demonstration court: a ledger file in {@code folder}. */
    protected DemoLedger ledger(Path folder) {
        return DemoLedger.shared("file");
    }

    /** The browser and its driver must be installed; without them the tests skip, or fail on CI. */
    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail("The browser tests need Debian's Chromium and its driver on CI: install `chromium chromium-driver`"
                    + " (apt-get install chromium chromium-driver); /usr/bin/chromium or /usr/bin/chromedriver is"
                    + " missing");
        }
        Assumptions.assumeTrue(false, "DashboardBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is"
                + " missing (apt-get install chromium chromium-driver)");
    }

    @BeforeAll
    void serveTheDemonstrationCourtToABrowser(@TempDir Path folder) throws IOException {
        requireChromium();
        ledger = ledger(folder);
        ledger.buildDemo(300);
        // What the commands print, the server, the token and the browser are made side by side.
        ledger.printAhead(DOUBLE_ZERO);
        ledger.printAhead(WEEKLY);
        server = ServerProcess.start(ledger.withLogins("serve"));
        financeToken = ledger.token(FINANCE);

        Path target = CliProcess.jar().toAbsolutePath().getParent();
        screenshots = Files.createDirectories(target.resolve("screenshots"));
        profile = Files.createTempDirectory(target, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void closeTheBrowserAndTheServer() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
            if (server != null) {
                String errors = server.errors();
                server.close();
                assertFalse(errors.contains("Exception") || errors.contains("\tat "),
                        () -> "the server failed on a request:\n" + errors);
            }
        } finally {
            if (ledger != null) {
                ledger.close();
            }
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
    }

    // ------------------------------------------------------------------ the browser

    /**
     * Opens {@code pathAndQuery}, checks it shows no stack trace and saves its screenshot as {@code
     * name}, once the trend chart is drawn where the page has one.
     */
    private void visit(String name, String pathAndQuery) {
        driver.get(server.uri(pathAndQuery).toString());
        assertNoStackTrace();
        if (!driver.findElements(By.id("trend")).isEmpty()) {
            waitForTheTrend();
        }
        screenshot(name);
    }

    private void assertNoStackTrace() {
        String page = driver.getPageSource();
        assertFalse(page.contains("at org.") || page.contains("at java.") || page.contains("Exception"),
                () -> driver.getCurrentUrl() + " shows a stack trace or an exception's name:\n" + page);
    }

    private void screenshot(String name) {
        String file = (getClass() == DashboardBrowserIT.class ? "" : getClass().getSimpleName() + "-") + name + ".png";
        try {
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Logs in afresh (no cookie kept from another test) with the login form. */
    private void logIn(String person, String password) {
        driver.manage().deleteAllCookies();
        visit("login", "/login");
        submitLogin(person, password);
    }

    /** Fills in and sends the login form of the page shown. */
    private void submitLogin(String person, String password) {
        driver.findElement(By.id("person")).sendKeys(person);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.id("message")).isEmpty());
        assertNoStackTrace();
    }

    /**
     * Waits until charts.js has drawn the trend with ECharts (it marks the chart data-drawn) and the
     * lines' animation has ended, so that a screenshot shows them whole.
     */
    private void waitForTheTrend() {
        waiting().until(d -> d.findElement(By.id("trend")).getDomAttribute("data-drawn") != null);
        waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "var zr = echarts.getInstanceByDom(document.getElementById('trend')).getZr();"
                + "return !zr.animation || typeof zr.animation.isFinished !== 'function'"
                + " || zr.animation.isFinished();")));
    }

    private String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The texts of the cells of each row of the table in {@code section}. */
    private List<List<String>> rows(String section) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("section#" + section + " table tbody tr"))) {
            rows.add(row.findElements(By.tagName("td")).stream().map(cell -> cell.getText().strip()).toList());
        }
        return rows;
    }

    /** The tone class of each row of the table in {@code section}. */
    private List<String> tones(String section) {
        return driver.findElements(By.cssSelector("section#" + section + " table tbody tr")).stream()
                .map(row -> row.getDomAttribute("class")).toList();
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    // ------------------------------------------------------------------ what finance reads elsewhere

    private JsonNode api(String pathAndQuery) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(server.uri(pathAndQuery))
                .header("Authorization", "Bearer " + financeToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An amount of the JSON ({@code {amount, currency}}) as the pages write it: {@code 225,866.48}. */
    private static String amount(JsonNode money) {
        return Cells.amount(Money.parse(money.get("currency").asText() + " " + money.get("amount").asText()));
    }

    private static String count(JsonNode number) {
        return String.format(Locale.ROOT, "%,d", number.asLong());
    }

    /** The row class of a lot on the three-colour list: red overdue, yellow near, green newly arrived. */
    private static String tone(JsonNode status) {
        switch (status.get("state").asText()) {
            case "OVERDUE":
                return "tone-red";
            case "NEAR_DEADLINE":
                return "tone-yellow";
            case "DEFERRED":
                return "tone-plain";
            default:
                return status.get("newlyArrived").asBoolean() ? "tone-green" : "tone-plain";
        }
    }

    /** The first case of the list on {@code date} whose handler is not judge.zhao. */
    private String othersCase(String date) {
        for (JsonNode line : api("/api/v1/double-zero?date=" + date).get("list")) {
            if (!line.get("handler").asText().equals(HANDLER)) {
                return line.get("caseNumber").asText();
            }
        }
        throw new AssertionError("no case of another handler on the list of " + date);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void financeSeesTheCommandLinesDoubleZeroAndItsTrend() {
        driver.manage().deleteAllCookies();
        visit("login-for-double-zero", "/double-zero?date=" + DAY);
        assertEquals("/login", path(), "a page needs a login");
        submitLogin(FINANCE, FINANCE_PASSWORD);
        assertEquals("/double-zero", path(), "the login goes back to the page asked for");
        assertTrue(driver.getCurrentUrl().contains("date=" + DAY), driver.getCurrentUrl());
        assertNotNull(driver.manage().getCookieNamed(Dashboard.SESSION_COOKIE));

        JsonNode printed = ledger.printed(DOUBLE_ZERO);
        List<List<String>> figures = new ArrayList<>();
        for (JsonNode each : printed.at("/doubleZero/currencies")) {
            figures.add(List.of(each.get("currency").asText(), amount(each.get("overdueAmount")),
                    count(each.get("overdueLots")), count(each.get("overdueCases")),
                    amount(each.get("overdueProvisionalAmount")), count(each.get("financeOverdueNotices")),
                    amount(each.get("financeOverdueAmount")), amount(each.get("unidentifiedAmount")),
                    count(each.get("unidentifiedReceipts")), amount(each.get("unidentifiedPastDeadlineAmount"))));
        }
        assertFalse(figures.isEmpty());
        assertEquals(figures, rows("table-double-zero"));
        assertTrue(figures.get(0).get(1).contains(","), "the overdue amount has a thousands separator: " + figures);

        List<List<String>> list = new ArrayList<>();
        List<String> tones = new ArrayList<>();
        for (JsonNode line : printed.get("list")) {
            JsonNode status = line.get("status");
            list.add(List.of(line.get("caseNumber").asText(), line.get("handler").asText(),
                    amount(status.get("amount")), status.at("/lot/arrivalDate").asText(),
                    status.get("deadline").asText(), count(status.get("daysLeft"))));
            tones.add(tone(status));
        }
        assertFalse(list.isEmpty(), "the list has lines to compare");
        assertEquals(list, rows("table-three-colour-list").stream().map(cells -> cells.subList(1, 7)).toList());
        assertEquals(tones, tones("table-three-colour-list"));
        assertTrue(tones.contains("tone-red"), tones::toString);
        assertEquals(String.valueOf(tones.stream().filter("tone-red"::equals).count()), text("#count-red b"));
        assertEquals(String.valueOf(tones.stream().filter("tone-green"::equals).count()), text("#count-green b"));

        waitForTheTrend();
        assertEquals(String.valueOf(Dashboard.TREND_WEEKS), driver.findElement(By.id("trend"))
                .getDomAttribute("data-drawn"), "a point a week");
        assertFalse(driver.findElements(By.cssSelector("#trend canvas")).isEmpty(), "ECharts drew on a canvas");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                "return typeof echarts === 'object' && !!echarts.getInstanceByDom(document.getElementById('trend'));"));
        screenshot("double-zero");
    }

    @Test
    void aCaseOpensFromTheListWithItsLots() {
        logIn(FINANCE, FINANCE_PASSWORD);
        visit("double-zero-with-cases", "/double-zero?date=" + DAY);
        WebElement link = driver.findElement(By.cssSelector("section#table-three-colour-list tbody tr a"));
        String number = link.getText().strip();
        link.click();
        waiting().until(d -> !d.findElements(By.id("case-number")).isEmpty());
        assertNoStackTrace();
        assertEquals(number, text("#case-number"));
        assertTrue(driver.getCurrentUrl().contains("date=" + DAY), "the case is shown on the list's day");

        JsonNode answer = api("/api/v1/cases/" + DashboardApiIT.encode(number) + "?date=" + DAY);
        assertTrue(text("#case-handler").endsWith("(" + answer.at("/case/handler").asText() + ")"),
                "the handler by name and id: " + text("#case-handler"));
        List<List<String>> lots = new ArrayList<>();
        List<String> tones = new ArrayList<>();
        for (JsonNode line : answer.get("lots")) {
            JsonNode status = line.get("status");
            lots.add(List.of(status.at("/lot/id").asText(), status.at("/lot/arrivalDate").asText(),
                    amount(status.at("/lot/amount")), amount(status.get("amount")), status.get("deadline").asText(),
                    count(status.get("daysLeft"))));
            tones.add(tone(status));
        }
        assertFalse(lots.isEmpty(), "the case holds money");
        List<List<String>> shown = rows("table-case-lots").stream()
                .map(cells -> List.of(cells.get(0), cells.get(2), cells.get(3), cells.get(4), cells.get(5), cells.get(6)))
                .toList();
        assertEquals(lots, shown);
        assertEquals(tones, tones("table-case-lots"));
        assertFalse(rows("table-case-history").isEmpty(), "the case's events are listed");
        screenshot("case");
    }

    @Test
    void theWeeklyWorkbookHoldsTheReportsAmounts() throws IOException {
        logIn(FINANCE, FINANCE_PASSWORD);
        visit("weekly", "/reports/weekly?date=2025-12-28");
        assertEquals("案款周报", text("main h1"));
        assertEquals("案款周报 2025-12-22 至 2025-12-28（CNY）", text("section#table-weekly h2"));
        JsonNode report = ledger.printed(WEEKLY).get("report");
        JsonNode received = report.get("received");
        assertTrue(received.get("count").asInt() > 0, "the week has money to compare");
        assertEquals(List.of("银行到账", count(received.get("count")), amount(received.get("amount"))),
                rows("table-weekly").get(0));

        String href = driver.findElement(By.id("download")).getDomProperty("href");
        assertTrue(URI.create(href).getPath().equals("/reports/weekly.xlsx"), href);
        HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(302, anonymous.statusCode(), "no file without a session");
        Cookie session = driver.manage().getCookieNamed(Dashboard.SESSION_COOKIE);
        HttpResponse<byte[]> download = send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", Dashboard.SESSION_COOKIE + "=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("weekly-2025-12-28.xlsx"),
                download.headers().toString());

        List<Row> sheet;
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(download.body()))) {
            sheet = workbook.getFirstSheet().read();
        }
        assertEquals("案款周报 2025-12-22 至 2025-12-28（CNY）", sheet.get(0).getCell(0).asString());
        assertEquals("收支项目", sheet.get(1).getCell(0).asString());
        assertEquals("金额", sheet.get(1).getCell(2).asString());
        Row receivedRow = sheet.stream().filter(row -> row.getCellCount() > 2 && row.getCell(0) != null
                && "银行到账".equals(row.getCell(0).getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no row 银行到账 in the workbook"));
        assertEquals(new BigDecimal(received.at("/amount/amount").asText()), receivedRow.getCell(2).asNumber());
        assertEquals(new BigDecimal(received.get("count").asText()), receivedRow.getCell(1).asNumber());
    }

    @Test
    void aHandlerIsRefusedAnotherHandlersCase() {
        String others = othersCase(DAY);
        logIn(HANDLER, HANDLER_PASSWORD);
        visit("case-not-yours", "/cases/" + DashboardApiIT.encode(others) + "?date=" + DAY);
        assertEquals("403", text("main h1 span"));
        assertEquals("案件 " + others + " 不由您承办，您不能查看。", text("#message"));
        assertTrue(driver.findElements(By.id("table-case-lots")).isEmpty(), "no lot of the case is shown");

        visit("double-zero-handler", "/double-zero?date=" + DashboardApiIT.HANDLERS_DAY);
        List<List<String>> list = rows("table-three-colour-list");
        assertFalse(list.isEmpty(), "the handler has money on " + DashboardApiIT.HANDLERS_DAY);
        for (List<String> row : list) {
            assertEquals(HANDLER, row.get(2), row.toString());
        }
    }

    @Test
    void anAuditorsFormIsRefused() {
        logIn(AUDITOR, AUDITOR_PASSWORD);
        visit("double-zero-auditor", "/double-zero?date=" + DAY);
        ((JavascriptExecutor) driver).executeScript(
                "var form = document.createElement('form');"
                + "form.method = 'post'; form.action = '/double-zero';"
                + "var token = document.createElement('input');"
                + "token.type = 'hidden'; token.name = 'csrf';"
                + "token.value = document.querySelector('form[action=\"/logout\"] input[name=csrf]').value;"
                + "form.appendChild(token); document.body.appendChild(form); form.submit();");
        waiting().until(d -> !d.findElements(By.cssSelector("main h1 span")).isEmpty()
                && "403".equals(d.findElement(By.cssSelector("main h1 span")).getText().strip()));
        assertNoStackTrace();
        assertEquals("审计人员只能查阅，不能更改任何内容。", text("#message"));
        screenshot("auditor-form-refused");
    }

    @Test
    void aWrongPasswordStartsNoSession() {
        logIn(FINANCE, "not-the-password-2025");
        assertEquals("/login", path());
        assertEquals("用户名或密码不正确。", text("#message"));
        assertNull(driver.manage().getCookieNamed(Dashboard.SESSION_COOKIE));
        screenshot("login-wrong-password");
        visit("login-after-wrong-password", "/double-zero");
        assertEquals("/login", path(), "still not logged in");
    }

    @Test
    void thePagesSpeakEnglishOnRequest() {
        logIn(FINANCE, FINANCE_PASSWORD);
        visit("double-zero-chinese", "/double-zero?date=" + DAY);
        assertEquals("zh", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertEquals(DAY + " 双清零情况", text("section#table-double-zero h2"));
        List<List<String>> chinese = rows("table-double-zero");
        driver.findElement(By.id("language")).click();
        waiting().until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertNoStackTrace();
        assertEquals("Double zero on " + DAY, text("section#table-double-zero h2"));
        assertEquals("Three-colour list on " + DAY, text("section#table-three-colour-list h2"));
        assertEquals("currency", text("section#table-double-zero th"));
        assertEquals("Double zero", text("nav a[href='/double-zero']"));
        assertEquals(chinese, rows("table-double-zero"), "the same figures in either language");
        waitForTheTrend();
        screenshot("double-zero-english");

        visit("reports-english", "/reports");
        assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"), "the language is kept");
        assertEquals("Weekly fund report", text("#report-weekly"));
    }
}
