package org.casefunds.ledger.reports;

import static org.casefunds.ledger.reports.Court.d;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.COURT;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.debtor;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.clock.LotStatus;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.commands.ClosePeriod;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The court's timeline as recorded facts: calendar years and policies adopted in the journal, the
 * deadlines counted under them, and every refusal of a bad adoption. Method: example ledgers on the
 * test court; each deadline is counted by hand in a comment beside its assertion.
 */
class CourtTimelineTest {

    /** A made-up official 2027: rest 01-01..01-03 and 02-05..02-12, adjusted working Sun 02-14 and Sat 02-20. */
    static CalendarYear official2027() {
        List<LocalDate> rest = new ArrayList<>(List.of(d("2027-01-01"), d("2027-01-02"), d("2027-01-03")));
        for (LocalDate day = d("2027-02-05"); !day.isAfter(d("2027-02-12")); day = day.plusDays(1)) {
            rest.add(day);
        }
        return CalendarYear.of(2027, rest, List.of(d("2027-02-14"), d("2027-02-20")),
                CalendarSource.official(List.of(CalendarSource.Document.of(d("2026-11-20"), "国办发明电〔2026〕99号",
                        "国务院办公厅关于2027年部分节假日安排的通知（示例）"))));
    }

    private static Command adoptYear(String key, LocalDate on, CalendarYear year, String reason) {
        return Command.of(key, FINANCE, on, new AdoptCalendarYear(year, Optional.ofNullable(reason)))
                .approvedBy(BY_DIRECTOR);
    }

    private static Command adoptPolicy(String key, LocalDate from, Policy policy) {
        return Command.of(key, FINANCE, from, new AdoptPolicy(policy, Optional.empty())).approvedBy(BY_LEADER);
    }

    private static LedgerException refused(ErrorCode code, String field, Executable executable) {
        LedgerException refusal = assertThrows(LedgerException.class, executable);
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertEquals(Optional.of(field), refusal.field(), refusal.getMessage());
        return refusal;
    }

    @Test
    void migratedMoneyThatArrivedIn2015CountsOnThe2015Calendar() {
        // The court moves its books into the ledger in 2025 (the clock), dating them from 2015.
        Clock migration = Clock.fixed(Instant.parse("2025-03-03T01:00:00Z"), ZoneOffset.UTC);
        Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), migration);
        Fixtures.opening(d("2015-01-05")).forEach(ledger::execute);
        ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, d("2015-01-05")));
        ledger.execute(Command.of("r1", ADMINISTRATOR, d("2015-06-16"), RecordReceipt.of(BANK, "SN-r1",
                cny("5000.00"), Payer.of(debtor(1), "62281", "农业银行北京分行"), null, ReceiptSource.DEBTOR_PAYMENT,
                subAccount(1))));
        CourtReports reports = CourtReports.of(ledger, WorkingDayCalendar.china());
        // Tue 2015-06-16 + 10: Wed 17 1, Thu 18 2, Fri 19 3; Sat 20, Sun 21, Mon 06-22 Dragon Boat rest;
        // Tue 23 4, Wed 24 5, Thu 25 6, Fri 26 7, Mon 29 8, Tue 30 9, Wed 2015-07-01 10.
        LotStatus status = reports.caseLots(d("2015-06-30")).get(0).status();
        assertEquals(d("2015-07-01"), status.deadline());
        assertFalse(status.provisional());
        DoubleZero later = reports.doubleZero(d("2025-03-31"));
        assertEquals(cny("5000.00"), later.currencies().get(0).overdueAmount());
        assertEquals(Set.of(), later.rules().provisionalYears());
        assertTrue(String.join(" ", later.rules().calendarSources()).contains("2015: official"),
                later.rules().calendarSources().toString());
        assertEquals(1, reports.oldBalances(d("2025-03-31")).size());
    }

    @Test
    void adoptingTheOfficialScheduleReplacesAProvisionalDeadline() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2026-12-28"), "100.00", 1);
        // Provisional 2027: Fri 01-01 rest only. Mon 2026-12-28 + 10: 12-29 1, 12-30 2, 12-31 3, Mon 01-04 4 ..
        // Fri 01-08 8, Mon 01-11 9, Tue 2027-01-12 10.
        assertEquals(d("2027-01-12"), court.onlyLotOf(1, d("2026-12-29")).deadline());
        court.run(adoptYear("cal-2027", d("2026-12-29"), official2027(), null));
        // Official 2027 (made up): 01-01..01-03 rest, the same count: Tue 2027-01-12, no longer provisional.
        LotStatus after = court.onlyLotOf(1, d("2026-12-29"));
        assertEquals(d("2027-01-12"), after.deadline());
        assertFalse(after.provisional());
        // Before its adoption date the ledger still counted on the provisional year: as of a date means as known then.
        assertTrue(court.onlyLotOf(1, d("2026-12-28")).provisional());
        DoubleZero report = court.reports.doubleZero(d("2027-01-13"));
        assertTrue(String.join(" ", report.rules().calendarSources()).contains("2027: official: 国办发明电〔2026〕99号"),
                report.rules().calendarSources().toString());
        assertEquals(Set.of(), report.rules().provisionalYears());
    }

    @Test
    void aLocalAdjustmentMovesTheDeadlinesThatCountThroughIt() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "100.00", 1);
        // Mon 2025-03-03 + 10 on the official 2025: Tue 03-04 1 .. Fri 03-07 4, Mon 03-10 5 .. Fri 03-14 9, Mon 03-17 10.
        assertEquals(d("2025-03-17"), court.onlyLotOf(1, d("2025-03-04")).deadline());
        CalendarYear official = WorkingDayCalendar.china().year(2025).orElseThrow();
        SortedSet<LocalDate> rest = new TreeSet<>(official.restDays());
        rest.add(d("2025-03-10")); // a local rest day (a made-up flood closure)
        CalendarYear local = CalendarYear.of(2025, rest, official.adjustedWorkingDays(),
                CalendarSource.local(List.of(CalendarSource.Document.of(d("2025-03-04"), "京02院〔2025〕1号", "临时闭院通知"))));
        refused(ErrorCode.MISSING_VALUE, "reason", () -> court.run(adoptYear("local", d("2025-03-04"), local, null)));
        court.run(adoptYear("local", d("2025-03-04"), local, "flood closure"));
        // One working day fewer: Tue 2025-03-18.
        assertEquals(d("2025-03-18"), court.onlyLotOf(1, d("2025-03-05")).deadline());
    }

    @Test
    void aBadCalendarAdoptionIsRefusedAndChangesNothing() {
        Court court = Court.opened();
        long before = court.ledger.view().lastSequence();
        CalendarYear provisional = WorkingDayCalendar.china().year(2027).orElseThrow();
        refused(ErrorCode.INVALID_VALUE, "year.source.kind",
                () -> court.run(adoptYear("prov", d("2025-01-03"), provisional, null)));
        CalendarYear shipped2025 = WorkingDayCalendar.china().year(2025).orElseThrow();
        refused(ErrorCode.ALREADY_EXISTS, "year.year", () -> court.run(adoptYear("again", d("2025-01-03"), shipped2025,
                null)));
        CalendarYear gap = CalendarYear.of(2005, List.of(), List.of(), CalendarSource.local(List.of(
                CalendarSource.Document.of(d("2004-12-01"), "旧1号", "旧账"))));
        LedgerException leavesOut = refused(ErrorCode.INVALID_VALUE, "year.year",
                () -> court.run(adoptYear("gap", d("2025-01-03"), gap, null)));
        assertTrue(leavesOut.getMessage().contains("leaves out 2006"), leavesOut.getMessage());
        // Without the bureau director's approval, or asked by a fund administrator.
        refused(ErrorCode.APPROVAL_MISSING, "approvals", () -> court.run(Command.of("noapp", FINANCE, d("2025-01-03"),
                new AdoptCalendarYear(official2027(), Optional.empty())).approvedBy(BY_HEAD)));
        refused(ErrorCode.ROLE_NOT_PERMITTED, "actor.roles", () -> court.run(Command.of("adm", ADMINISTRATOR,
                d("2025-01-03"), new AdoptCalendarYear(official2027(), Optional.empty())).approvedBy(BY_DIRECTOR)));
        // A change that reaches into a closed period.
        court.run(Command.of("close", FINANCE, d("2025-03-31"), new ClosePeriod(d("2025-03-31"))));
        SortedSet<LocalDate> rest = new TreeSet<>(shipped2025.restDays());
        rest.add(d("2025-03-10"));
        CalendarYear local = CalendarYear.of(2025, rest, shipped2025.adjustedWorkingDays(), CalendarSource.local(
                List.of(CalendarSource.Document.of(d("2025-04-01"), "京02院〔2025〕2号", "补记闭院"))));
        refused(ErrorCode.PERIOD_CLOSED, "year.year", () -> court.run(adoptYear("closed", d("2025-04-01"), local,
                "late")));
        assertEquals(before + 1, court.ledger.view().lastSequence(), "only the period close was written");
        assertTrue(court.ledger.view().courtRules().isEmpty());
    }

    @Test
    void thePolicyInForceOnALotsArrivalGovernsItsDeadline() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "100.00", 1);
        court.run(adoptPolicy("spc", d("2025-03-10"), Policy.spc2017()));
        court.receipt("r2", d("2025-03-10"), "200.00", 1);
        List<CaseLotStatus> lines = court.linesOf(1, d("2025-03-11"));
        // r1 under the default: Mon 03-03 + 10 working days = Mon 03-17.
        assertEquals(d("2025-03-17"), lines.get(0).status().deadline());
        // r2 under SPC 2017: Mon 03-10 + 30 calendar days = Wed 2025-04-09, a working day.
        assertEquals(d("2025-04-09"), lines.get(1).status().deadline());
        DoubleZero report = court.reports.doubleZero(d("2025-03-11"));
        assertEquals(Policy.SPC_2017_NAME, report.rules().policy());
        assertTrue(report.rules().policySource().contains("adopted from 2025-03-10"), report.rules().policySource());
        // What if SPC 2017 had applied all along: labelled.
        DoubleZero whatIf = court.reports.whatIf(Policy.spc2017()).doubleZero(d("2025-03-18"));
        assertTrue(whatIf.rules().whatIf());
        assertTrue(whatIf.rules().policySource().contains("what if"), whatIf.rules().policySource());
        assertEquals(0, whatIf.currencies().get(0).overdueLots());
        assertEquals(1, court.reports.doubleZero(d("2025-03-18")).currencies().get(0).overdueLots());
    }

    @Test
    void aBadPolicyAdoptionIsRefusedAndChangesNothing() {
        Court court = Court.opened();
        court.run(adoptPolicy("spc", d("2025-02-03"), Policy.spc2017()));
        refused(ErrorCode.ALREADY_EXISTS, "policy", () -> court.run(adoptPolicy("spc-again", d("2025-02-04"),
                Policy.spc2017())));
        refused(ErrorCode.OUT_OF_ORDER, "effectiveDate", () -> court.run(adoptPolicy("early", d("2024-12-31"),
                Policy.defaults())));
        court.run(Command.of("close", FINANCE, d("2025-02-28"), new ClosePeriod(d("2025-02-28"))));
        refused(ErrorCode.PERIOD_CLOSED, "effectiveDate", () -> court.run(adoptPolicy("closed", d("2025-02-10"),
                Policy.defaults())));
        refused(ErrorCode.APPROVAL_MISSING, "approvals", () -> court.run(Command.of("noapp", FINANCE, d("2025-03-03"),
                new AdoptPolicy(Policy.defaults(), Optional.empty())).approvedBy(BY_DIRECTOR)));
        assertEquals(1, court.ledger.view().courtRules().policies().size());
        assertThrows(InvalidInputException.class, () -> Policy.preset("SPC 2018"));
    }

    @Test
    void aDeferralsLongestTermComesFromThePolicyInForceOnItsGrant() {
        Court court = Court.opened().withCase(1, HANDLER);
        court.receipt("r1", d("2025-03-03"), "100.00", 1);
        Map<DeferralReason, Integer> months = new EnumMap<>(
                Policy.defaults().deferralMaximumMonths());
        months.put(DeferralReason.DISTRIBUTION, 1);
        Policy strict = Policy.defaults().toBuilder().name("one month").deferralMaximumMonths(months).build();
        court.run(adoptPolicy("strict", d("2025-03-05"), strict));
        // Two months under a policy that allows one: refused.
        assertThrows(LedgerException.class, () -> court.defer("d1", d("2025-03-06"), 1, d("2025-03-06"),
                d("2025-05-05"), null));
        court.defer("d2", d("2025-03-06"), 1, d("2025-03-06"), d("2025-04-05"), null);
        assertEquals(LotStatus.State.DEFERRED, court.onlyLotOf(1, d("2025-03-20")).state());
    }
}
