package org.casefunds.ledger.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.JournalStore;

/**
 * A deliberately broken writer, for showing that the two-writer tests fail when they should: a
 * store over a shared one that decides commands on the state as of the end of its own last
 * transaction, as a working set kept in memory and not (or not wholly) brought up to date with the
 * journal's head would. It appends after the real last event (sequence and hash come from the
 * head), so what breaks is the decision, not the chain.
 *
 * <p>What it keeps stale is a set of {@link Part}s of the state (by the {@link LedgerView} methods
 * that read them); the rest it reads as it is. It is up to date until the journal holds {@code
 * staleFrom} events, so that a script's opening goes through and the failure is in the cross-writer
 * steps.
 */
public final class StaleWriterStore implements JournalStore {

    /** A part of the working set. */
    public enum Part {
        /** Receipts and lots: what is left of a receipt, which lots a payment takes. */
        RECEIPTS_AND_LOTS,
        /** Balances, pending payments. */
        BALANCES,
        /** The cases: which exist, their sub-accounts and handlers. */
        CASES,
        /** The disbursements and their status. */
        DISBURSEMENTS,
        /** The deferrals. */
        DEFERRALS,
        /** The idempotency keys: an event under a key is found only if it was there at the last transaction. */
        KEYS,
        /** The court, its rules, staff, master accounts and reversals. */
        COURT
    }

    private final JournalStore shared;
    private final Set<Part> stale;
    private final long staleFrom;
    /** The last event this store knew of at the end of its last transaction. */
    private long knownThrough;

    /** A writer over {@code shared} that keeps {@code stale} stale once the journal holds {@code staleFrom} events. */
    public StaleWriterStore(JournalStore shared, Set<Part> stale, long staleFrom) {
        this.shared = shared;
        this.stale = Set.copyOf(stale);
        this.staleFrom = staleFrom;
        this.knownThrough = shared.view().lastSequence();
    }

    /** A writer over {@code shared} whose whole state goes stale once the journal holds {@code staleFrom} events. */
    public StaleWriterStore(JournalStore shared, long staleFrom) {
        this(shared, EnumSet.allOf(Part.class), staleFrom);
    }

    @Override
    public <T> T write(Work<T> work) {
        long through = knownThrough < staleFrom ? Long.MAX_VALUE : knownThrough;
        List<Event> known;
        try (Stream<Event> events = shared.read(1)) {
            known = events.filter(event -> event.sequence() <= through).collect(Collectors.toList());
        }
        LedgerState old = LedgerState.fold(known);
        try {
            return shared.write(writer -> {
                long head = writer.view().lastSequence();
                return work.run(new Writer() {
                    @Override
                    public LedgerView view() {
                        return staleView(old, writer.view(), stale);
                    }

                    @Override
                    public Optional<Event> findByKey(String idempotencyKey) {
                        return writer.findByKey(idempotencyKey).filter(event -> !stale.contains(Part.KEYS)
                                || event.sequence() <= through || event.sequence() > head);
                    }

                    @Override
                    public void append(Event event) {
                        writer.append(event);
                    }
                });
            });
        } finally {
            knownThrough = shared.view().lastSequence();
        }
    }

    @Override
    public Stream<Event> read(long fromSequence) {
        return shared.read(fromSequence);
    }

    @Override
    public Optional<Event> findByKey(String idempotencyKey) {
        return shared.findByKey(idempotencyKey);
    }

    @Override
    public LedgerView view() {
        return shared.view();
    }

    /**
     * The stale state for the parts kept stale, the live one for the others and for the head (the
     * last sequence and hash); a method this does not know reads the live state.
     */
    private static LedgerView staleView(LedgerView old, LedgerView live, Set<Part> stale) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            Part part = PARTS.get(method.getName());
            LedgerView target = part != null && stale.contains(part) ? old : live;
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (LedgerView) Proxy.newProxyInstance(LedgerView.class.getClassLoader(), new Class<?>[] {LedgerView.class},
                handler);
    }

    /** The part of the working set each method of {@link LedgerView} reads. */
    private static final Map<String, Part> PARTS = Map.ofEntries(
            Map.entry("courtCode", Part.COURT), Map.entry("openedOn", Part.COURT),
            Map.entry("closedThrough", Part.COURT), Map.entry("courtRules", Part.COURT),
            Map.entry("staffRegister", Part.COURT), Map.entry("bankAccount", Part.COURT),
            Map.entry("bankAccounts", Part.COURT), Map.entry("reversalOf", Part.COURT),
            Map.entry("caseRecord", Part.CASES), Map.entry("caseBySubAccount", Part.CASES),
            Map.entry("cases", Part.CASES),
            Map.entry("receipt", Part.RECEIPTS_AND_LOTS), Map.entry("receiptByBankReference", Part.RECEIPTS_AND_LOTS),
            Map.entry("lot", Part.RECEIPTS_AND_LOTS), Map.entry("openLots", Part.RECEIPTS_AND_LOTS),
            Map.entry("openLotsOfReceipt", Part.RECEIPTS_AND_LOTS),
            Map.entry("balance", Part.BALANCES), Map.entry("lowestBalanceFrom", Part.BALANCES),
            Map.entry("pending", Part.BALANCES), Map.entry("balances", Part.BALANCES),
            Map.entry("balanceOf", Part.BALANCES),
            Map.entry("disbursement", Part.DISBURSEMENTS),
            Map.entry("deferral", Part.DEFERRALS), Map.entry("deferrals", Part.DEFERRALS));
}
