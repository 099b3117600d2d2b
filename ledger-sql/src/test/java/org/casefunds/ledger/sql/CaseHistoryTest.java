package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.OTHER_HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.ConfirmPayee;
import org.casefunds.ledger.commands.HandOverCase;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.reports.ReportSource;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Goal: a case's handler on a past date, read from the SQL history, is the fold's: a payee confirmed
 * after a hand-over but dated before it does not make the new handler the handler of earlier days.
 * (Found by a generated history: the history kept the current handler on the payee's row.)
 *
 * <p>Method: one case handed over on day 4, a payee confirmed on day 5 dated day 3; the handler of
 * every day from 1 to 5, from the SQL source and from the fold, before and after the projections
 * are rebuilt.
 */
class CaseHistoryTest {
    @Test
    void aBackDatedPayeeAfterAHandOverKeepsEachDaysHandler() {
        Path file = TemporaryLedgers.newFile();
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Fixtures.CLOCK)) {
            Fixtures.opening().forEach(ledger::execute);
            ledger.execute(Fixtures.openCase("case-1", HANDLER, 1, DAY_ONE));
            ledger.execute(Command.of("hand-over", HANDLER, DAY_ONE.plusDays(3),
                    new HandOverCase(caseNumber(1), OTHER_HANDLER.id(), "调岗")).approvedBy(BY_HEAD));
            ledger.execute(Command.of("payee", OTHER_HANDLER, DAY_ONE.plusDays(2), new ConfirmPayee(caseNumber(1),
                    BankDetails.of(Fixtures.creditor(1), "62170001", "建设银行"))).approvedBy(BY_HEAD));
            List<Event> journal;
            try (Stream<Event> events = ledger.events(1)) {
                journal = events.toList();
            }
            ReportSource fold = ReportSource.folding(date -> LedgerState.asOf(journal, date));
            for (int round = 0; round < 2; round++) {
                for (int day = 0; day < 5; day++) {
                    LocalDate date = DAY_ONE.plusDays(day);
                    Map<CaseNumber, String> expected = fold.forOneReport().handlers(date);
                    assertEquals(expected, SqlLedger.reportSource(ledger).handlers(date), "handlers on " + date);
                    assertEquals(day < 3 ? HANDLER.id() : OTHER_HANDLER.id(), expected.get(caseNumber(1)),
                            "the fold's handler on " + date);
                }
                SqlLedger.store(ledger).rebuildProjections();
            }
        }
    }
}
