package org.casefunds.ledger.formats.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.sql.SqlLedger;
import org.casefunds.ledger.sql.SqliteOptions;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.ReferenceModel;
import org.casefunds.ledger.testing.ScriptInterpreter;
import org.casefunds.ledger.testing.SequenceHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Goal: invariant 9 (docs/design.md §6) for any journal, not only a chosen one: hledger accepts the
 * exported journal in strict mode, every month-end assertion holds, and hledger's balances equal
 * the ledger's, whatever mix of commands, refusals and back-dated events made the journal.
 *
 * <p>Method: QuickTheories generates scripts of 20 to 200 steps (a few months of work); the core's
 * {@link ScriptInterpreter} turns them into commands, faults included, which run on a SQLite ledger
 * (the store the command line uses, so the month-end balances come from its set-based query). The
 * journal is exported and hledger checks it. Each example runs hledger twice as a process, so this
 * property runs a fifth of {@code property.examples} scripts. Skipped where hledger is missing.
 */
class HledgerJournalPropertyTest {
    private static final int EXAMPLES = Math.max(10, SequenceHarness.examples() / 5);

    @TempDir
    Path folder;

    private int examples;
    private long mostMonthEnds;
    private long backDatedTransactions;

    @Test
    void hledgerRecomputesTheBalancesOfAnyJournal() {
        HledgerProcess.assumeInstalled();
        qt().withExamples(EXAMPLES).forAll(scripts()).checkAssert(this::exportAndCheck);
        // The property means something only if the journals crossed month ends and held back-dated events.
        assertTrue(mostMonthEnds >= 3, "the longest journal spans " + mostMonthEnds + " month ends");
        assertTrue(backDatedTransactions > 0, "no generated journal held a back-dated event");
    }

    private static Gen<List<List<Integer>>> scripts() {
        Gen<List<Integer>> step = lists().of(integers().between(0, 9999)).ofSize(ScriptInterpreter.STEP_SIZE);
        return lists().of(step).ofSizeBetween(20, 200);
    }

    private void exportAndCheck(List<List<Integer>> script) {
        examples++;
        Path db = folder.resolve("court-" + examples + ".db");
        Path journal = folder.resolve("court-" + examples + ".journal");
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(db, SqliteOptions.defaults()
                .withSynchronous(SqliteOptions.Synchronous.OFF)), Policy.defaults(), Fixtures.CLOCK)) {
            play(ledger, script);
            ExportSummary summary = AtomicFile.write(journal, out -> HledgerJournal.of().write(ExportSource.of(ledger),
                    out));
            HledgerProcess.Result check = HledgerProcess.check(journal);
            assertEquals(0, check.exitCode(), () -> summary + "\n" + check.describe() + "\n--- journal\n"
                    + read(journal));
            assertEquals(ledgerBalances(ledger), HledgerProcess.balances(journal), () -> read(journal));
            observe(ledger, read(journal));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(db, journal);
        }
    }

    /** Runs the script's commands as the core's property tests do; the interpreter's faults are refused. */
    private static void play(Ledger ledger, List<List<Integer>> script) {
        ReferenceModel model = new ReferenceModel();
        ScriptInterpreter interpreter = new ScriptInterpreter(model);
        for (Command command : Fixtures.opening()) {
            model.apply(command);
            ledger.execute(command);
        }
        for (List<Integer> step : script) {
            Command command = interpreter.next(step);
            model.apply(command);
            try {
                ledger.execute(command);
            } catch (LedgerException refused) {
                // Some steps carry a fault on purpose; a refusal changes nothing, which is all this test needs.
            }
        }
    }

    /** The ledger's posted balances, non-zero, in hledger's names and sign (debits minus credits). */
    private static Map<String, BigDecimal> ledgerBalances(Ledger ledger) {
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (AccountBalance balance : ledger.view().balances()) {
            BigDecimal posted = balance.posted().getAmount();
            if (posted.signum() != 0) {
                balances.put(HledgerNames.account(balance.account()) + " " + balance.posted().getCurrencyUnit(),
                        balance.account().kind().normalSide() == Side.DEBIT ? posted : posted.negate());
            }
        }
        return balances;
    }

    /** Keeps the evidence that the generated journals reach what the property is about. */
    private void observe(Ledger ledger, String journal) {
        mostMonthEnds = Math.max(mostMonthEnds, journal.lines().filter(line -> line.contains(" month-end balances"))
                .count());
        LocalDate latest = LocalDate.MIN;
        try (Stream<Event> events = ledger.events(1)) {
            for (Iterator<Event> each = events.iterator(); each.hasNext();) {
                Event event = each.next();
                if (!event.postings().isEmpty() && event.effectiveDate().isBefore(latest)) {
                    backDatedTransactions++;
                }
                latest = event.postings().isEmpty() || event.effectiveDate().isBefore(latest) ? latest
                        : event.effectiveDate();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path... files) {
        for (Path file : files) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                try {
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
