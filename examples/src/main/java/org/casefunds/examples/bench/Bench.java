package org.casefunds.examples.bench;

import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.commands.StaffCommands;
import org.casefunds.ledger.approvals.Approval;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.casefunds.examples.demo.DemoCourt;
import org.casefunds.examples.web.Dashboard;
import org.casefunds.examples.web.LedgerSource;
import org.casefunds.examples.web.Passwords;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.formats.export.HledgerJournal;
import org.casefunds.ledger.formats.logins.LoginsFile;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.sql.LedgerAudit;
import org.casefunds.ledger.sql.SqlJournalStore;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqlReportSource;
import org.casefunds.ledger.sql.SqliteOptions;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The benchmark: builds its own data deterministically (the demonstration court, at any size) and
 * measures the write path beside the physical limit of the same rows in plain JDBC, single durable
 * commits, and the reports, the dashboard, the verification and the other tools on a
 * province-sized journal. Every figure is the median of several runs with its spread and the peak
 * heap, but for those of a run that lasts a fixed time, which say so.
 */
public final class Bench {
    /** Events per demonstration case, measured on the 2025 demo (14,123 commands for 2,000 cases). */
    private static final double EVENTS_PER_CASE = 7.06;
    private static final CurrencyUnit CNY = CurrencyUnit.of("CNY");
    /**
     * How long hledger and Ledger may take on the large journal. Measured here on 986,678 transactions
     * and 140,000 accounts: hledger 78 s, Ledger 556 s; the limit keeps the benchmark under 10 minutes.
     */
    private static final long TOOL_LIMIT_SECONDS = 120;

    /**
     * What to run.
     *
     * @param folder where the benchmark's files go (they are large: about 1.3 GB at a million events)
     * @param largeEvents the size of the journal the reports, verify and the tools run on
     * @param appendEvents the size of each batched append run
     * @param singleCommits how many commands each single-commit run applies, one commit each
     * @param runs how many runs each figure takes the median of
     * @param postgres a PostgreSQL database to measure too, or null
     * @param plainTextTools whether to run hledger and Ledger beside our balances
     * @param indexCosts whether to measure what each secondary index costs the raw writes, and stop
     * @param web whether to measure the dashboard on the large journal
     * @param webReadersTime how long the dashboard's concurrent readers ask beside the writer
     */
    public record Settings(Path folder, long largeEvents, long appendEvents, int singleCommits, int runs,
            DataSource postgres, boolean plainTextTools, boolean indexCosts, boolean web, Duration webReadersTime) {
    }

    private final Settings settings;
    private final PrintWriter out;
    private final Policy policy = Policy.defaults();
    private final WorkingDayCalendar calendar = WorkingDayCalendar.china();
    private final List<Measure.Figure> figures = new ArrayList<>();

    private Bench(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs every figure, printing each as it is measured; returns them all. */
    public static List<Measure.Figure> run(Settings settings, PrintWriter out) throws Exception {
        return new Bench(settings, out).all();
    }

    /** The figures measured so far, for a caller that stops early. */
    private List<Measure.Figure> all() throws Exception {
        Files.createDirectories(settings.folder());
        out.printf("Heap limit %d MB, %d processors, Java %s%n", Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (settings.indexCosts()) {
            indexCosts();
            return figures;
        }
        appendBatched(SqliteOptions.Synchronous.FULL);
        appendBatched(SqliteOptions.Synchronous.NORMAL);
        singleCommits(SqliteOptions.Synchronous.FULL);
        singleCommits(SqliteOptions.Synchronous.NORMAL);
        if (settings.postgres() != null) {
            appendPostgres();
        }
        try (Large large = buildLarge()) {
            readLarge(large.file());
            if (settings.web()) {
                serveLarge(large);
            } else {
                out.println("  the dashboard skipped (--no-web)");
            }
            reconcileLarge(large.file());
            balancesBesideTools(large.file());
        }
        return figures;
    }

    private void add(Measure.Figure figure) {
        figures.add(figure);
        out.printf(Locale.ROOT, "%-58s %12s %-9s (%s..%s, %d runs) peak heap %d MB%s%n", figure.name(),
                number(figure.median()), figure.unit(), number(figure.low()), number(figure.high()), figure.runs(),
                figure.peakHeapMegabytes(), figure.note().isEmpty() ? "" : "; " + figure.note());
        out.flush();
    }

    static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private DemoCourt court(long events, long seed) {
        int cases = (int) Math.max(10, Math.round(events / EVENTS_PER_CASE));
        return DemoCourt.of(new DemoCourt.Settings(seed, cases, 2025), policy, calendar);
    }

    /** Builds a demonstration court of about {@code events} events in {@code store}; the number of events. */
    private long build(DemoCourt court, SqlJournalStore store) {
        try (Ledger ledger = Ledger.open(store, policy, court.clock())) {
            return court.run(ledger, (day, count) -> { });
        }
    }

    private Path file(String name) throws java.io.IOException {
        Path file = settings.folder().resolve(name);
        RawSqlite.deleteWithJournal(file);
        return file;
    }

    // ------------------------------------------------------------------ appending

    private void appendBatched(SqliteOptions.Synchronous synchronous) throws Exception {
        String level = synchronous.name();
        Path ledgerFile = file("append-" + level + ".db");
        long[] built = new long[1];
        add(Measure.rate("append, batched (a day a transaction), SQLite " + level, "events/s", settings.runs(),
                "", attempt -> {
                    RawSqlite.deleteWithJournal(ledgerFile);
                    built[0] = build(court(settings.appendEvents(), 1), SqlLedger.sqlite(ledgerFile,
                            SqliteOptions.defaults().withSynchronous(synchronous)));
                    return built[0];
                }));
        Measure.Figure ledger = figures.get(figures.size() - 1);
        // The same rows, in as many commits as the ledger's days, by plain JDBC batches.
        RawSqlite.Rows rows = RawSqlite.read(ledgerFile);
        int days = 250;
        Path rawFile = file("raw-" + level + ".db");
        add(Measure.rate("  raw JDBC, the same rows and schema, SQLite " + level, "events/s", settings.runs(), "",
                attempt -> {
                    RawSqlite.copySchema(ledgerFile, rawFile);
                    return RawSqlite.write(rows, rawFile, synchronous, days);
                }));
        Measure.Figure raw = figures.get(figures.size() - 1);
        out.printf(Locale.ROOT, "  ledger / raw = %.0f%% (%d events, %d MB file)%n", 100 * ledger.median() / raw.median(),
                built[0], RawSqlite.megabytes(ledgerFile));
        bytesPerEvent("the appended ledger, SQLite " + level, ledgerFile, built[0]);
    }

    /**
     * Prints what the ledger {@code file} of {@code events} events takes on disk per event: the file
     * and its write-ahead log after a checkpoint, then each table with its indexes.
     */
    private void bytesPerEvent(String what, Path file, long events) throws Exception {
        RawSqlite.checkpoint(file);
        long bytes = RawSqlite.bytes(file);
        out.printf(Locale.ROOT, "  bytes per event, %s: %,.0f (%,d bytes with the -wal, %,d events)%n", what,
                (double) bytes / events, bytes, events);
        java.util.Map<String, Long> tables = RawSqlite.tableBytes(file);
        if (!tables.isEmpty()) {
            StringBuilder line = new StringBuilder("    by table with its indexes:");
            tables.forEach((table, size) -> {
                if (size * 2 >= events) {
                    line.append(String.format(Locale.ROOT, " %s %,.0f", table, (double) size / events));
                }
            });
            out.println(line);
        }
        out.flush();
    }

    /**
     * What each secondary index of the schema costs: the same rows written by plain JDBC into the full
     * schema, then into the schema without that one index (SQLite NORMAL, a day a transaction).
     */
    private void indexCosts() throws Exception {
        Path ledgerFile = file("index-costs-ledger.db");
        long events = build(court(settings.appendEvents(), 1), SqlLedger.sqlite(ledgerFile));
        bytesPerEvent("the ledger the rows are copied from", ledgerFile, events);
        RawSqlite.Rows rows = RawSqlite.read(ledgerFile);
        Path rawFile = file("index-costs-raw.db");
        add(Measure.rate("raw JDBC, the full schema", "events/s", settings.runs(), "", attempt -> {
            RawSqlite.copySchema(ledgerFile, rawFile);
            return RawSqlite.write(rows, rawFile, SqliteOptions.Synchronous.NORMAL, 250);
        }));
        double full = figures.get(figures.size() - 1).median();
        for (String index : RawSqlite.secondaryIndexes(ledgerFile)) {
            add(Measure.rate("  without " + index, "events/s", settings.runs(), "", attempt -> {
                RawSqlite.copySchema(ledgerFile, rawFile);
                RawSqlite.dropIndex(rawFile, index);
                return RawSqlite.write(rows, rawFile, SqliteOptions.Synchronous.NORMAL, 250);
            }));
            double without = figures.get(figures.size() - 1).median();
            out.printf(Locale.ROOT, "    %s costs %.0f%% of the write rate%n", index, 100 * (1 - full / without));
        }
    }

    private void singleCommits(SqliteOptions.Synchronous synchronous) throws Exception {
        String level = synchronous.name();
        Path ledgerFile = file("single-" + level + ".db");
        // One ledger for every run, kept open as a court's system keeps it: opening it and the check of
        // its tables against the journal before its first write (opening() writes first) are not
        // commits, and raw's runs open nothing but a connection.
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(ledgerFile,
                SqliteOptions.defaults().withSynchronous(synchronous)), policy, Clock.systemUTC())) {
            opening(ledger);
            add(Measure.rate("append, one durable commit per command, SQLite " + level, "events/s", settings.runs(),
                    "", attempt -> {
                        for (int i = 0; i < settings.singleCommits(); i++) {
                            ledger.execute(receipt("single-" + attempt + "-" + i, LocalDate.of(2025, 3, 3)));
                        }
                        return settings.singleCommits();
                    }));
            Measure.Figure single = figures.get(figures.size() - 1);
            Path rawFile = file("single-raw-" + level + ".db");
            RawSqlite.copySchema(ledgerFile, rawFile);
            add(Measure.rate("  raw JDBC, one row per durable commit, SQLite " + level, "rows/s", settings.runs(), "",
                    attempt -> RawSqlite.singleRowCommits(rawFile, synchronous, settings.singleCommits())));
            out.printf(Locale.ROOT, "  ledger / raw = %.0f%%%n", 100 * single.median() / figures.get(figures.size() - 1)
                    .median());
            add(Measure.rate("  " + CALLERS + " callers at once, one command each per call (group commit), SQLite "
                    + level, "events/s", settings.runs(), "", attempt -> {
                        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
                        try {
                            List<Future<?>> done = new ArrayList<>();
                            for (int c = 0; c < CALLERS; c++) {
                                String caller = "group-" + attempt + "-" + c + "-";
                                done.add(callers.submit(() -> {
                                    for (int i = 0; i < settings.singleCommits(); i++) {
                                        ledger.execute(receipt(caller + i, LocalDate.of(2025, 3, 3)));
                                    }
                                }));
                            }
                            for (Future<?> each : done) {
                                each.get();
                            }
                        } finally {
                            callers.shutdownNow();
                        }
                        return (long) CALLERS * settings.singleCommits();
                    }));
            out.printf(Locale.ROOT, "  %d callers / one caller = %.1f×%n", CALLERS,
                    figures.get(figures.size() - 1).median() / single.median());
        }
    }

    /** How many callers write at once in the group-commit figure. */
    private static final int CALLERS = 8;

    private static void opening(Ledger ledger) {
        Actor finance = Actor.of("fin.li", Role.FINANCE);
        Actor admin = Actor.of("sys.chen", Role.STAFF_ADMINISTRATOR);
        Approval secondAdmin = Approval.of("sys.lin", Role.STAFF_ADMINISTRATOR);
        LocalDate day = LocalDate.of(2025, 3, 3);
        if (ledger.view().courtCode().isEmpty()) {
            List<Command> commands = new ArrayList<>();
            commands.add(Command.of("init:ledger", admin, day, new OpenLedger("京02", "北京市第二中级人民法院",
                    List.of(StaffMember.of("sys.chen", "陈静", "S001"), StaffMember.of("sys.lin", "林涛", "S002")))));
            commands.addAll(StaffCommands.hire(admin, secondAdmin, day, StaffMember.of("fin.li", "李会计", "0101"),
                    Role.FINANCE));
            commands.addAll(StaffCommands.hire(admin, secondAdmin, day, StaffMember.of("adm.wang", "王专管", "0102"),
                    Role.FUND_ADMINISTRATOR));
            commands.add(Command.of("init:bank", finance, day, new RegisterBankAccount("110060001", CNY, "工商银行",
                    "执行款专户")));
            ledger.executeAll(commands);
        }
    }

    /** Money with no case on the master account 110060001, dated {@code day}: unidentified until claimed. */
    private static Command receipt(String serial, LocalDate day) {
        return Command.of("bank:110060001:" + serial, Actor.of("adm.wang", Role.FUND_ADMINISTRATOR),
                day, RecordReceipt.of("110060001", serial, Money.of(CNY, 100),
                        Payer.of("王五", null, null), "货款", ReceiptSource.DEBTOR_PAYMENT, null));
    }

    /** The fewest events each court of the PostgreSQL figures writes. */
    private static final long POSTGRES_COURT_EVENTS_MIN = 10_000;

    /** This run's mark in the names of its schemas, so that each court starts a new ledger. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private void appendPostgres() throws Exception {
        double one = 0;
        for (int clients : new int[] {1, 2, 4, 8}) {
            // Each court a realistic size: the simulated court runs short of money below about 10,000 events.
            long perClient = Math.max(settings.appendEvents() / clients, POSTGRES_COURT_EVENTS_MIN);
            int round = figures.size();
            add(Measure.preparedRate("append, batched, PostgreSQL, " + clients + " court(s) writing at once",
                    "events/s", settings.runs(), "", attempt -> {
                        // Each court's new schema is made before the clock starts: a court does that once.
                        List<SqlJournalStore> stores = new ArrayList<>();
                        try {
                            for (int c = 0; c < clients; c++) {
                                stores.add(SqlLedger.postgres(settings.postgres(),
                                        "bench_" + run + "_" + round + "_" + attempt + "_" + c));
                            }
                        } catch (RuntimeException failed) {
                            stores.forEach(SqlJournalStore::close);
                            throw failed;
                        }
                        return () -> {
                            ExecutorService pool = Executors.newFixedThreadPool(clients);
                            try {
                                List<Future<Long>> done = new ArrayList<>();
                                for (int c = 0; c < clients; c++) {
                                    SqlJournalStore store = stores.get(c);
                                    long seed = c;
                                    done.add(pool.submit(() -> build(court(perClient, seed), store)));
                                }
                                long total = 0;
                                for (Future<Long> each : done) {
                                    total += each.get();
                                }
                                return total;
                            } finally {
                                pool.shutdownNow();
                                // Each court's ledger closed its store; after a failure, the others too.
                                stores.forEach(SqlJournalStore::close);
                            }
                        };
                    }));
            double rate = figures.get(figures.size() - 1).median();
            if (clients == 1) {
                one = rate;
            } else {
                out.printf(Locale.ROOT, "  %d courts / one court = %.1f×%n", clients, rate / one);
            }
        }
    }

    // ------------------------------------------------------------------ the large journal

    /**
     * The large journal's file, and the store that built it, kept open to append to: a store compares
     * every projection table with the journal folded afresh before its first write, which took no time
     * on the empty journal this one began with and would take minutes on a million events.
     */
    private record Large(Path file, SqlJournalStore builder) implements AutoCloseable {
        @Override
        public void close() {
            builder.close();
        }
    }

    private Large buildLarge() throws Exception {
        Path large = settings.folder().resolve("province.db");
        SqlJournalStore[] builder = new SqlJournalStore[1];
        add(Measure.rate("build the large journal, batched, SQLite FULL", "events/s", 1, "", attempt -> {
            RawSqlite.deleteWithJournal(large);
            DemoCourt court = court(settings.largeEvents(), 2025);
            builder[0] = SqlLedger.sqlite(large);
            // Not closed: closing the ledger would close the store, which the dashboard's writer appends with.
            Ledger ledger = Ledger.open(builder[0], policy, court.clock());
            return court.run(ledger, (day, count) -> { });
        }));
        SqlJournalStore store = builder[0];
        out.printf("  the large journal: %,d events, %,d cases, %d MB%n", store.view().lastSequence(),
                store.view().cases().size(), RawSqlite.megabytes(large));
        bytesPerEvent("the large journal", large, store.view().lastSequence());
        // Idle until the dashboard's writer appends: its working set would crowd the readings' heap.
        store.releaseWorkingSet();
        return new Large(large, store);
    }

    private void readLarge(Path large) throws Exception {
        LocalDate yearEnd = LocalDate.of(2025, 12, 31);
        try (Ledger ledger = SqlLedger.open(large, policy)) {
            CourtReports reports = SqlLedger.reports(ledger, calendar);
            SqlReportSource source = SqlLedger.reportSource(ledger);
            time("double zero on the year's last day", () -> reports.doubleZero(yearEnd));
            time("three-colour list on the year's last day", () -> reports.dailyList(yearEnd));
            time("weekly report, the year's last week", () -> reports.weekly(yearEnd.minusDays(6), yearEnd, CNY));
            time("balances at the end of 2025-06-30", () -> source.balances(LocalDate.of(2025, 6, 30)));
            time("balances now", () -> ledger.view().balances());
            add(Measure.millis("verify: chain, postings, trial balance, replay = projections", settings.runs(), "",
                    attempt -> {
                        LedgerAudit.Result result = SqlLedger.audit(ledger);
                        if (!result.ok()) {
                            throw new IllegalStateException("the large journal does not verify: " + result);
                        }
                        return 1;
                    }));
        }
        // What a store does before its first write, which a court's system runs at start: a store
        // opened for each run (a store checks once), the opening not timed.
        add(Measure.sampled("check of the tables before a store's first write (checkBeforeWriting)", "ms",
                settings.runs(), "", attempt -> {
                    try (SqlJournalStore store = SqlLedger.sqlite(large)) {
                        long started = System.nanoTime();
                        store.checkBeforeWriting(sequence -> { });
                        return (System.nanoTime() - started) / 1e6;
                    }
                }));
    }

    // ------------------------------------------------------------------ the dashboard

    /** The concurrent readers that loop on the API's double zero. */
    private static final int API_READERS = 40;
    /** The concurrent readers that loop on the double-zero page (双清零), logged in. */
    private static final int PAGE_READERS = 10;
    /** The requests each page or answer is asked before it is measured one at a time. */
    private static final int WARM_UP_REQUESTS = 3;
    private static final LocalDate YEAR_END = LocalDate.of(2025, 12, 31);
    private static final String DOUBLE_ZERO_PAGE = "/double-zero?date=" + YEAR_END;
    private static final String DOUBLE_ZERO_API = "/api/v1/double-zero?date=" + YEAR_END;

    /**
     * The dashboard over the large journal, started in this JVM on a free port of the loopback, as
     * finance ({@code fin.li}, with a password and a token in a logins file of the bench folder) sees
     * it: the double-zero page (双清零) and the API's double zero one request at a time, the figure the
     * time the server says it took (Server-Timing); then many readers at once while a writer appends.
     */
    private void serveLarge(Large large) throws Exception {
        Path logins = settings.folder().resolve("bench-logins.json");
        String password = Passwords.newSecret();
        String token = Passwords.newSecret();
        LoginsFile.empty().with(new LoginsFile.Login(DemoCourt.FINANCE_PERSON,
                Optional.of(Passwords.hash(password.toCharArray())),
                List.of(new LoginsFile.Token("bench", Passwords.sha256(token), Clock.systemUTC().instant()))))
                .write(logins);
        try (Dashboard dashboard = Dashboard.start(new Dashboard.Settings(readOnly(large.file()), logins,
                "127.0.0.1", 0, Clock.systemUTC()))) {
            DashboardClient client = new DashboardClient(dashboard.port());
            String cookie = client.login(DemoCourt.FINANCE_PERSON, password);
            oneAtATime("dashboard: double-zero page, server time", DOUBLE_ZERO_PAGE,
                    () -> client.page(DOUBLE_ZERO_PAGE, cookie));
            oneAtATime("dashboard: API double zero, server time", DOUBLE_ZERO_API,
                    () -> client.api(DOUBLE_ZERO_API, token));
            readersBesideWriter(large, client, cookie, token);
        }
    }

    /** The large journal as the dashboard reads it: opened read-only, in one snapshot, for each request. */
    private LedgerSource readOnly(Path file) {
        return new LedgerSource() {
            @Override
            public Ledger openForReading() {
                return Ledger.open(SqlLedger.sqliteReadOnly(file, SqliteOptions.defaults()), policy,
                        Clock.systemUTC());
            }

            @Override
            public CourtReports reports(Ledger opened) {
                return SqlLedger.reports(opened, calendar);
            }

            @Override
            public String location() {
                return file.toString();
            }
        };
    }

    /**
     * One request at a time, after {@value #WARM_UP_REQUESTS} to warm up (the page's templates and the
     * code of the answer compiled): the server's time as the figure, the client's wait in its note.
     */
    private void oneAtATime(String name, String path, ReadersBesideWriter.Ask ask) throws Exception {
        long bytes = 0;
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            bytes = ok(path, ask.ask()).bytes();
        }
        List<Double> waits = new ArrayList<>();
        Measure.Figure figure = Measure.sampled(name, "ms", settings.runs(), "", attempt -> {
            DashboardClient.Answer answer = ok(path, ask.ask());
            waits.add(answer.wallMillis());
            return answer.serverMillis();
        });
        add(figure.withNote(String.format(Locale.ROOT, "%s; wall time %s ms (%s..%s) on loopback; %,d bytes;"
                + " after %d requests to warm up", path, number(Measure.median(waits)),
                number(java.util.Collections.min(waits)), number(java.util.Collections.max(waits)), bytes,
                WARM_UP_REQUESTS)));
    }

    private static DashboardClient.Answer ok(String path, DashboardClient.Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("the dashboard answered " + path + " with status " + answer.status());
        }
        return answer;
    }

    /**
     * {@value #API_READERS} readers on the API's double zero and {@value #PAGE_READERS} on the page, each
     * in a loop, for {@link Settings#webReadersTime()}, while one writer appends receipts to the same
     * journal, one durable commit each, with the store that built the journal. The receipts are dated
     * today, after the day the readers ask about, so that every reader has the same work to do however
     * far the writer has gone: dated on that day, each would add an unidentified receipt that every
     * later double zero looks up, and the readers' figure would follow the writer's.
     */
    private void readersBesideWriter(Large large, DashboardClient client, String cookie, String token)
            throws Exception {
        // Not closed: closing the ledger would close the store, which Large closes at the end.
        Ledger writer = Ledger.open(large.builder(), policy, Clock.systemUTC());
        long eventsBefore = writer.view().lastSequence();
        LocalDate today = LocalDate.now(Dashboard.BEIJING);
        LocalDate receiptDay = today.isAfter(YEAR_END) ? today : YEAR_END;
        List<ReadersBesideWriter.Readers> kinds = List.of(
                new ReadersBesideWriter.Readers("API double zero", API_READERS,
                        () -> client.api(DOUBLE_ZERO_API, token)),
                new ReadersBesideWriter.Readers("double-zero page", PAGE_READERS,
                        () -> client.page(DOUBLE_ZERO_PAGE, cookie)));
        Measure.Once<ReadersBesideWriter.Result> once = Measure.once(() -> ReadersBesideWriter.run(kinds,
                settings.webReadersTime(), n -> writer.execute(receipt("WEB" + n, receiptDay))));
        ReadersBesideWriter.Result result = once.result();
        long peak = once.peakHeapMegabytes();
        int readers = API_READERS + PAGE_READERS;
        long answers = 0;
        long errors = 0;
        List<String> firstErrors = new ArrayList<>();
        for (ReadersBesideWriter.ReadersResult each : result.readers()) {
            answers += each.waits().size();
            errors += each.errors();
            if (!each.firstError().isEmpty()) {
                firstErrors.add(each.readers().name() + ": " + each.firstError());
            }
        }
        String shared = String.format(Locale.ROOT, "server, readers and writer share %d processors and this JVM",
                Runtime.getRuntime().availableProcessors());
        add(once("dashboard: " + readers + " readers beside a writer, 200 answers", "requests/s",
                answers / result.seconds(), peak, String.format(Locale.ROOT, "%,d answers in %.1f s (%d s of"
                        + " requests, then those in flight); %s", answers, result.seconds(),
                        settings.webReadersTime().toSeconds(), shared)));
        for (ReadersBesideWriter.ReadersResult each : result.readers()) {
            String kind = each.readers().name() + " (" + each.readers().readers() + " readers)";
            add(once("  " + kind, "requests/s", each.waits().size() / result.seconds(), peak,
                    String.format(Locale.ROOT, "%,d answers, %d errors", each.waits().size(), each.errors())));
            if (each.waits().isEmpty()) {
                continue;
            }
            String server = "server time median " + number(Measure.median(each.serverMillis())) + " ms, 99th "
                    + number(Measure.percentile(each.serverMillis(), 99)) + " ms";
            add(latency("    wait, median", each.waits(), Measure.median(each.waits()), peak, server));
            add(latency("    wait, 99th percentile", each.waits(), Measure.percentile(each.waits(), 99), peak, ""));
        }
        String journal = String.format(Locale.ROOT, "%,d receipts dated %s, the journal %,d events before, %,d"
                + " after", result.commits(), receiptDay, eventsBefore, writer.view().lastSequence());
        add(once("  writer: one durable commit per receipt, SQLite FULL", "commits/s",
                result.commits() / result.writerSeconds(), peak, result.writerError().isEmpty() ? journal
                        : journal + "; stopped: " + result.writerError()));
        add(once("  errors: answers other than 200, failed requests", "errors", errors, peak,
                firstErrors.isEmpty() ? "none" : "first: " + String.join("; ", firstErrors)));
    }

    /** A figure measured once. */
    private static Measure.Figure once(String name, String unit, double value, long peak, String note) {
        return new Measure.Figure(name, unit, value, value, value, peak, 1, note);
    }

    /** A latency figure over {@code waits}, with their range. */
    private static Measure.Figure latency(String name, List<Double> waits, double value, long peak, String note) {
        return new Measure.Figure(name, "ms", value, java.util.Collections.min(waits),
                java.util.Collections.max(waits), peak, 1, String.format(Locale.ROOT, "of %,d answers%s",
                        waits.size(), note.isEmpty() ? "" : "; " + note));
    }

    /** The whole year's statement of the main master account, reconciled by the command line. */
    private void reconcileLarge(Path large) throws Exception {
        Path statement = settings.folder().resolve("province-statement.csv");
        long lines;
        try (Ledger ledger = SqlLedger.open(large, policy)) {
            lines = BenchStatement.write(ledger, DemoCourt.MAIN_ACCOUNT, LocalDate.of(2025, 1, 1),
                    LocalDate.of(2025, 12, 31), statement);
        }
        add(Measure.millis("reconcile a year's statement (" + String.format(Locale.ROOT, "%,d", lines) + " lines)",
                settings.runs(), "", attempt -> cli(0, "reconcile", "--db", large.toString(), "--statement",
                        statement.toString(), "--from", "2025-01-01", "--to", "2025-12-31")));
    }

    /** Our balances beside hledger's and Ledger's on the same journal, exported once. */
    private void balancesBesideTools(Path large) throws Exception {
        Path journal = settings.folder().resolve("province.journal");
        add(Measure.millis("export the journal for hledger", 1, "", attempt -> cli(0, "export", "--db",
                large.toString(), "--format", "hledger", "--out", journal.toString())));
        Measure.Figure ours = Measure.millis("casefunds balances (every account, now)", settings.runs(), "",
                attempt -> cli(0, "balances", "--db", large.toString()));
        add(ours);
        if (!settings.plainTextTools()) {
            out.println("  hledger and Ledger skipped (--no-tools)");
            return;
        }
        // Both tools read the same transactions, without the account directives and the month-end assertions
        // that `hledger check --strict` uses (ExportIT checks those): Ledger took 96 s over the 140,000 account
        // directives and 10,000 transactions, and more than 8 minutes over the assertions, which it checks
        // in file order by summing again. The two run at once, one core each; this JVM waits meanwhile.
        Path transactions = settings.folder().resolve("province-transactions.journal");
        try (java.io.BufferedReader in = Files.newBufferedReader(journal);
                java.io.BufferedWriter copy = Files.newBufferedWriter(transactions)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(HledgerJournal.ASSERTIONS_HEADER)) {
                    break;
                }
                if (!line.startsWith("account ")) {
                    copy.write(line);
                    copy.newLine();
                }
            }
        }
        List<List<String>> tools = List.of(List.of("hledger", "-f", transactions.toString(), "balance"),
                List.of("ledger", "-f", transactions.toString(), "balance"));
        List<ExternalTool.Run> runs = ExternalTool.runTogether(tools, settings.folder(), TOOL_LIMIT_SECONDS);
        for (int i = 0; i < tools.size(); i++) {
            ExternalTool.Run run = runs.get(i);
            String name = tools.get(i).get(0);
            if (run == null) {
                out.println("  " + name + " is not installed: skipped (Debian: apt-get install " + name + ")");
                continue;
            }
            String note = run.stopped() ? "stopped at the " + TOOL_LIMIT_SECONDS + " s limit, unfinished: more than"
                    + String.format(Locale.ROOT, " %.0f× ours", run.millis() / ours.median())
                    : "exit " + run.exitCode() + ", peak memory " + (run.maxResidentKilobytes() < 0 ? "?"
                            : run.maxResidentKilobytes() / 1024 + " MB")
                            + String.format(Locale.ROOT, "; %.0f× ours", run.millis() / ours.median());
            add(new Measure.Figure(name + " balance on the same transactions", "ms", run.millis(), run.millis(),
                    run.millis(), 0, 1, note));
        }
    }

    /** Runs the command line in this JVM, its output discarded; fails unless it exits {@code expected}. */
    private static long cli(int expected, String... arguments) {
        java.io.StringWriter errors = new java.io.StringWriter();
        int code = org.casefunds.examples.cli.Casefunds.run(arguments, new PrintWriter(java.io.Writer.nullWriter()),
                new PrintWriter(errors));
        if (code != expected) {
            throw new IllegalStateException("casefunds " + String.join(" ", arguments) + " exited " + code + ": "
                    + errors);
        }
        return 1;
    }

    private void time(String name, Runnable work) throws Exception {
        add(Measure.millis(name, settings.runs(), "", attempt -> {
            work.run();
            return 1;
        }));
    }
}
