package org.casefunds.ledger.reconciliation;

import static org.casefunds.ledger.reconciliation.Direction.CREDIT;
import static org.casefunds.ledger.reconciliation.Direction.DEBIT;
import static org.casefunds.ledger.reconciliation.MarchLedger.FROM;
import static org.casefunds.ledger.reconciliation.MarchLedger.TO;
import static org.casefunds.ledger.reconciliation.MarchLedger.line;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.casefunds.ledger.testing.Fixtures.USD;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.InvalidInputException;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * Goal: a statement that agrees with the ledger reconciles, and each way of disagreeing is
 * reported in its own category with the line it concerns: amount, date (inside the period or
 * across its edge), a line only in the bank or only in the ledger, a break in the statement's
 * running balance, missing balances.
 *
 * <p>Method: the journal of {@link MarchLedger} is reconciled with statements written by hand; each
 * expected figure is worked out in a comment.
 */
class ReconciliationTest {
    private final MarchLedger march = new MarchLedger();

    /** The bank's March lines for the ledger; opening 1100.00 (SN-A 1000 + SN-E 100), closing 990.00. */
    private static List<StatementLine> agreeing() {
        return List.of(
                line(2, "SN-E", "2025-03-03", DEBIT, "100.00", "1000.00"),
                line(3, "SN-B", "2025-03-05", CREDIT, "500.00", "1500.00"),
                line(4, "SN-C", "2025-03-06", CREDIT, "300.00", "1800.00"),
                line(5, "OUT-1", "2025-03-10", DEBIT, "800.00", "1000.00"),
                line(6, "FEE-1", "2025-03-20", DEBIT, "50.00", "950.00"),
                line(7, "SN-F", "2025-03-28", CREDIT, "40.00", "990.00"));
    }

    private ReconciliationReport reconcile(List<StatementLine> statement) {
        return reconcile(statement, Reconciliation.DETAIL_LINES_DEFAULT);
    }

    private ReconciliationReport reconcile(List<StatementLine> statement, int detailLimit) {
        Reconciliation reconciliation = Reconciliation.of(BANK, CNY, FROM, TO, detailLimit);
        statement.forEach(reconciliation::add);
        return march.reconcile(reconciliation, march.posted(FROM.minusDays(1)), march.posted(TO));
    }

    @Test
    void aStatementThatAgreesReconciles() {
        ReconciliationReport report = reconcile(agreeing());
        assertEquals(cny("1100.00"), report.ledgerOpening());
        assertEquals(cny("990.00"), report.ledgerClosing());
        assertEquals(Optional.of(cny("1100.00")), report.statementOpening());
        assertEquals(Optional.of(cny("990.00")), report.statementClosing());
        assertEquals(6, report.matched());
        assertEquals(1, report.correctedInLedger().count(), "SN-D and its reversal, both in March");
        assertEquals("SN-D", report.correctedInLedger().shown().get(0).original().reference());
        assertTrue(report.reconciled(), report.toString());
    }

    @Test
    void eachDisagreementIsReportedInItsCategory() {
        // SN-B's amount is changed, SN-C dropped, X-1 added, SN-F dated a day later, SN-H (04-03 in
        // the ledger) dated in March, OUT-1 dated in April; balances follow the changed lines:
        // 1100 -100 +5000 +10 -50 +40 +60 = 6060 at the end of March (OUT-1 is no longer in it).
        List<StatementLine> tampered = List.of(
                line(2, "SN-E", "2025-03-03", DEBIT, "100.00", "1000.00"),
                line(3, "SN-B", "2025-03-05", CREDIT, "5000.00", "6000.00"),
                line(4, "X-1", "2025-03-15", CREDIT, "10.00", "6010.00"),
                line(5, "FEE-1", "2025-03-20", DEBIT, "50.00", "5960.00"),
                line(6, "SN-F", "2025-03-29", CREDIT, "40.00", "6000.00"),
                line(7, "SN-H", "2025-03-31", CREDIT, "60.00", "6060.00"),
                line(8, "OUT-1", "2025-04-01", DEBIT, "800.00", "5260.00"));
        ReconciliationReport report = reconcile(tampered);
        assertEquals(List.of(4L), numbers(report.onlyInBank().shown()));
        assertEquals(List.of("SN-C"), report.onlyInLedger().shown().stream().map(LedgerLine::reference)
                .collect(Collectors.toList()));
        assertEquals(List.of("SN-B 5000.00 500.00"), report.amountMismatches().shown().stream()
                .map(m -> m.statement().reference() + " " + m.statement().amount().getAmount() + " "
                        + m.ledger().amount().getAmount()).collect(Collectors.toList()));
        // In journal order (OUT-1, SN-F), then those whose ledger line lies outside March (SN-H).
        assertEquals(List.of("OUT-1 2025-04-01 2025-03-10", "SN-F 2025-03-29 2025-03-28",
                "SN-H 2025-03-31 2025-04-03"), report.dateMismatches().shown().stream()
                .map(m -> m.statement().reference() + " " + m.statement().valueDate() + " " + m.ledger().valueDate())
                .collect(Collectors.toList()));
        assertEquals(2, report.matched(), "SN-E and FEE-1");
        assertEquals(1, report.statementLinesOutsidePeriod());
        assertEquals(Optional.of(cny("6060.00")), report.statementClosing());
        assertTrue(report.balanceBreaks().isEmpty());
        assertFalse(report.balancesAgree());
        assertFalse(report.reconciled());
    }

    @Test
    void aLineOutsideThePeriodWithAnotherAmountIsNotTheLedgerLinesTransaction() {
        // OUT-1 is dated in April by the bank and for 900.00: not the 800.00 the ledger paid on 03-10.
        List<StatementLine> statement = new ArrayList<>(agreeing());
        statement.set(3, line(5, "OUT-1", "2025-04-01", DEBIT, "900.00", "900.00"));
        ReconciliationReport report = reconcile(statement);
        assertEquals(List.of("OUT-1"), report.onlyInLedger().shown().stream().map(LedgerLine::reference)
                .collect(Collectors.toList()));
        assertTrue(report.amountMismatches().isEmpty() && report.dateMismatches().isEmpty(), report.toString());
    }

    @Test
    void aBreakInTheRunningBalanceIsNamedByLine() {
        // Line 4 states 1700.00 where 1500.00 + 300.00 = 1800.00; line 5 then states 1000.00 where
        // 1700.00 - 800.00 = 900.00 follows from it: two breaks, though every line matches.
        List<StatementLine> statement = new ArrayList<>(agreeing());
        statement.set(2, line(4, "SN-C", "2025-03-06", CREDIT, "300.00", "1700.00"));
        ReconciliationReport report = reconcile(statement);
        assertEquals(List.of("4 1800.00 1700.00", "5 900.00 1000.00"), report.balanceBreaks().shown().stream()
                .map(b -> b.lineNumber() + " " + b.expected().getAmount() + " " + b.stated().getAmount())
                .collect(Collectors.toList()));
        assertTrue(report.linesMatch());
        assertTrue(report.balancesAgree());
        assertFalse(report.reconciled());
    }

    @Test
    void aStatementWithoutBalancesCannotReconcile() {
        List<StatementLine> statement = agreeing().stream().map(each -> new StatementLine(each.lineNumber(),
                each.reference(), each.valueDate(), each.direction(), each.amount(), each.counterparty(),
                each.memo(), Optional.empty())).collect(Collectors.toList());
        ReconciliationReport report = reconcile(statement);
        assertTrue(report.linesMatch());
        assertEquals(Optional.empty(), report.statementOpening());
        assertFalse(report.balancesAgree());
        assertFalse(report.reconciled());
    }

    @Test
    void countsStayExactWhenTheListingsAreCapped() {
        List<StatementLine> strangers = List.of(
                line(2, "Y-1", "2025-03-02", CREDIT, "1.00", null),
                line(3, "Y-2", "2025-03-02", CREDIT, "2.00", null),
                line(4, "Y-3", "2025-03-02", CREDIT, "3.00", null));
        ReconciliationReport report = reconcile(strangers, 1);
        assertEquals(3, report.onlyInBank().count());
        assertEquals(List.of(2L), numbers(report.onlyInBank().shown()));
        assertTrue(report.onlyInBank().truncated());
        assertEquals(6, report.onlyInLedger().count(), "every ledger line of March");
        assertEquals(1, report.onlyInLedger().shown().size());
    }

    @Test
    void aSerialNumberTwiceIsRefusedNamingTheFirstLine() {
        Reconciliation reconciliation = Reconciliation.of(BANK, CNY, FROM, TO);
        reconciliation.add(line(2, "SN-B", "2025-03-05", CREDIT, "500.00", null));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> reconciliation.add(line(9, "SN-B", "2025-03-06", DEBIT, "5.00", null)));
        assertEquals(ErrorCode.ALREADY_EXISTS, refused.code());
        assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
    }

    @Test
    void aLineInAnotherCurrencyIsRefused() {
        Reconciliation reconciliation = Reconciliation.of(BANK, CNY, FROM, TO);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> reconciliation.add(
                StatementLine.of(2, "SN-1", FROM, CREDIT, Money.of(USD, 5), null, null, null)));
        assertEquals(ErrorCode.CURRENCY_MISMATCH, refused.code());
    }

    @Test
    void balancesThatTheJournalDoesNotAddUpToAreAnIntegrityFailure() {
        Reconciliation reconciliation = Reconciliation.of(BANK, CNY, FROM, TO);
        agreeing().forEach(reconciliation::add);
        assertThrows(IntegrityException.class, () -> march.reconcile(reconciliation, cny("1100.00"),
                cny("991.00")));
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        assertThrows(InvalidInputException.class, () -> Reconciliation.of(BANK, CNY, TO, FROM));
        assertThrows(InvalidInputException.class, () -> Reconciliation.of(BANK, CNY, FROM, LocalDate.MIN));
    }

    private static List<Long> numbers(List<StatementLine> lines) {
        return lines.stream().map(StatementLine::lineNumber).collect(Collectors.toList());
    }
}
