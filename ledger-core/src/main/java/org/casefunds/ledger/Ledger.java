package org.casefunds.ledger;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.CommandResult;
import org.casefunds.ledger.journal.ChainVerifier;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.processing.CommandProcessor;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.JournalStore;
import org.joda.money.CurrencyUnit;

/**
 * A court's enforcement-funds ledger: the entry point for a court system that embeds the library.
 * Commands go in through {@link #execute} (one) or {@link #executeAll} (a batch, all or nothing);
 * balances and state come out of {@link #view()} (now) and {@link #asOf} (any effective date).
 *
 * <pre>{@code
 * Ledger ledger = Ledger.open(new InMemoryJournalStore(), Policy.defaults(), Clock.systemUTC());
 * ledger.execute(Command.of("open", finance, day, new OpenLedger("京02", "北京市第二中级人民法院")));
 * }</pre>
 *
 * <p>This class is thread-safe: writes are serialised by the store.
 */
public final class Ledger implements AutoCloseable {
    private final JournalStore store;
    private final CommandProcessor processor;

    private Ledger(JournalStore store, CommandProcessor processor) {
        this.store = store;
        this.processor = processor;
    }

    /**
     * A ledger over {@code store}, deciding commands under {@code policy} and stamping events with
     * the instants of {@code clock}.
     */
    public static Ledger open(JournalStore store, Policy policy, InstantSource clock) {
        return new Ledger(Checks.required(store, "store"), new CommandProcessor(policy, clock, Rulebook.KINDS));
    }

    /**
     * Applies one command: appends its event, or returns the first result if the same command was
     * already applied under its key.
     *
     * @throws LedgerException naming the field and value, if the command is refused; the journal is
     *     unchanged
     */
    public CommandResult execute(Command command) {
        return store.write(writer -> processor.execute(writer, command));
    }

    /**
     * Applies {@code commands} in order in one transaction: all of them, or, if one is refused,
     * none. A refusal is returned, not thrown, with the position of the command refused.
     */
    public BatchResult executeAll(List<Command> commands) {
        Checks.required(commands, "commands");
        List<CommandResult> results = new ArrayList<>(commands.size());
        try {
            store.write(writer -> {
                // A store may run the work again (its group commit does, when another write fails).
                results.clear();
                for (int i = 0; i < commands.size(); i++) {
                    try {
                        results.add(processor.execute(writer, commands.get(i)));
                    } catch (LedgerException refusal) {
                        throw new Refused(i, refusal);
                    }
                }
                return null;
            });
            return new BatchResult(List.copyOf(results), Optional.empty());
        } catch (Refused refused) {
            return new BatchResult(List.of(), Optional.of(new BatchResult.Refusal(refused.index,
                    commands.get(refused.index), refused.reason)));
        }
    }

    /** The state now: balances, cases, lots, disbursements, deferrals. */
    public LedgerView view() {
        return store.view();
    }

    /** The state as of the end of {@code date}: the fold of the events effective on or before it. */
    public LedgerState asOf(LocalDate date) {
        Checks.required(date, "asOf");
        try (Stream<Event> events = store.read(1)) {
            return LedgerState.asOf(events::iterator, date);
        }
    }

    /**
     * Every account's balance at the end of {@code date}, from the store's index where it has one
     * (a SQL store's daily changes), else by folding the journal.
     */
    public List<AccountBalance> balances(LocalDate date) {
        Checks.required(date, "date");
        return store.balances(date);
    }

    /** One account's balance now. */
    public AccountBalance balance(AccountId account, CurrencyUnit currency) {
        return store.view().balanceOf(account, currency);
    }

    /** Verifies the hash chain of the whole journal; names the first event that fails. */
    public ChainVerifier.Result verifyChain() {
        AtomicLong read = new AtomicLong();
        try (Stream<Event> events = store.read(1)) {
            return ChainVerifier.verify(events.peek(event -> read.incrementAndGet()).iterator());
        } catch (IntegrityException unreadable) {
            // A store that checks events as it reads them names the first one that does not read back.
            long sequence = unreadable.value().map(Long::parseLong).orElse(read.get() + 1);
            return new ChainVerifier.Result(sequence - 1, Optional.of(
                    new ChainVerifier.Failure(sequence, "?", unreadable.getMessage())));
        }
    }

    /** The events from {@code fromSequence} in order; close the stream. */
    public Stream<Event> events(long fromSequence) {
        return store.read(fromSequence);
    }

    /** The policy commands are decided under. */
    public Policy policy() {
        return processor.policy();
    }

    /** The store. */
    public JournalStore store() {
        return store;
    }

    /** Closes the store. */
    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception e) {
            throw new StorageException(ErrorCode.STORAGE_FAILURE, null, null,
                    "the store did not close cleanly: " + e.getMessage(), e);
        }
    }

    /** Carries a refusal out of the write transaction so that it rolls back. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final transient LedgerException reason;

        Refused(int index, LedgerException reason) {
            super(reason.getMessage(), reason, false, false);
            this.index = index;
            this.reason = reason;
        }
    }
}
