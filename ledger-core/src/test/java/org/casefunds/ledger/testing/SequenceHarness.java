package org.casefunds.ledger.testing;

import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.commands.GrantRole;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.store.JournalStore;
import org.quicktheories.core.Gen;

/**
 * Runs a generated script of commands against a ledger over a store and against the
 * {@link ReferenceModel}, side by side, and after every command checks that they agree (applied or
 * refused, and for which reason; balances; lots; disbursements) and that the chosen invariants hold.
 * On the first disagreement it fails with the whole command log, each line the command, what the
 * model expected and what the ledger did, so that the failure can be replayed as a plain test.
 */
public final class SequenceHarness {

    /** The invariants of docs/design.md §6 a run checks after every command. */
    public enum Check {
        /** 1: every event and the trial balance balance. */
        BALANCED,
        /** 2: no account below zero, now and on a past date. */
        NON_NEGATIVE,
        /** 3: the control identity. */
        CONTROL_IDENTITY,
        /** 4: replaying the journal gives the live state. */
        REPLAY_EQUALS_LIVE,
        /** 5: the hash chain verifies. */
        CHAIN_VERIFIES,
        /** 6: repeating a command changes nothing and returns the first result. */
        IDEMPOTENT,
        /**
         * 7: lots add up to balances, and none is negative, now and as of every effective date in
         * the journal that the last event changes.
         */
        LOTS_MATCH_BALANCES
    }

    private final Supplier<JournalStore> stores;
    private final Map<String, Integer> outcomes = new ConcurrentSkipListMap<>();

    /** A harness opening a new store from {@code stores} for every script. */
    public SequenceHarness(Supplier<JournalStore> stores) {
        this.stores = stores;
    }

    /** Scripts of 1 to 60 steps. */
    public static Gen<List<List<Integer>>> scripts() {
        Gen<List<Integer>> step = lists().of(integers().between(0, 9999)).ofSize(ScriptInterpreter.STEP_SIZE);
        return lists().of(step).ofSizeBetween(1, 60);
    }

    /** How many scripts a property runs: 200 unless {@code -Dproperty.examples=N} says otherwise. */
    public static int examples() {
        return Integer.getInteger("property.examples", 200);
    }

    /**
     * How often each kind of request was applied, repeated or refused (and why) in the scripts run so
     * far: the evidence that the generated scripts reach every rule.
     */
    public Map<String, Integer> outcomes() {
        return outcomes;
    }

    /** Runs {@code script}, checking {@code checks} after every command. */
    public void run(List<List<Integer>> script, Set<Check> checks) {
        try (JournalStore store = stores.get()) {
            new Run(store, checks, outcomes).play(script);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("the store did not close", e);
        }
    }

    /** Runs {@code script} with every check. */
    public void run(List<List<Integer>> script) {
        run(script, EnumSet.allOf(Check.class));
    }

    private static final class Run {
        private final JournalStore store;
        private final Ledger ledger;
        private final ReferenceModel model = new ReferenceModel();
        private final ScriptInterpreter interpreter = new ScriptInterpreter(model);
        private final Set<Check> checks;
        private final List<String> log = new ArrayList<>();
        private final List<Command> applied = new ArrayList<>();
        private final List<Event> appliedEvents = new ArrayList<>();
        private final Map<String, Integer> outcomes;
        /** The journal as read back from the store after the last command. */
        private List<Event> journal = List.of();

        Run(JournalStore store, Set<Check> checks, Map<String, Integer> outcomes) {
            this.outcomes = outcomes;
            this.store = store;
            this.ledger = Ledger.open(store, Policy.defaults(), Fixtures.CLOCK);
            this.checks = checks;
        }

        void play(List<List<Integer>> script) {
            for (Command command : Fixtures.opening()) {
                step(command, interpreter.today());
            }
            // A small court: the first handler is also a finance officer, so the separation of duties
            // (never recording the payment of one's own case) is exercised.
            step(Command.of("role:judge-finance", Fixtures.STAFF_ADMIN, Fixtures.DAY_ONE,
                    GrantRole.of(Fixtures.HANDLER.id(), Role.FINANCE, Fixtures.DAY_ONE))
                    .approvedBy(Fixtures.BY_SECOND_STAFF_ADMIN), interpreter.today());
            for (List<Integer> step : script) {
                Command command = interpreter.next(step);
                step(command, interpreter.today().minusDays(step.get(7) % 10));
            }
            if (checks.contains(Check.IDEMPOTENT)) {
                repeatEverything();
            }
        }

        private void step(Command command, LocalDate pastDate) {
            List<Event> before = journal;
            ReferenceModel.Outcome expected = model.apply(command);
            String line = "#" + (log.size() + 1) + " " + describe(command) + " -> model: " + expected;
            outcomes.merge(command.request().getClass().getSimpleName() + " " + expected, 1, Integer::sum);
            try {
                CommandResult result = ledger.execute(command);
                line += ", ledger: " + (result.repeated() ? "repeated event " : "event ") + result.event().sequence();
                log.add(line);
                if (expected.applied() == result.repeated() || expected.refusal() != null) {
                    fail("the ledger " + (result.repeated() ? "repeated" : "applied") + " what the model "
                            + expected);
                }
                if (!result.repeated()) {
                    applied.add(command);
                    appliedEvents.add(result.event());
                    check(result.event().sequence() == model.sequence, "the ledger's sequence "
                            + result.event().sequence() + " is not the model's " + model.sequence);
                }
            } catch (LedgerException refusal) {
                line += ", ledger: refused " + refusal.code() + " (" + refusal.getMessage() + ")";
                log.add(line);
                if (expected.refusal() != refusal.code()) {
                    fail("the ledger refused with " + refusal.code() + " what the model " + expected);
                }
                check(store.view().lastSequence() == before.size(), "a refused command changed the journal");
            }
            journal = events();
            check(journal.subList(0, before.size()).equals(before), "the journal changed before its end");
            compareWithModel();
            checkInvariants(pastDate);
            if (journal.size() > before.size() && checks.contains(Check.LOTS_MATCH_BALANCES)) {
                checkEveryDateFrom(journal.get(journal.size() - 1).effectiveDate());
            }
            if (checks.contains(Check.IDEMPOTENT) && expected.applied()) {
                repeatLast(command);
            }
        }

        private void repeatLast(Command command) {
            CommandResult again = ledger.execute(command);
            check(again.repeated() && again.event().equals(appliedEvents.get(appliedEvents.size() - 1)),
                    "repeating the last command did not return its first result");
            check(store.view().lastSequence() == journal.size(), "repeating the last command appended an event");
        }

        private void repeatEverything() {
            List<Event> before = events();
            for (int i = 0; i < applied.size(); i++) {
                CommandResult again = ledger.execute(applied.get(i));
                check(again.repeated() && again.event().equals(appliedEvents.get(i)),
                        "repeating applied command " + (i + 1) + " did not return its first event");
            }
            check(events().equals(before), "repeating every applied command changed the journal");
        }

        private void compareWithModel() {
            LedgerView view = store.view();
            Map<String, Long> ledgerBalances = new TreeMap<>();
            for (AccountBalance balance : view.balances()) {
                if (!balance.posted().isZero()) {
                    ledgerBalances.put(balance.account() + " " + balance.posted().getCurrencyUnit(),
                            balance.posted().getAmountMinorLong());
                }
            }
            Map<String, Long> modelBalances = new TreeMap<>(model.balances);
            modelBalances.values().removeIf(value -> value == 0);
            check(ledgerBalances.equals(modelBalances), "balances differ:\n  ledger " + ledgerBalances
                    + "\n  model  " + modelBalances);
            for (ReferenceModel.Disbursement expected : model.disbursements.values()) {
                DisbursementRecord actual = view.disbursement(expected.id).orElse(null);
                check(actual != null && actual.status().name().equals(expected.status.name())
                                && actual.amount().getAmountMinorLong() == expected.amount,
                        "disbursement " + expected.id + " is " + actual + " but the model has " + expected.status
                                + " " + expected.amount);
            }
            for (ReferenceModel.Lot expected : model.lots) {
                Lot actual = view.lot(new LotId(expected.sequence, expected.index)).orElse(null);
                check(actual != null && actual.remaining().getAmountMinorLong() == expected.remaining
                                && actual.account().toString().equals(expected.account)
                                && actual.availableFrom().equals(expected.availableFrom),
                        "lot " + expected.id() + " is " + actual + " but the model has " + expected.remaining
                                + " on " + expected.account + ", available from " + expected.availableFrom);
            }
        }

        private void checkInvariants(LocalDate pastDate) {
            List<Event> events = journal;
            LedgerView view = store.view();
            if (checks.contains(Check.BALANCED)) {
                holds(Invariants.balanced(events, view));
            }
            if (checks.contains(Check.NON_NEGATIVE)) {
                holds(Invariants.nonNegative(events, view, pastDate));
            }
            if (checks.contains(Check.CONTROL_IDENTITY)) {
                holds(Invariants.controlIdentity(view));
                holds(Invariants.controlIdentity(foldAsOf(pastDate)));
            }
            if (checks.contains(Check.REPLAY_EQUALS_LIVE)) {
                holds(Invariants.replayEqualsLive(events, view));
            }
            if (checks.contains(Check.CHAIN_VERIFIES)) {
                holds(Invariants.chainVerifies(events));
            }
            if (checks.contains(Check.LOTS_MATCH_BALANCES)) {
                LedgerState state = view instanceof LedgerState ? (LedgerState) view : LedgerState.fold(events);
                holds(Invariants.lotsMatchBalances(view, Invariants.lots(state)));
                LedgerState past = foldAsOf(pastDate);
                holds(Invariants.lotsMatchBalances(past, Invariants.lots(past)));
            }
        }

        /**
         * The journal folds as of each of its effective dates from {@code changed} on, the dates
         * whose state the last event changed: a state as of a date is the fold of the events dated on
         * or before it, so between two such dates nothing else changes. Folding checks each event as
         * it applies it (no lot below zero or above its amount, a lot removed only whole, the lots an
         * event touches matching their balances); the lots of every account are then added up.
         */
        private void checkEveryDateFrom(LocalDate changed) {
            Set<LocalDate> dates = new TreeSet<>();
            for (Event event : journal) {
                if (!event.effectiveDate().isBefore(changed)) {
                    dates.add(event.effectiveDate());
                }
            }
            for (LocalDate date : dates) {
                LedgerState past = foldAsOf(date);
                String breach = Invariants.lotsMatchBalances(past, Invariants.lots(past));
                if (breach != null) {
                    fail("as of " + date + ", " + breach);
                }
            }
        }

        /** The journal folded as of {@code date}; an invariant it breaks fails with the command log. */
        private LedgerState foldAsOf(LocalDate date) {
            try {
                return LedgerState.asOf(journal, date);
            } catch (IntegrityException e) {
                fail("the journal does not fold as of " + date + ": " + e.getMessage());
                throw new AssertionError(e);
            }
        }

        private List<Event> events() {
            try (Stream<Event> events = store.read(1)) {
                return events.collect(Collectors.toList());
            }
        }

        private void holds(String breach) {
            if (breach != null) {
                fail(breach);
            }
        }

        private void check(boolean condition, String message) {
            if (!condition) {
                fail(message);
            }
        }

        private void fail(String message) {
            throw new AssertionError(message + "\ncommand log (replay it as a regression test):\n  "
                    + String.join("\n  ", log));
        }

        private static String describe(Command command) {
            return command.idempotencyKey() + " " + command.effectiveDate() + " by " + command.actor().id()
                    + (command.approvals().isEmpty() ? "" : " approved by " + command.approvals().stream()
                            .map(approval -> approval.approverId()).collect(Collectors.joining("+")))
                    + ": " + command.request();
        }
    }
}
