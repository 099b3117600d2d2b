package org.casefunds.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.CaseLotStatus;
import org.casefunds.ledger.reports.CourtReports;
import org.casefunds.ledger.reports.DoubleZero;
import org.casefunds.ledger.reports.NoticeOverdue;
import org.casefunds.ledger.reports.UnidentifiedEntry;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.SequenceHarness;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: invariant 8 of docs/design.md §6 for the core's reports: on every date of every generated
 * history, the double-zero figures equal what the listings add up to, every unnoticed amount of a
 * case is classified exactly once, and money under a whole-case deferral is never overdue.
 *
 * <p>Method: the property suite's script generator makes a history (receipts, claims, notices,
 * returns, deposits, deferrals granted, renewed and lifted, ...); for ten dates spread over it the
 * test computes double zero, the case listing, finance's overdue notices and the unidentified
 * listing, and checks them against each other and against the account balances.
 */
class DoubleZeroPropertyTest {

    @Test
    void doubleZeroEqualsTheSumsOfItsListingsOnEveryDate() {
        qt().withExamples(SequenceHarness.examples())
                .forAll(SequenceHarness.scripts())
                .checkAssert(script -> {
                    InMemoryJournalStore store = new InMemoryJournalStore();
                    new SequenceHarness(() -> store).run(script, EnumSet.noneOf(SequenceHarness.Check.class));
                    List<Event> events = store.events();
                    LocalDate last = events.stream().map(Event::effectiveDate).max(LocalDate::compareTo).orElseThrow();
                    CourtReports reports = CourtReports.of(date -> LedgerState.asOf(events, date), Policy.defaults(),
                            WorkingDayCalendar.china());
                    LocalDate first = events.get(0).effectiveDate();
                    long span = ChronoUnit.DAYS.between(first, last) + 20;
                    for (int i = 0; i < 10; i++) {
                        check(reports, LedgerState.asOf(events, first.plusDays(span * i / 9)),
                                first.plusDays(span * i / 9));
                    }
                });
    }

    private static void check(CourtReports reports, LedgerState state, LocalDate date) {
        DoubleZero doubleZero = reports.doubleZero(date);
        List<CaseLotStatus> lots = reports.caseLots(date);
        List<NoticeOverdue> finance = reports.noticesOverdueAtFinance(date);
        List<UnidentifiedEntry> unidentified = reports.unidentified(date);
        for (DoubleZero.Figures figures : doubleZero.currencies()) {
            CurrencyUnit currency = figures.currency();
            Money overdue = Money.zero(currency);
            int overdueLots = 0;
            Money classified = Money.zero(currency);
            for (CaseLotStatus line : lots) {
                if (!line.status().amount().getCurrencyUnit().equals(currency)) {
                    continue;
                }
                classified = classified.plus(line.status().amount());
                if (line.status().state() == LotStatus.State.OVERDUE) {
                    overdue = overdue.plus(line.status().amount());
                    overdueLots++;
                    for (Deferral deferral : state.deferrals(line.caseNumber())) {
                        assertTrue(!deferral.holdsOn(date) || deferral.amount().isPresent(),
                                "money of " + line.caseNumber() + " is overdue on " + date
                                        + " under a whole-case deferral " + deferral);
                    }
                }
            }
            assertEquals(overdue, figures.overdueAmount(), "overdue amount on " + date);
            assertEquals(overdueLots, figures.overdueLots(), "overdue lots on " + date);
            Money financeOverdue = finance.stream().map(line -> line.notice().amount())
                    .filter(amount -> amount.getCurrencyUnit().equals(currency)).reduce(Money.zero(currency), Money::plus);
            assertEquals(financeOverdue, figures.financeOverdueAmount(), "finance overdue on " + date);
            Money waiting = Money.zero(currency);
            Money past = Money.zero(currency);
            for (UnidentifiedEntry entry : unidentified) {
                if (entry.remaining().getCurrencyUnit().equals(currency)) {
                    waiting = waiting.plus(entry.remaining());
                    past = entry.pastDeadline() ? past.plus(entry.remaining()) : past;
                }
            }
            assertEquals(waiting, figures.unidentifiedAmount(), "unidentified on " + date);
            assertEquals(past, figures.unidentifiedPastDeadlineAmount(), "unidentified past deadline on " + date);
            // Against the ledger's balances: every unnoticed amount classified once, all unidentified listed.
            Map<AccountKind, Money> byKind = new HashMap<>();
            for (AccountBalance balance : state.balances()) {
                if (balance.posted().getCurrencyUnit().equals(currency)) {
                    byKind.merge(balance.account().kind(), balance.posted(), Money::plus);
                }
            }
            assertEquals(byKind.getOrDefault(AccountKind.CASE, Money.zero(currency)), classified,
                    "case balances versus classified lots on " + date);
            assertEquals(byKind.getOrDefault(AccountKind.UNIDENTIFIED, Money.zero(currency)), waiting,
                    "unidentified balances versus the listing on " + date);
            assertEquals(figures.strict(), figures.overdueUnpaid().isZero() && waiting.isZero());
        }
        assertNotEquals(null, doubleZero);
    }
}
