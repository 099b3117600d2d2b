package org.casefunds.ledger.commands;

import static org.casefunds.ledger.commands.Scenario.assertRefused;
import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.BY_SECOND_STAFF_ADMIN;
import static org.casefunds.ledger.testing.Fixtures.FINANCE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.STAFF_ADMIN;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.casefunds.ledger.testing.Fixtures.creditorAccount;
import static org.casefunds.ledger.testing.Fixtures.subAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.DeferralReason;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Goal: money takes effect on the bank's value date, which is never in the future: a command that
 * moves money dated more than {@link Limits#MONEY_DATE_AFTER_TODAY_DAYS_MAX} day after the day it
 * is recorded is refused naming {@code effectiveDate}, "today" being the day of the processor's
 * clock in Beijing; commands that move no money keep their later dates (a policy or a role from a
 * later day), and money dated today or tomorrow is taken.
 *
 * <p>Method: a ledger whose clock stands at 2025-03-03T17:00Z, which is already Tuesday 2025-03-04
 * 01:00 in Beijing; the test court opened on 2025-03-03 with one case.
 */
class MoneyDatedAfterTodayTest {
    /** 17:00 UTC on 03-03 is 01:00 on 03-04 in Beijing: today is 03-04 there, 03-03 in UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-03T17:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate OPENED = LocalDate.of(2025, 3, 3);
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 4);

    private Ledger ledger;

    @BeforeEach
    void open() {
        ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), CLOCK);
        Fixtures.opening(OPENED).forEach(ledger::execute);
        ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, OPENED));
    }

    private static Command receipt(String key, LocalDate date) {
        return Command.of(key, ADMINISTRATOR, date, RecordReceipt.of(BANK, "SN-" + key, cny("65000.00"),
                Payer.of("债务人1", "62281", "农业银行北京分行"), null, ReceiptSource.DEBTOR_PAYMENT, subAccount(1)));
    }

    @Test
    void aReceiptDatedAfterTomorrowIsRefusedNamingTheDateAndTheDayItIsRecorded() {
        InvalidInputException refused = assertRefused(ledger, receipt("r2099", LocalDate.of(2099, 3, 4)),
                InvalidInputException.class, ErrorCode.INVALID_DATE, "effectiveDate", "2099-03-04",
                "is after today (2025-03-04 in Beijing, when the command is recorded)");
        assertEquals("effectiveDate '2099-03-04': is after today (2025-03-04 in Beijing, when the command is recorded);"
                + " a command that moves money takes effect on the bank's value date, which is never in the future"
                + " (at most 1 day ahead is accepted); date it on or before 2025-03-05, or send it once the money"
                + " has moved", refused.getMessage());
        assertRefused(ledger, receipt("r-day-after-tomorrow", TODAY.plusDays(2)), InvalidInputException.class,
                ErrorCode.INVALID_DATE, "effectiveDate", "2025-03-06", "date it on or before 2025-03-05");
    }

    @Test
    void todayIsTheDayInBeijingAndOneDayAheadIsTolerated() {
        // In UTC it is still 03-03, so 03-05 would be two days ahead; in Beijing it is one.
        assertEquals(1, Limits.MONEY_DATE_AFTER_TODAY_DAYS_MAX);
        assertEquals(EventKind.RECEIPT_RECORDED, ledger.execute(receipt("r-today", TODAY)).event().kind());
        assertEquals(EventKind.RECEIPT_RECORDED, ledger.execute(receipt("r-tomorrow", TODAY.plusDays(1))).event()
                .kind());
    }

    @Test
    void everyCommandThatMovesMoneyIsHeldToTheRuleNotOnlyReceipts() {
        ledger.execute(receipt("r1", TODAY));
        Command notice = Command.of("notice", HANDLER, TODAY.plusDays(30),
                IssuePayoutNotice.of(caseNumber(1), creditorAccount(1), cny("1000.00"))).approvedBy(BY_HEAD);
        assertRefused(ledger, notice, InvalidInputException.class, ErrorCode.INVALID_DATE, "effectiveDate",
                TODAY.plusDays(30).toString(), "moves money");
        Command reversal = Command.of("undo-r1", ADMINISTRATOR, LocalDate.of(2030, 1, 1),
                new Reverse("r1", "entered in error")).approvedBy(Fixtures.BY_DIRECTOR);
        assertRefused(ledger, reversal, InvalidInputException.class, ErrorCode.INVALID_DATE, "effectiveDate",
                "2030-01-01", "moves money");
    }

    @Test
    void commandsThatMoveNoMoneyKeepTheirLaterDates() {
        LocalDate nextYear = LocalDate.of(2026, 1, 1);
        assertEquals(EventKind.POLICY_ADOPTED, ledger.execute(Command.of("policy-2026", FINANCE, nextYear,
                new AdoptPolicy(Policy.spc2017(), Optional.of("院党组决定"))).approvedBy(BY_LEADER)).event().kind());
        assertEquals(EventKind.ROLE_GRANTED, ledger.execute(Command.of("grant-2026", STAFF_ADMIN, nextYear,
                GrantRole.of(HANDLER.id(), Role.FINANCE, nextYear)).approvedBy(BY_SECOND_STAFF_ADMIN)).event().kind());
        assertEquals(EventKind.CASE_OPENED, ledger.execute(Fixtures.openCase("case-2", HANDLER, 2,
                TODAY.plusDays(10))).event().kind());
        assertEquals(EventKind.DEFERRAL_GRANTED, ledger.execute(Command.of("defer", HANDLER, TODAY.plusDays(20),
                new GrantDeferral(caseNumber(1), DeferralReason.DISPUTED, "案外人异议", TODAY.plusDays(20),
                        TODAY.plusDays(60), Optional.empty())).approvedBy(Fixtures.BY_DIRECTOR, BY_LEADER)).event()
                .kind());
        assertFalse(ledger.view().caseRecord(caseNumber(2)).isEmpty());
    }
}
