package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.ReportSource;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.store.JournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.SequenceHarness;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: invariant 8 for the SQL stores: every report computed by set-based queries on the SQL
 * projections and history equals the reference computation, a fold of the same journal, on every
 * date, on SQLite and on PostgreSQL.
 *
 * <p>Method: the property suite's generator makes a history in a SQL store (receipts, claims,
 * notices, settlements, returns, reversals, deferrals granted, renewed and lifted, ...); the test
 * reads the journal back, and on twelve dates spread over it compares each report from
 * {@link SqlReportSource} with the same report from {@code ReportSource.folding}. The large-balance
 * threshold is lowered to 1,000.00 so that the monthly report has cases to list.
 */
class SqlReportsTest {
    private static final Policy POLICY = Policy.defaults().toBuilder()
            .largeBalanceThreshold(Money.of(Fixtures.CNY, 1_000)).build();

    /** A case number no generated journal opens. */
    private static final String NEVER_OPENED = "（2099）京0101执99999号";

    @Test
    void sqliteReportsEqualTheFold() {
        qt().withExamples(Integer.getInteger("property.examples.sql", 100)).withShrinkCycles(Integer.getInteger("shrink.cycles", 100))
                .forAll(SequenceHarness.scripts())
                .checkAssert(script -> {
                    Path file = TemporaryLedgers.newFile();
                    Supplier<JournalStore> store = () -> SqlLedger.sqlite(file,
                            SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.OFF));
                    compare(script, store);
                });
    }

    @Test
    void postgresReportsEqualTheFold() {
        qt().withExamples(Integer.getInteger("property.examples.sql", 30)).withShrinkCycles(Integer.getInteger("shrink.cycles", 100))
                .forAll(SequenceHarness.scripts())
                .checkAssert(script -> {
                    String schema = "court_reports_" + System.nanoTime();
                    compare(script, () -> SqlLedger.postgres(PostgresServer.dataSource(), schema));
                });
    }

    private static void compare(List<List<Integer>> script, Supplier<JournalStore> stores) {
        new SequenceHarness(stores).run(script, EnumSet.noneOf(SequenceHarness.Check.class));
        try (SqlJournalStore store = (SqlJournalStore) stores.get()) {
            List<Event> events;
            try (Stream<Event> stream = store.read(1)) {
                events = stream.collect(Collectors.toList());
            }
            Function<LocalDate, LedgerState> fold = date -> LedgerState.asOf(events, date);
            CourtReports reference = CourtReports.of(fold, POLICY, WorkingDayCalendar.china());
            CourtReports sql = CourtReports.of(SqlReportSource.of(store), POLICY, WorkingDayCalendar.china());
            LocalDate first = events.get(0).effectiveDate();
            LocalDate last = events.stream().map(Event::effectiveDate).max(LocalDate::compareTo).orElseThrow();
            long span = ChronoUnit.DAYS.between(first, last) + 10;
            // Every other case the journal ever opens, and one it never does.
            List<CaseNumber> everyOtherCase = new ArrayList<>();
            int index = 0;
            for (CaseNumber caseNumber : ReportSource.folding(fold).handlers(last).keySet()) {
                if (index++ % 2 == 0) {
                    everyOtherCase.add(caseNumber);
                }
            }
            everyOtherCase.add(CaseNumber.parse(NEVER_OPENED));
            for (int i = 0; i < 12; i++) {
                LocalDate date = first.plusDays(span * i / 11);
                LocalDate weekStart = date.minusDays(6).isBefore(first) ? first : date.minusDays(6);
                String on = " on " + date;
                assertEquals(ReportSource.folding(fold).handlers(date),
                        SqlReportSource.of(store).handlers(date), "handlers" + on + " in " + events.stream()
                                .filter(event -> event.kind().name().startsWith("CASE"))
                                .map(event -> event.sequence() + " " + event.effectiveDate() + " " + event.payload())
                                .collect(Collectors.joining("\n")));
                // The weekly report's parts read without listing every case or account.
                assertEquals(ReportSource.folding(fold).casesPerHandler(date),
                        SqlReportSource.of(store).casesPerHandler(date), "cases per handler" + on);
                assertEquals(ReportSource.folding(fold).handlers(date, everyOtherCase),
                        SqlReportSource.of(store).handlers(date, everyOtherCase), "handlers of some cases" + on);
                assertEquals(ReportSource.folding(fold).totalsByKind(date),
                        SqlReportSource.of(store).totalsByKind(date), "totals by kind" + on);
                // The export's month-end balances and what finance still has to pay, read on this date.
                assertEquals(ReportSource.folding(fold).balances(date),
                        SqlReportSource.of(store).balances(date), "balances" + on);
                assertEquals(ReportSource.folding(fold).inTransit(date),
                        SqlReportSource.of(store).inTransit(date), "in transit" + on);
                assertEquals(reference.doubleZero(date), sql.doubleZero(date), "double zero" + on);
                assertEquals(reference.caseLots(date), sql.caseLots(date), "case lots" + on);
                assertEquals(reference.dailyList(date), sql.dailyList(date), "daily list" + on);
                assertEquals(reference.unidentified(date), sql.unidentified(date), "unidentified" + on);
                assertEquals(reference.noticesOverdueAtFinance(date), sql.noticesOverdueAtFinance(date),
                        "notices overdue at finance" + on);
                assertEquals(reference.deferralWatch(date), sql.deferralWatch(date), "deferral watch" + on);
                assertEquals(reference.largeBalances(date), sql.largeBalances(date), "large balances" + on);
                assertEquals(reference.oldBalances(date, first.plusDays(span / 3)),
                        sql.oldBalances(date, first.plusDays(span / 3)), "old balances" + on);
                assertEquals(reference.weekly(weekStart, date, Fixtures.CNY), sql.weekly(weekStart, date, Fixtures.CNY),
                        "weekly" + on);
                assertEquals(reference.payoutTime(first, date, Fixtures.CNY), sql.payoutTime(first, date, Fixtures.CNY),
                        "payout time" + on);
                assertEquals(reference.subAccountUsage(first, date, Fixtures.CNY),
                        sql.subAccountUsage(first, date, Fixtures.CNY), "usage" + on);
            }
        }
    }
}
