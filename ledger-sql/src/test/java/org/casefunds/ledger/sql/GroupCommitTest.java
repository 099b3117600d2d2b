package org.casefunds.ledger.sql;

import static org.casefunds.ledger.testing.Fixtures.ADMINISTRATOR;
import static org.casefunds.ledger.testing.Fixtures.BANK;
import static org.casefunds.ledger.testing.Fixtures.BY_DIRECTOR;
import static org.casefunds.ledger.testing.Fixtures.BY_HEAD;
import static org.casefunds.ledger.testing.Fixtures.BY_LEADER;
import static org.casefunds.ledger.testing.Fixtures.DAY_ONE;
import static org.casefunds.ledger.testing.Fixtures.HANDLER;
import static org.casefunds.ledger.testing.Fixtures.caseNumber;
import static org.casefunds.ledger.testing.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.Invariants;
import org.casefunds.ledger.testing.ReferenceModel;
import org.casefunds.ledger.testing.ReferenceModels;
import org.casefunds.ledger.testing.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Goal: many threads calling {@link Ledger#execute} on one ledger at once (which may share one
 * durable commit among them) each get an answer only once what it answers is committed, a refused
 * command leaves nothing and takes nothing from the others, and the ledger ends as the reference
 * model says it must when given the journal's order.
 *
 * <p>Method: 8 threads on one SQLite file (synchronous=FULL), 15 commands each: a receipt to the
 * thread's own case, a payout from it that is always covered, one that never is (refused), a payout
 * of 3.00 from a case all threads share that holds 30.00 (exactly 10 of the 24 are covered, whatever
 * the order), and a receipt under a key every thread sends (the same command: applied once). Each
 * thread, as soon as execute returns, reads the key through another store of the file: an answered
 * command is committed, a refused one is absent. Afterwards: every applied event is in the journal
 * once, at its sequence; the covered commands were all applied; the model, fed the journal's order,
 * applies every event, refuses every refusal for the same reason and ends with the same balances;
 * a ledger in memory fed that order makes the very same events; the projections are the journal's.
 */
class GroupCommitTest {
    private static final int THREADS = 8;
    private static final int CYCLES = 3;
    private static final LocalDate DAY = DAY_ONE.plusDays(1);
    /** The case every thread pays out of. */
    private static final int SHARED_CASE = THREADS + 1;

    /** What one command got: its event (applied or repeated), or its refusal. */
    private record Answer(Command command, CommandResult result, ErrorCode refusal) {
    }

    @Test
    void concurrentCommandsAreAnsweredAfterTheirCommitAndRefusalsLeaveNothing() throws Exception {
        Path file = TemporaryLedgers.newFile();
        List<Command> setup = setup();
        Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
        List<String> failures = new ArrayList<>();
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Fixtures.CLOCK);
                SqlJournalStore observer = SqlLedger.sqlite(file)) {
            setup.forEach(ledger::execute);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                List<Command> commands = commands(t);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (Command command : commands) {
                        Answer answer;
                        try {
                            answer = new Answer(command, ledger.execute(command), null);
                            // Answered, so committed: another connection to the file reads it.
                            Optional<Event> committed = observer.findByKey(command.idempotencyKey());
                            if (!committed.equals(Optional.of(answer.result().event()))) {
                                failure(failures, command.idempotencyKey() + " was answered with event "
                                        + answer.result().event().sequence() + " but the file holds " + committed);
                            }
                        } catch (LedgerException refusal) {
                            answer = new Answer(command, null, refusal.code());
                            if (observer.findByKey(command.idempotencyKey()).isPresent()) {
                                failure(failures, command.idempotencyKey() + " was refused but is in the file");
                            }
                        }
                        Answer answered = answer;
                        answers.compute(command.idempotencyKey(), (key, list) -> {
                            List<Answer> all = list == null ? new ArrayList<>() : list;
                            all.add(answered);
                            return all;
                        });
                    }
                });
                thread.setUncaughtExceptionHandler((failed, e) -> failure(failures, failed.getName() + ": " + e));
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }
        check(file, setup, answers);
    }

    private static void check(Path file, List<Command> setup, Map<String, List<Answer>> answers) {
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file), Policy.defaults(), Fixtures.CLOCK)) {
            List<Event> journal;
            try (Stream<Event> events = ledger.events(1)) {
                journal = events.collect(Collectors.toList());
            }
            Map<String, Event> byKey = new HashMap<>();
            for (int i = 0; i < journal.size(); i++) {
                assertEquals(i + 1, journal.get(i).sequence(), "a gap in the sequence");
                assertNull(byKey.put(journal.get(i).idempotencyKey(), journal.get(i)),
                        "key applied twice: " + journal.get(i).idempotencyKey());
            }
            assertNull(Invariants.chainVerifies(journal));

            List<Command> refused = new ArrayList<>();
            List<Command> repeated = new ArrayList<>();
            int sharedPayouts = 0;
            for (Map.Entry<String, List<Answer>> entry : answers.entrySet()) {
                String key = entry.getKey();
                List<Answer> all = entry.getValue();
                long appliedCount = all.stream().filter(a -> a.result() != null && !a.result().repeated()).count();
                for (Answer answer : all) {
                    if (answer.refusal() != null) {
                        assertTrue(!byKey.containsKey(key), key + " was refused but is in the journal");
                        assertEquals(ErrorCode.INSUFFICIENT_FUNDS, answer.refusal(), key);
                        assertTrue(!key.contains("-covered-") && !key.contains("-receipt-") && !key.startsWith("same-"),
                                key + " was covered but refused: a refusal took it down");
                        refused.add(answer.command());
                    } else {
                        assertEquals(byKey.get(key), answer.result().event(), key + " was answered with another event");
                        if (answer.result().repeated()) {
                            repeated.add(answer.command());
                        }
                    }
                }
                if (key.startsWith("same-")) {
                    assertEquals(THREADS, all.size());
                    assertEquals(1, appliedCount, key + " sent by every thread was applied " + appliedCount + " times");
                } else {
                    assertEquals(1, all.size());
                }
                if (key.contains("-overdraw-")) {
                    assertTrue(all.get(0).refusal() != null, key + " overdrew and was applied");
                }
                if (key.contains("-shared-") && appliedCount == 1) {
                    sharedPayouts++;
                }
            }
            assertEquals(10, sharedPayouts, "payouts of 3.00 from the shared case's 30.00");
            assertEquals(setup.size() + answers.size() - refused.size(), journal.size(),
                    "the journal holds something else than the setup and the applied commands");

            // The model, fed the journal's order, agrees with every answer and ends where the ledger does.
            Map<String, Command> sent = new HashMap<>();
            setup.forEach(command -> sent.put(command.idempotencyKey(), command));
            answers.values().forEach(all -> all.forEach(a -> sent.put(a.command().idempotencyKey(), a.command())));
            ReferenceModel model = new ReferenceModel();
            Ledger memory = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), Fixtures.CLOCK);
            for (Event event : journal) {
                Command command = sent.get(event.idempotencyKey());
                assertTrue(model.apply(command).applied(), "the model does not apply " + command.idempotencyKey()
                        + " where the journal has it");
                assertEquals(event, memory.execute(command).event(), "a ledger in memory fed the journal's order"
                        + " makes another event " + event.sequence());
            }
            for (Command command : refused) {
                ReferenceModel.Outcome outcome = model.apply(command);
                assertEquals(ErrorCode.INSUFFICIENT_FUNDS, outcome.refusal(), command.idempotencyKey() + ": " + outcome);
            }
            for (Command command : repeated) {
                assertTrue(model.apply(command).repeated(), command.idempotencyKey());
            }
            assertEquals(ReferenceModels.balances(model), ReferenceModels.balances(ledger.view()));
            String folded = StateSnapshot.of(LedgerState.fold(journal));
            assertEquals(folded, StateSnapshot.of((LedgerState) memory.view()));
            String live = StateSnapshot.of((LedgerState) ledger.view());
            assertEquals(folded, live, StateSnapshot.difference(folded, live));
            assertTrue(((SqlJournalStore) ledger.store()).checkProjections().ok());
            assertEquals(cny("0.00"), ledger.view().balance(AccountId.ofCase(caseNumber(SHARED_CASE)), Fixtures.CNY));
        }
    }

    /** The court, a case per thread and the shared case holding 30.00. */
    private static List<Command> setup() {
        List<Command> commands = new ArrayList<>(Fixtures.opening());
        for (int n = 1; n <= SHARED_CASE; n++) {
            commands.add(Fixtures.openCase("case-" + n, HANDLER, n, DAY_ONE));
        }
        commands.add(receipt("pot", "30.00", Optional.of(Fixtures.subAccount(SHARED_CASE))));
        return commands;
    }

    /**
     * Thread {@code t}'s commands, five a cycle: a receipt of 10.00 to its case, a payout of 5.00
     * from it (covered), one of 1,000.00 (never covered), one of 3.00 from the shared case, and a
     * receipt every thread sends under the same key.
     */
    private static List<Command> commands(int t) {
        List<Command> commands = new ArrayList<>();
        for (int c = 0; c < CYCLES; c++) {
            String own = "t" + t + "-";
            commands.add(receipt(own + "receipt-" + c, "10.00", Optional.of(Fixtures.subAccount(t))));
            commands.add(payout(own + "covered-" + c, t, "5.00"));
            commands.add(payout(own + "overdraw-" + c, t, "1000.00"));
            commands.add(payout(own + "shared-" + c, SHARED_CASE, "3.00"));
            commands.add(receipt("same-" + c, "2.00", Optional.empty()));
        }
        return commands;
    }

    private static Command receipt(String key, String amount, Optional<String> subAccount) {
        return Command.of(key, ADMINISTRATOR, DAY, new RecordReceipt(BANK, key, cny(amount), Payer.of("付款人", "62170001",
                "建设银行"), Optional.empty(), ReceiptSource.DEBTOR_PAYMENT, subAccount, Optional.empty()));
    }

    private static Command payout(String key, int n, String amount) {
        return Command.of(key, HANDLER, DAY, IssuePayoutNotice.of(caseNumber(n), Fixtures.creditorAccount(n), cny(amount)))
                .approvedBy(BY_HEAD, BY_DIRECTOR, BY_LEADER);
    }

    private static void failure(List<String> failures, String failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }
}
