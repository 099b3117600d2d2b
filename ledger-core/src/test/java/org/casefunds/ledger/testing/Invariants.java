package org.casefunds.ledger.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.journal.ChainVerifier;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.state.Lot;
import org.joda.money.CurrencyUnit;

/**
 * The invariants of docs/design.md §6, each a check over a journal and the state a store holds. Each
 * returns a description of the first breach, or null when the invariant holds.
 */
public final class Invariants {
    private Invariants() {
    }

    /** Invariant 1: every financial event balances per currency, and so does the whole journal. */
    public static String balanced(List<Event> events, LedgerView view) {
        for (Event event : events) {
            Map<CurrencyUnit, Long> net = new HashMap<>();
            for (Posting posting : event.postings()) {
                long minor = posting.amount().getAmountMinorLong();
                net.merge(posting.amount().getCurrencyUnit(), posting.side() == Side.DEBIT ? minor : -minor,
                        Long::sum);
            }
            for (Map.Entry<CurrencyUnit, Long> entry : net.entrySet()) {
                if (entry.getValue() != 0) {
                    return "event " + event.sequence() + " is off by " + entry.getValue() + " in " + entry.getKey();
                }
            }
            if (!event.kind().financial() && !event.postings().isEmpty()) {
                return "event " + event.sequence() + " is a " + event.kind() + " but has postings";
            }
        }
        Map<CurrencyUnit, Long> trial = new TreeMap<>();
        for (AccountBalance balance : view.balances()) {
            long minor = balance.posted().getAmountMinorLong();
            trial.merge(balance.posted().getCurrencyUnit(),
                    balance.account().kind().normalSide() == Side.DEBIT ? minor : -minor, Long::sum);
        }
        for (Map.Entry<CurrencyUnit, Long> entry : trial.entrySet()) {
            if (entry.getValue() != 0) {
                return "the trial balance is off by " + entry.getValue() + " in " + entry.getKey();
            }
        }
        return null;
    }

    /** Invariant 2: no account is below zero, now or at the end of {@code date}. */
    public static String nonNegative(List<Event> events, LedgerView view, LocalDate date) {
        for (AccountBalance balance : view.balances()) {
            if (balance.posted().isNegative() || balance.pending().isNegative()) {
                return balance.account() + " is below zero: " + balance;
            }
        }
        LedgerState past;
        try {
            past = LedgerState.asOf(events, date);
        } catch (IntegrityException e) {
            return "the journal does not fold as of " + date + ": " + e.getMessage();
        }
        for (AccountBalance balance : past.balances()) {
            if (balance.posted().isNegative()) {
                return balance.account() + " is below zero on " + date + ": " + balance;
            }
        }
        return null;
    }

    /** Invariant 3: Σ bank = Σ case + Σ unidentified + Σ in transit + court fees, per currency. */
    public static String controlIdentity(LedgerView view) {
        Map<CurrencyUnit, long[]> sums = new TreeMap<>();
        for (AccountBalance balance : view.balances()) {
            long[] sum = sums.computeIfAbsent(balance.posted().getCurrencyUnit(), currency -> new long[2]);
            sum[balance.account().kind() == AccountKind.BANK ? 0 : 1] += balance.posted().getAmountMinorLong();
        }
        for (Map.Entry<CurrencyUnit, long[]> entry : sums.entrySet()) {
            if (entry.getValue()[0] != entry.getValue()[1]) {
                return "in " + entry.getKey() + " the bank holds " + entry.getValue()[0]
                        + " but cases, unidentified, in transit and fees add up to " + entry.getValue()[1];
            }
        }
        return null;
    }

    /** Invariant 4: folding the journal from scratch gives the state the store holds. */
    public static String replayEqualsLive(List<Event> events, LedgerView view) {
        if (!(view instanceof LedgerState)) {
            return "replayEqualsLive compares LedgerStates; a store's own comparison is elsewhere";
        }
        String replayed = StateSnapshot.of(LedgerState.fold(events));
        String live = StateSnapshot.of((LedgerState) view);
        if (!replayed.equals(live)) {
            return "the replayed state differs from the live state:\n" + StateSnapshot.difference(replayed, live);
        }
        return null;
    }

    /** Invariant 5: the hash chain verifies. */
    public static String chainVerifies(List<Event> events) {
        ChainVerifier.Result result = ChainVerifier.verify(events);
        return result.ok() ? null : "the chain breaks: " + result.failure().get();
    }

    /** Invariant 7: the lots of every case and unidentified account add up to its balance. */
    public static String lotsMatchBalances(LedgerView view, List<Lot> lots) {
        Map<String, Long> totals = new HashMap<>();
        for (Lot lot : lots) {
            totals.merge(lot.account() + " " + lot.remaining().getCurrencyUnit(), lot.remaining().getAmountMinorLong(),
                    Long::sum);
        }
        for (AccountBalance balance : view.balances()) {
            AccountKind kind = balance.account().kind();
            if (kind != AccountKind.CASE && kind != AccountKind.UNIDENTIFIED) {
                continue;
            }
            long total = totals.getOrDefault(balance.account() + " " + balance.posted().getCurrencyUnit(), 0L);
            if (total != balance.posted().getAmountMinorLong()) {
                return "the lots of " + balance.account() + " hold " + total + " but its balance is "
                        + balance.posted();
            }
        }
        return null;
    }

    /** All lots of a state, sorted by id. */
    public static List<Lot> lots(LedgerState state) {
        List<Lot> lots = new ArrayList<>(state.lots());
        lots.sort(Comparator.comparing(Lot::id));
        return lots;
    }
}
