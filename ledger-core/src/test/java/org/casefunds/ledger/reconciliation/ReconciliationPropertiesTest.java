package org.casefunds.ledger.reconciliation;

import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.CNY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.testing.SequenceHarness;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Goal: every way a statement can disagree with the ledger is reported in exactly its category,
 * naming the line, and a statement that agrees reconciles; capping the listings never changes a
 * count.
 *
 * <p>Method: QuickTheories draws bank lines around a period (some before it, some after), the
 * ledger's lines; the statement is derived from them, with its running balance, after random
 * perturbations, each on its own line: drop a line (only in the ledger), add one (only in the
 * bank), change an amount (amount mismatch), shift a date, possibly across the period's edge (date
 * mismatch), or date in the period a line the ledger dates outside it (date mismatch). The report
 * must list each perturbed reference in its category and in no other, match every other line of
 * the period, and give the statement's balances as derived; the same run with listings capped to
 * one line gives the same counts.
 */
class ReconciliationPropertiesTest {
    private static final LocalDate FROM = LocalDate.of(2025, 3, 1);
    private static final LocalDate TO = LocalDate.of(2025, 3, 31);
    private static final int PERIOD_DAYS = 31;

    /** A drawn bank line: its day relative to {@link #FROM}, its direction and its amount. */
    record Drawn(int day, boolean credit, long amountMinor) {
    }

    /** The ways a statement is perturbed. */
    enum Kind {
        DROP, ADD, AMOUNT, DATE, DATE_INTO_PERIOD
    }

    /** A drawn perturbation: which kind, which line (modulo those it may apply to), by how much. */
    record Perturbation(Kind kind, int target, int delta) {
    }

    private static Gen<Drawn> drawn() {
        return integers().between(-6, PERIOD_DAYS + 5).zip(booleans().all(), longs().between(1, 50_000_000L),
                Drawn::new);
    }

    private static Gen<Perturbation> perturbation() {
        return integers().between(0, Kind.values().length - 1).zip(integers().between(0, 1_000),
                integers().between(1, 40), (kind, target, delta) -> new Perturbation(Kind.values()[kind], target,
                        delta));
    }

    @Test
    void eachPerturbationIsReportedInExactlyItsCategory() {
        qt().withExamples(SequenceHarness.examples())
                .forAll(lists().of(drawn()).ofSizeBetween(1, 40), lists().of(perturbation()).ofSizeBetween(0, 6),
                        longs().between(0, 1_000_000_000L))
                .checkAssert(ReconciliationPropertiesTest::check);
    }

    private static void check(List<Drawn> drawnLines, List<Perturbation> perturbations, long startMinor) {
        List<LedgerLine> ledger = new ArrayList<>();
        for (int i = 0; i < drawnLines.size(); i++) {
            Drawn each = drawnLines.get(i);
            // The first line lies in the period, so that the statement states balances for it.
            int day = i == 0 ? Math.floorMod(each.day(), PERIOD_DAYS) : each.day();
            ledger.add(new LedgerLine("SN" + i, FROM.plusDays(day), each.credit() ? Direction.CREDIT
                    : Direction.DEBIT, Money.ofMinor(CNY, each.amountMinor()), i + 1L, each.credit()
                    ? EventKind.RECEIPT_RECORDED : EventKind.DISBURSEMENT_SETTLED));
        }
        Map<String, Kind> expected = new HashMap<>();
        List<LedgerLine> statement = perturb(ledger, perturbations, expected);
        ReconciliationReport full = reconcile(ledger, statement, startMinor, Reconciliation.DETAIL_LINES_DEFAULT);

        Map<Kind, Set<String>> reported = new TreeMap<>();
        full.onlyInLedger().shown().forEach(line -> add(reported, Kind.DROP, line.reference()));
        full.onlyInBank().shown().forEach(line -> add(reported, Kind.ADD, line.reference()));
        full.amountMismatches().shown().forEach(m -> add(reported, Kind.AMOUNT, m.statement().reference()));
        full.dateMismatches().shown().forEach(m -> add(reported, Kind.DATE, m.statement().reference()));
        Map<Kind, Set<String>> wanted = new TreeMap<>();
        expected.forEach((reference, kind) -> add(wanted, kind == Kind.DATE_INTO_PERIOD ? Kind.DATE : kind,
                reference));
        assertEquals(wanted, reported, "perturbations " + expected);

        long inPeriod = ledger.stream().filter(line -> inPeriod(line.valueDate())).count();
        long spoiled = expected.values().stream().filter(kind -> kind != Kind.ADD && kind != Kind.DATE_INTO_PERIOD)
                .count();
        assertEquals(inPeriod - spoiled, full.matched(), "every other line of the period matches");
        assertTrue(full.balanceBreaks().isEmpty(), "the derived running balance never breaks");
        // The statement states balances for the period when it has a line in it.
        boolean stated = statement.stream().anyMatch(line -> inPeriod(line.valueDate()));
        long openingMinor = startMinor + movement(statement, true);
        assertEquals(stated ? Optional.of(Money.ofMinor(CNY, openingMinor)) : Optional.empty(),
                full.statementOpening());
        assertEquals(stated ? Optional.of(Money.ofMinor(CNY, openingMinor + movement(statement, false)))
                : Optional.empty(), full.statementClosing());
        assertEquals(expected.isEmpty(), full.reconciled(), "reconciled exactly when nothing was perturbed");

        ReconciliationReport capped = reconcile(ledger, statement, startMinor, 1);
        assertEquals(counts(full), counts(capped), "capping the listings changes no count");
        assertTrue(capped.onlyInLedger().shown().size() <= 1 && capped.dateMismatches().shown().size() <= 1);
    }

    /** The statement: the ledger's lines after the perturbations, recording what each should show. */
    private static List<LedgerLine> perturb(List<LedgerLine> ledger, List<Perturbation> perturbations,
            Map<String, Kind> expected) {
        List<LedgerLine> statement = new ArrayList<>(ledger);
        Set<Integer> used = new LinkedHashSet<>();
        int added = 0;
        for (Perturbation perturbation : perturbations) {
            if (perturbation.kind() == Kind.ADD) {
                String reference = "NEW" + added++;
                statement.add(new LedgerLine(reference, FROM.plusDays(perturbation.delta() % PERIOD_DAYS),
                        Direction.CREDIT, Money.ofMinor(CNY, perturbation.delta() * 100L), 1,
                        EventKind.RECEIPT_RECORDED));
                expected.put(reference, Kind.ADD);
                continue;
            }
            boolean wantInPeriod = perturbation.kind() != Kind.DATE_INTO_PERIOD;
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < ledger.size(); i++) {
                if (!used.contains(i) && inPeriod(ledger.get(i).valueDate()) == wantInPeriod) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            int index = candidates.get(perturbation.target() % candidates.size());
            used.add(index);
            LedgerLine line = ledger.get(index);
            expected.put(line.reference(), perturbation.kind());
            statement.set(index, changed(line, perturbation));
        }
        statement.removeIf(line -> line == null);
        statement.sort(Comparator.comparing(LedgerLine::valueDate).thenComparing(LedgerLine::reference));
        return statement;
    }

    /** The perturbed line; null when it is dropped. */
    private static LedgerLine changed(LedgerLine line, Perturbation perturbation) {
        switch (perturbation.kind()) {
            case DROP:
                return null;
            case AMOUNT:
                return new LedgerLine(line.reference(), line.valueDate(), line.direction(),
                        line.amount().plusMinor(perturbation.delta()), line.eventSequence(), line.eventKind());
            case DATE:
                int shift = perturbation.target() % 2 == 0 ? perturbation.delta() : -perturbation.delta();
                return new LedgerLine(line.reference(), line.valueDate().plusDays(shift), line.direction(),
                        line.amount(), line.eventSequence(), line.eventKind());
            case DATE_INTO_PERIOD:
                return new LedgerLine(line.reference(), FROM.plusDays(perturbation.delta() % PERIOD_DAYS),
                        line.direction(), line.amount(), line.eventSequence(), line.eventKind());
            default:
                throw new AssertionError(perturbation);
        }
    }

    private static ReconciliationReport reconcile(List<LedgerLine> ledger, List<LedgerLine> statement,
            long startMinor, int detailLimit) {
        Reconciliation reconciliation = Reconciliation.of(BANK, CNY, FROM, TO, detailLimit);
        long balance = startMinor;
        for (int i = 0; i < statement.size(); i++) {
            LedgerLine line = statement.get(i);
            balance += line.movementMinor();
            reconciliation.add(StatementLine.of(i + 2, line.reference(), line.valueDate(), line.direction(),
                    line.amount(), "对方" + i, null, Money.ofMinor(CNY, balance)));
        }
        if (startMinor > 0) {
            // The journal holds the history before the statement starts: one receipt long before.
            reconciliation.line(new LedgerLine("HISTORY", FROM.minusYears(1), Direction.CREDIT,
                    Money.ofMinor(CNY, startMinor), 1, EventKind.RECEIPT_RECORDED));
        }
        ledger.forEach(reconciliation::line);
        long openingMinor = startMinor + movement(ledger, true);
        return reconciliation.finish(Money.ofMinor(CNY, openingMinor),
                Money.ofMinor(CNY, openingMinor + movement(ledger, false)));
    }

    /** The net movement of the lines before the period ({@code before}) or in it. */
    private static long movement(List<LedgerLine> lines, boolean before) {
        return lines.stream().filter(line -> before ? line.valueDate().isBefore(FROM) : inPeriod(line.valueDate()))
                .mapToLong(LedgerLine::movementMinor).sum();
    }

    private static boolean inPeriod(LocalDate date) {
        return !date.isBefore(FROM) && !date.isAfter(TO);
    }

    private static void add(Map<Kind, Set<String>> map, Kind kind, String reference) {
        assertTrue(map.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(reference),
                reference + " is listed twice as " + kind);
    }

    private static List<Long> counts(ReconciliationReport report) {
        return List.of(report.matched(), report.onlyInBank().count(), report.onlyInLedger().count(),
                report.amountMismatches().count(), report.dateMismatches().count(), report.balanceBreaks().count());
    }
}
