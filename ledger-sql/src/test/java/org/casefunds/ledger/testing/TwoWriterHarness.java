package org.casefunds.ledger.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.journal.ChainVerifier;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.store.InMemoryJournalStore;
import org.casefunds.ledger.store.JournalStore;

/**
 * Runs a {@link TwoWriterScript} on two writers of one ledger (two stores opened separately on the
 * same SQLite file or PostgreSQL schema, standing for two processes, or a store in another process)
 * and, beside them, on a ledger in memory that gets every command in the order the writers applied
 * them. The {@link ReferenceModel} says whether each command is applied, repeated or refused (and
 * why); the ledger in memory says which event it makes.
 *
 * <p>After every step, whichever writer ran it, it checks that each writer agrees: the command's
 * outcome and its event (sequence and hash), the state each writer's store sees (every projection,
 * compared as a {@link StateSnapshot}), the journal each reads (event for event where it is in this
 * process, its length and last hash otherwise), and invariants 1–5 and 7 of docs/design.md §6 on
 * what each sees. At the end every applied command is sent again to the writer that did not apply
 * it, which must answer with the first event and append nothing (invariant 6 across writers).
 *
 * <p>On the first disagreement it fails with the command log, each line the writer, why the command
 * was made, the command, what the model expected and what the writer did.
 */
public final class TwoWriterHarness {

    /** What a writer did with a command. */
    public enum Kind { APPLIED, REPEATED, REFUSED }

    /**
     * What a writer did with a command: its event's sequence and hash, or the refusal's code. For a
     * batch, the last event's, or the refusal's code and in {@code sequence} the position of the
     * command refused.
     */
    public record Result(Kind kind, long sequence, String hash, ErrorCode refusal, String message) {

        /** Whether the two results are the same, messages aside. */
        boolean same(Result other) {
            return kind == other.kind && sequence == other.sequence && hash.equals(other.hash)
                    && refusal == other.refusal;
        }

        @Override
        public String toString() {
            return kind == Kind.REFUSED ? "refused " + refusal + " (" + message + ")"
                    : (kind == Kind.REPEATED ? "repeated event " : "event ") + sequence + " " + hash.substring(0, 12);
        }
    }

    /**
     * What a writer's store sees: its state as a snapshot, its journal's length and last hash, the
     * journal itself when it was read in this process (else null), and the first invariant what it
     * sees breaks (null when none).
     */
    public record Seen(String state, String journal, List<Event> events, String breach) {
    }

    /** One of the two writers of a ledger. */
    public interface Writer extends AutoCloseable {
        /** Runs step {@code index} of the script, which is {@code command}. */
        Result execute(int index, Command command);

        /** Runs step {@code index} of the script, which is the batch {@code commands}. */
        Result executeAll(int index, List<Command> commands);

        /**
         * What the writer's store sees now; {@code pastDate} is the date invariant 2 also looks at.
         * The journal is read from where the last call stopped, or from its start when {@code reread}.
         */
        Seen seen(LocalDate pastDate, boolean reread);

        @Override
        void close();
    }

    /** A writer in this process: a ledger over its own store. */
    public static final class LocalWriter implements Writer {
        private final JournalStore store;
        private final Ledger ledger;
        private final Journal journal = new Journal();

        public LocalWriter(JournalStore store) {
            this.store = store;
            this.ledger = Ledger.open(store, Policy.defaults(), Fixtures.CLOCK);
        }

        @Override
        public Result execute(int index, Command command) {
            return TwoWriterHarness.execute(ledger, command);
        }

        @Override
        public Result executeAll(int index, List<Command> commands) {
            return TwoWriterHarness.executeAll(ledger, commands);
        }

        @Override
        public Seen seen(LocalDate pastDate, boolean reread) {
            return journal.seen(store, pastDate, reread);
        }

        @Override
        public void close() {
            ledger.close();
        }
    }

    /**
     * The journal a store reads, kept between calls: each call reads the events after those read
     * before (the journal only grows; a store that changed an earlier event is caught by the chain
     * and by a full reading at the end of each script).
     */
    public static final class Journal {
        private final List<Event> events = new ArrayList<>();

        /** What {@code store} sees now. */
        public Seen seen(JournalStore store, LocalDate pastDate, boolean reread) {
            if (reread) {
                events.clear();
            }
            int known = events.size();
            try (Stream<Event> stream = store.read(known + 1L)) {
                stream.forEach(events::add);
            }
            LedgerView view = store.view();
            String state = StateSnapshot.of((LedgerState) view);
            String breach = chainBreak(events, known);
            if (breach == null) {
                breach = breach(events, view, pastDate);
            }
            return new Seen(state, journal(events), List.copyOf(events), breach);
        }
    }

    private final Function<List<List<Integer>>, List<Writer>> writers;
    private final Map<String, Integer> outcomes = new ConcurrentSkipListMap<>();

    /**
     * A harness that opens two new writers of one new ledger for every script; a writer in another
     * process is given the script, to make the same commands.
     */
    public TwoWriterHarness(Function<List<List<Integer>>, List<Writer>> writers) {
        this.writers = writers;
    }

    /** A harness whose two writers are in this process. */
    public static TwoWriterHarness local(Supplier<List<Writer>> writers) {
        return new TwoWriterHarness(script -> writers.get());
    }

    /**
     * How often each kind of step had each outcome in the scripts run so far: what the generated
     * scripts made of the cross-writer cases.
     */
    public Map<String, Integer> outcomes() {
        return outcomes;
    }

    /** Runs {@code script} on two new writers. */
    public void run(List<List<Integer>> script) {
        List<Writer> pair = writers.apply(script);
        try {
            new Run(pair, outcomes).play(script);
        } finally {
            pair.forEach(Writer::close);
        }
    }

    /** Runs {@code command} on {@code ledger}. */
    public static Result execute(Ledger ledger, Command command) {
        try {
            CommandResult result = ledger.execute(command);
            return new Result(result.repeated() ? Kind.REPEATED : Kind.APPLIED, result.event().sequence(),
                    result.event().hash(), null, "");
        } catch (LedgerException refusal) {
            return new Result(Kind.REFUSED, 0, "", refusal.code(), refusal.getMessage());
        }
    }

    /** Where the chain breaks among {@code events} after the first {@code verified}, or null (invariant 5). */
    static String chainBreak(List<Event> events, int verified) {
        for (int i = verified; i < events.size(); i++) {
            Optional<String> failure = ChainVerifier.check(events.get(i), i + 1L,
                    i == 0 ? Event.GENESIS_HASH : events.get(i - 1).hash());
            if (failure.isPresent()) {
                return "the chain breaks at event " + (i + 1) + ": " + failure.get();
            }
        }
        return null;
    }

    /** Runs the batch {@code commands} on {@code ledger}. */
    public static Result executeAll(Ledger ledger, List<Command> commands) {
        BatchResult result = ledger.executeAll(commands);
        if (result.refusal().isPresent()) {
            BatchResult.Refusal refusal = result.refusal().get();
            return new Result(Kind.REFUSED, refusal.index(), "", refusal.reason().code(), refusal.reason().getMessage());
        }
        Event last = result.results().get(result.results().size() - 1).event();
        return new Result(Kind.APPLIED, last.sequence(), last.hash(), null, "");
    }

    /** A journal's length and last hash: with the chain, all of it. */
    static String journal(List<Event> events) {
        return events.size() + " events, the last " + (events.isEmpty() ? Event.GENESIS_HASH
                : events.get(events.size() - 1).hash());
    }

    /**
     * The first invariant that what a store sees breaks, or null: 1, 2, 3 and 7 on its view and the
     * journal it reads (5, the chain, is checked as the journal is read). Invariant 4 (replay = live)
     * and those on a past date depend on the journal alone: the harness checks them once per step,
     * and that each writer's state and journal are the ones replayed.
     */
    static String breach(List<Event> events, LedgerView view, LocalDate pastDate) {
        for (String breach : new String[] {
            Invariants.balanced(events, view),
            Invariants.nonNegative(events, view, pastDate),
            Invariants.controlIdentity(view),
            Invariants.lotsMatchBalances(view, Invariants.lots((LedgerState) view))}) {
            if (breach != null) {
                return breach;
            }
        }
        return null;
    }

    private static final class Run {
        private final List<Writer> writers;
        private final Map<String, Integer> outcomes;
        private final InMemoryJournalStore mirrorStore = new InMemoryJournalStore();
        private final Ledger mirror = Ledger.open(mirrorStore, Policy.defaults(), Fixtures.CLOCK);
        private final List<String> log = new ArrayList<>();

        Run(List<Writer> writers, Map<String, Integer> outcomes) {
            this.writers = writers;
            this.outcomes = outcomes;
        }

        void play(List<List<Integer>> script) {
            TwoWriterScript plan = new TwoWriterScript(script);
            List<TwoWriterScript.Step> applied = new ArrayList<>();
            for (TwoWriterScript.Step step = plan.next(); step != null; step = plan.next()) {
                step(step, plan.model());
                if (step.expected() != null && step.expected().applied()) {
                    applied.add(step);
                }
            }
            repeatOnTheOtherWriter(applied);
        }

        private void step(TwoWriterScript.Step step, ReferenceModel model) {
            if (step.batch() != null) {
                batch(step, model);
                return;
            }
            Command command = step.command();
            String line = "#" + step.index() + " " + step.writerName() + " " + step.label() + ": " + describe(command)
                    + " -> model: " + step.expected();
            outcomes.merge(step.outcome(), 1, Integer::sum);
            Result expected = execute(mirror, command);
            if (!agrees(expected, step.expected())) {
                log.add(line + ", ledger in memory: " + expected);
                fail("the ledger in memory, alone, does not do what the model expects");
            }
            Result actual = attempt(line, step, () -> writers.get(step.writer()).execute(step.index(), command));
            log.add(line + ", writer " + step.writerName() + ": " + actual);
            check(actual.same(expected), "writer " + step.writerName() + " did not do what the model expects ("
                    + expected + ")");
            if (step.label().equals("opening") && step.index() + 1 < TwoWriterScript.opening().size()) {
                return; // the opening is compared once, whole
            }
            compareWithModel(model);
            compareWriters(step.pastDate(), false);
        }

        /**
         * A batch the ledger in memory refuses whole: the writer refuses it at the same command for
         * the same reason, and nothing changes. The model is not given it.
         */
        private void batch(TwoWriterScript.Step step, ReferenceModel model) {
            String line = "#" + step.index() + " " + step.writerName() + " " + step.label() + ": " + step.batch().stream()
                    .map(Run::describe).collect(Collectors.joining(" + "));
            Result expected = executeAll(mirror, step.batch());
            if (expected.kind() != Kind.REFUSED) {
                log.add(line + ", ledger in memory: " + expected);
                fail("the ledger in memory, alone, applied a batch with a receipt to an unknown master account");
            }
            Result actual = attempt(line, step, () -> writers.get(step.writer()).executeAll(step.index(), step.batch()));
            log.add(line + " -> in memory: refused at " + expected.sequence() + " " + expected.refusal() + ", writer "
                    + step.writerName() + ": " + (actual.kind() == Kind.REFUSED ? "refused at " + actual.sequence()
                            + " " + actual.refusal() + " (" + actual.message() + ")" : actual));
            outcomes.merge(step.outcome() + " -> refused at " + expected.sequence(), 1, Integer::sum);
            check(actual.same(expected), "writer " + step.writerName() + " did not refuse the batch as the ledger in"
                    + " memory does");
            compareWithModel(model);
            compareWriters(step.pastDate(), false);
        }

        /**
         * Each writer's journal is the one applied and its state is that journal's, replayed;
         * the invariants hold on what each sees, and on the journal as of {@code pastDate}.
         */
        private void compareWriters(LocalDate pastDate, boolean reread) {
            List<Event> journal = mirrorStore.events();
            String replayed = StateSnapshot.of(LedgerState.fold(journal));
            check(replayed.equals(StateSnapshot.of((LedgerState) mirrorStore.view())),
                    "the ledger in memory, alone, holds a state that is not its journal's");
            LedgerState past = LedgerState.asOf(journal, pastDate);
            String breach = Invariants.controlIdentity(past);
            breach = breach != null ? breach : Invariants.lotsMatchBalances(past, Invariants.lots(past));
            check(breach == null, "the journal as of " + pastDate + " breaks an invariant: " + breach);
            for (int w = 0; w < writers.size(); w++) {
                String name = TwoWriterScript.WRITERS.get(w);
                Seen seen = writers.get(w).seen(pastDate, reread);
                check(seen.journal().equals(journal(journal)), "writer " + name + " reads a journal of "
                        + seen.journal() + " instead of " + journal(journal));
                if (seen.events() != null) {
                    check(seen.events().equals(journal), "writer " + name + " reads other events than those applied");
                }
                check(seen.state().equals(replayed), "writer " + name + " sees another state than the journal's:\n"
                        + StateSnapshot.difference(replayed, seen.state()));
                check(seen.breach() == null, "what writer " + name + " sees breaks an invariant: " + seen.breach());
            }
        }

        /**
         * Sends every applied command to the writer that did not apply it: it must return the first
         * event, and neither writer's journal may change.
         */
        private void repeatOnTheOtherWriter(List<TwoWriterScript.Step> applied) {
            for (TwoWriterScript.Step step : applied) {
                int other = 1 - step.writer();
                Event first = mirrorStore.findByKey(step.command().idempotencyKey()).orElseThrow();
                Result again = writers.get(other).execute(step.index(), step.command());
                log.add("again #" + step.index() + " " + TwoWriterScript.WRITERS.get(other) + " "
                        + step.command().idempotencyKey() + ": " + again);
                check(again.kind() == Kind.REPEATED && again.sequence() == first.sequence()
                        && again.hash().equals(first.hash()), "writer " + TwoWriterScript.WRITERS.get(other)
                        + " did not answer the other writer's command with its first event " + first.sequence());
            }
            compareWriters(Fixtures.DAY_ONE, true);
        }

        private static boolean agrees(Result result, ReferenceModel.Outcome expected) {
            if (expected.applied()) {
                return result.kind() == Kind.APPLIED;
            }
            if (expected.repeated()) {
                return result.kind() == Kind.REPEATED;
            }
            return result.kind() == Kind.REFUSED && result.refusal() == expected.refusal();
        }

        /** The model's balances, lots and disbursements against the ledger in memory's. */
        private void compareWithModel(ReferenceModel model) {
            LedgerView view = mirrorStore.view();
            Map<String, Long> ledgerBalances = ReferenceModels.balances(view);
            Map<String, Long> modelBalances = ReferenceModels.balances(model);
            check(ledgerBalances.equals(modelBalances), "balances differ:\n  ledger " + ledgerBalances
                    + "\n  model  " + modelBalances);
            for (ReferenceModel.Disbursement expected : model.disbursements.values()) {
                DisbursementRecord actual = view.disbursement(expected.id).orElse(null);
                check(actual != null && actual.status().name().equals(expected.status.name())
                                && actual.amount().getAmountMinorLong() == expected.amount,
                        "disbursement " + expected.id + " is " + actual + " but the model has " + expected.status);
            }
            for (ReferenceModel.Lot expected : model.lots) {
                Lot actual = view.lot(new LotId(expected.sequence, expected.index)).orElse(null);
                check(actual != null && actual.remaining().getAmountMinorLong() == expected.remaining,
                        "lot " + expected.id() + " is " + actual + " but the model has " + expected.remaining);
            }
        }

        /** What the writer did with the step; a writer that throws instead of answering fails the run, with the log. */
        private Result attempt(String line, TwoWriterScript.Step step, Supplier<Result> call) {
            try {
                return call.get();
            } catch (RuntimeException | Error e) {
                log.add(line + ", writer " + step.writerName() + ": threw " + e);
                throw new AssertionError("writer " + step.writerName() + " threw instead of answering: " + e
                        + "\ncommand log (replay it as a regression test):\n  " + String.join("\n  ", log), e);
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
            return command.idempotencyKey() + " " + command.effectiveDate() + " by " + command.actor().id() + ": "
                    + command.request();
        }
    }
}
