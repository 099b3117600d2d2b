package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.casefunds.ledger.Checks;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.BankAccountRegistered;
import org.casefunds.ledger.events.BankAccountRetired;
import org.casefunds.ledger.events.CaseHandedOver;
import org.casefunds.ledger.events.CaseOpened;
import org.casefunds.ledger.events.DeferralGranted;
import org.casefunds.ledger.events.DeferralLifted;
import org.casefunds.ledger.events.DeferralRenewed;
import org.casefunds.ledger.events.DisbursementIssue;
import org.casefunds.ledger.events.DisbursementReturned;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.events.DistributionIssued;
import org.casefunds.ledger.events.DistributionShare;
import org.casefunds.ledger.events.EventPayload;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.LedgerOpened;
import org.casefunds.ledger.events.PayeeConfirmed;
import org.casefunds.ledger.events.PeriodClosed;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.UnidentifiedRefundIssued;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.journal.LotMovement;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The state of a ledger computed in memory: a pure fold over its journal. Folding the same events
 * always gives the same state; {@link #asOf} folds only the events effective on or before a date,
 * which is how every figure "as of date D" is defined.
 *
 * <p>While folding it checks the invariants that protect money, always (not as Java asserts):
 * each event follows the previous one in the hash chain, its postings balance per currency, no
 * account and no lot goes below zero, and the lots of every case and unidentified account add up to
 * its balance. A breach throws {@link org.casefunds.ledger.IntegrityException}: it means a bug or
 * a tampered journal, never bad input, which commands refuse before an event exists.
 *
 * <p>This class is mutable and not thread-safe; the ledger confines it to its writer.
 */
public final class LedgerState implements LedgerView {
    private static final Comparator<Lot> TAKING_ORDER =
            Comparator.comparing(Lot::clockStart).thenComparing(Lot::id);

    private final boolean linked;
    private String courtCode;
    private LocalDate openedOn;
    private long lastSequence;
    private String lastHash = Event.GENESIS_HASH;
    private LocalDate closedThrough;
    private final Map<String, BankAccount> bankAccounts = new LinkedHashMap<>();
    private final Map<CaseNumber, CaseRecord> cases = new TreeMap<>();
    private final Map<String, CaseNumber> casesBySubAccount = new HashMap<>();
    private final Map<String, Receipt> receipts = new HashMap<>();
    private final Map<String, String> receiptsByReference = new HashMap<>();
    private final Map<LotId, Lot> lots = new HashMap<>();
    private final Map<Pocket, TreeSet<Lot>> openLots = new HashMap<>();
    private final Map<String, TreeSet<Lot>> openLotsByReceipt = new HashMap<>();
    private final Map<Pocket, Long> lotTotals = new HashMap<>();
    private final Map<Pocket, Long> balances = new TreeMap<>();
    private final Map<Pocket, NavigableMap<LocalDate, Long>> dailyChanges = new HashMap<>();
    private final Map<Pocket, Long> pending = new HashMap<>();
    private final Map<String, DisbursementRecord> disbursements = new HashMap<>();
    private final Map<String, List<String>> distributionShares = new HashMap<>();
    private final Map<String, String> disbursementsByFinishingEvent = new HashMap<>();
    private final Map<Long, Long> reversals = new HashMap<>();
    private final Map<String, Deferral> deferrals = new LinkedHashMap<>();
    private final Map<CaseNumber, List<String>> deferralsByCase = new HashMap<>();

    private LedgerState(boolean linked) {
        this.linked = linked;
    }

    /** The state of an empty journal, to which events are applied in sequence. */
    public static LedgerState empty() {
        return new LedgerState(true);
    }

    /** Folds a whole journal, checking the chain links as it goes. */
    public static LedgerState fold(Iterable<Event> journal) {
        LedgerState state = empty();
        for (Event event : journal) {
            state.apply(event);
        }
        return state;
    }

    /**
     * Folds the events effective on or before {@code date}, in journal order. The rules that
     * commands obey (nothing is taken from a lot before it is there; a settlement, return or
     * reversal is never dated before what it finishes) make this a consistent state for every date.
     */
    public static LedgerState asOf(Iterable<Event> journal, LocalDate date) {
        LedgerState state = new LedgerState(false);
        for (Event event : journal) {
            if (!event.effectiveDate().isAfter(date)) {
                state.apply(event);
            }
        }
        return state;
    }

    /**
     * Applies one event. For a linked state (a whole journal) the event must follow the last one:
     * next sequence, previous hash equal to the last hash.
     *
     * @throws org.casefunds.ledger.IntegrityException if the event breaks an invariant
     */
    public void apply(Event event) {
        if (linked) {
            Checks.invariant(event.sequence() == lastSequence + 1, "event " + event.sequence()
                    + " does not follow event " + lastSequence);
            Checks.invariant(event.previousHash().equals(lastHash), "event " + event.sequence()
                    + " does not link to the hash of event " + lastSequence);
        }
        applyPostings(event);
        applyLotMovements(event);
        applyPayload(event, event.payload());
        checkLotsMatchBalances(event);
        lastSequence = event.sequence();
        lastHash = event.hash();
    }

    // ------------------------------------------------------------------ money

    private void applyPostings(Event event) {
        Map<CurrencyUnit, Long> net = new HashMap<>();
        List<Pocket> touched = new ArrayList<>();
        for (Posting posting : event.postings()) {
            long minor = posting.amount().getAmountMinorLong();
            net.merge(posting.amount().getCurrencyUnit(), posting.side() == org.casefunds.ledger.accounts.Side.DEBIT
                    ? minor : -minor, Math::addExact);
            Pocket pocket = new Pocket(posting.account(), posting.amount().getCurrencyUnit());
            long change = posting.balanceChangeMinor();
            balances.merge(pocket, change, Math::addExact);
            dailyChanges.computeIfAbsent(pocket, key -> new TreeMap<>())
                    .merge(event.effectiveDate(), change, Math::addExact);
            touched.add(pocket);
        }
        net.forEach((currency, sum) -> Checks.invariant(sum == 0, "event " + event.sequence()
                + " does not balance in " + currency + " (debits minus credits: " + sum + " minor units)"));
        for (Pocket pocket : touched) {
            Checks.invariant(balances.get(pocket) >= 0, "event " + event.sequence() + " takes "
                    + pocket + " below zero");
        }
    }

    private void applyLotMovements(Event event) {
        for (LotMovement movement : event.lotMovements()) {
            Pocket pocket = new Pocket(movement.account(), movement.amount().getCurrencyUnit());
            Lot before = lots.get(movement.lot());
            Lot after;
            if (movement.type() == LotMovement.Type.CREATE) {
                Checks.invariant(before == null, "event " + event.sequence() + " creates lot "
                        + movement.lot() + " twice");
                after = new Lot(movement.lot(), movement.account(), movement.amount(), movement.amount(),
                        movement.arrivalDate(), movement.clockStart(), event.effectiveDate(), movement.receipt(),
                        event.effectiveDate(), originOf(event));
            } else {
                Checks.invariant(before != null, "event " + event.sequence() + " moves unknown lot "
                        + movement.lot());
                Money remaining = before.remaining().plus(Money.ofMinor(before.amount().getCurrencyUnit(),
                        movement.remainderChangeMinor()));
                Checks.invariant(!remaining.isNegative() && !remaining.isGreaterThan(before.amount()),
                        "event " + event.sequence() + " leaves lot " + movement.lot() + " at " + remaining);
                Checks.invariant(movement.type() != LotMovement.Type.REMOVE || before.whole(),
                        "event " + event.sequence() + " removes lot " + movement.lot() + " that is not whole");
                LocalDate availableFrom = movement.type() == LotMovement.Type.RESTORE
                        && event.effectiveDate().isAfter(before.availableFrom())
                        ? event.effectiveDate() : before.availableFrom();
                after = before.withRemaining(remaining, availableFrom);
                removeOpen(pocket, before);
            }
            lots.put(after.id(), after);
            lotTotals.merge(pocket, movement.remainderChangeMinor(), Math::addExact);
            if (after.remaining().isPositive()) {
                openLots.computeIfAbsent(pocket, key -> new TreeSet<>(TAKING_ORDER)).add(after);
                if (after.account().kind() == AccountKind.UNIDENTIFIED) {
                    openLotsByReceipt.computeIfAbsent(after.receipt(), key -> new TreeSet<>(TAKING_ORDER))
                            .add(after);
                }
            }
        }
    }

    private static Lot.Origin originOf(Event event) {
        switch (event.kind()) {
            case RECEIPT_RECORDED:
                return Lot.Origin.RECEIPT;
            case UNIDENTIFIED_CLAIMED:
                return Lot.Origin.CLAIM;
            case CASE_FUNDS_TRANSFERRED:
                return Lot.Origin.TRANSFER;
            case DISBURSEMENT_RETURNED:
                return Lot.Origin.RETURN;
            default:
                throw new org.casefunds.ledger.IntegrityException(org.casefunds.ledger.ErrorCode.INTEGRITY_VIOLATION,
                        null, null, "event " + event.sequence() + " (" + event.kind() + ") may not create lots");
        }
    }

    private void removeOpen(Pocket pocket, Lot lot) {
        TreeSet<Lot> open = openLots.get(pocket);
        if (open != null) {
            open.remove(lot);
        }
        TreeSet<Lot> ofReceipt = openLotsByReceipt.get(lot.receipt());
        if (ofReceipt != null && lot.account().kind() == AccountKind.UNIDENTIFIED) {
            ofReceipt.remove(lot);
        }
    }

    private void checkLotsMatchBalances(Event event) {
        for (LotMovement movement : event.lotMovements()) {
            Pocket pocket = new Pocket(movement.account(), movement.amount().getCurrencyUnit());
            long lotTotal = lotTotals.getOrDefault(pocket, 0L);
            long balance = balances.getOrDefault(pocket, 0L);
            Checks.invariant(lotTotal == balance, "after event " + event.sequence() + " the lots of "
                    + pocket + " hold " + lotTotal + " minor units but its balance is " + balance);
        }
        for (Posting posting : event.postings()) {
            AccountKind kind = posting.account().kind();
            if (kind == AccountKind.CASE || kind == AccountKind.UNIDENTIFIED) {
                Pocket pocket = new Pocket(posting.account(), posting.amount().getCurrencyUnit());
                Checks.invariant(lotTotals.getOrDefault(pocket, 0L).equals(balances.getOrDefault(pocket, 0L)),
                        "after event " + event.sequence() + " the lots of " + pocket
                                + " do not add up to its balance");
            }
        }
    }

    // ------------------------------------------------------------------ payloads

    private void applyPayload(Event event, EventPayload payload) {
        if (payload instanceof LedgerOpened) {
            courtCode = ((LedgerOpened) payload).courtCode();
            openedOn = event.effectiveDate();
        } else if (payload instanceof BankAccountRegistered) {
            BankAccountRegistered registered = (BankAccountRegistered) payload;
            bankAccounts.put(registered.accountNumber(), new BankAccount(registered.accountNumber(),
                    registered.currency(), registered.bank(), registered.accountName(), event.effectiveDate(), false));
        } else if (payload instanceof BankAccountRetired) {
            bankAccounts.computeIfPresent(((BankAccountRetired) payload).accountNumber(),
                    (number, account) -> account.retire());
        } else if (payload instanceof CaseOpened) {
            CaseOpened opened = (CaseOpened) payload;
            cases.put(opened.caseNumber(), new CaseRecord(opened.caseNumber(), opened.subAccountNumber(),
                    opened.handler(), opened.parties(), opened.payees(), event.effectiveDate()));
            casesBySubAccount.put(opened.subAccountNumber(), opened.caseNumber());
        } else if (payload instanceof CaseHandedOver) {
            CaseHandedOver handedOver = (CaseHandedOver) payload;
            cases.computeIfPresent(handedOver.caseNumber(), (number, record) ->
                    record.withHandler(handedOver.toHandler()));
        } else if (payload instanceof PayeeConfirmed) {
            PayeeConfirmed confirmed = (PayeeConfirmed) payload;
            cases.computeIfPresent(confirmed.caseNumber(), (number, record) -> record.withPayee(confirmed.payee()));
        } else if (payload instanceof ReceiptRecorded) {
            ReceiptRecorded recorded = (ReceiptRecorded) payload;
            receipts.put(event.idempotencyKey(), new Receipt(event.idempotencyKey(), event.sequence(),
                    event.effectiveDate(), recorded, false));
            receiptsByReference.put(referenceKey(recorded.bankAccount(), recorded.bankReference()),
                    event.idempotencyKey());
        } else if (payload instanceof DisbursementIssue) {
            DisbursementIssue issue = (DisbursementIssue) payload;
            issue(event, event.idempotencyKey(), issue.disbursement(), issue.payee(), issue.amount(),
                    issue.bankAccount(), event.lotMovements());
        } else if (payload instanceof DistributionIssued) {
            applyDistribution(event, (DistributionIssued) payload);
        } else if (payload instanceof DisbursementSettled) {
            DisbursementSettled settled = (DisbursementSettled) payload;
            finish(event, settled.disbursement(), DisbursementRecord.Status.SETTLED,
                    Optional.of(settled.bankReference()));
        } else if (payload instanceof DisbursementReturned) {
            finish(event, ((DisbursementReturned) payload).disbursement(), DisbursementRecord.Status.RETURNED,
                    Optional.empty());
        } else if (payload instanceof EventReversed) {
            applyReversal(event, (EventReversed) payload);
        } else if (payload instanceof PeriodClosed) {
            closedThrough = ((PeriodClosed) payload).closedThrough();
        } else {
            applyDeferral(event, payload);
        }
    }

    private void applyDeferral(Event event, EventPayload payload) {
        if (payload instanceof DeferralGranted) {
            DeferralGranted granted = (DeferralGranted) payload;
            deferrals.put(event.idempotencyKey(), new Deferral(event.idempotencyKey(), granted.caseNumber(),
                    granted.reason(), granted.explanation(), granted.start(), granted.end(), granted.amount(),
                    event.effectiveDate(), Optional.empty(), event.approvals()));
            deferralsByCase.computeIfAbsent(granted.caseNumber(), key -> new ArrayList<>())
                    .add(event.idempotencyKey());
        } else if (payload instanceof DeferralRenewed) {
            DeferralRenewed renewed = (DeferralRenewed) payload;
            deferrals.computeIfPresent(renewed.deferral(), (id, deferral) ->
                    deferral.renew(renewed.newEnd(), renewed.explanation(), event.approvals()));
        } else if (payload instanceof DeferralLifted) {
            deferrals.computeIfPresent(((DeferralLifted) payload).deferral(), (id, deferral) ->
                    deferral.lift(event.effectiveDate()));
        }
        // The remaining kinds (claims, fees, sweeps, transfers) change only balances and lots.
    }

    private void applyDistribution(Event event, DistributionIssued distribution) {
        List<String> ids = new ArrayList<>();
        int next = 0;
        List<LotMovement> movements = event.lotMovements();
        for (DistributionShare share : distribution.shares()) {
            if (!share.allocated().isPositive()) {
                continue;
            }
            // Movements are recorded share by share, split at share boundaries: take this share's.
            List<LotMovement> consumed = new ArrayList<>();
            long needed = share.allocated().getAmountMinorLong();
            while (needed > 0) {
                Checks.invariant(next < movements.size(), "event " + event.sequence()
                        + " does not take enough from lots for share " + share.disbursement());
                LotMovement movement = movements.get(next++);
                needed -= movement.amount().getAmountMinorLong();
                consumed.add(movement);
            }
            Checks.invariant(needed == 0, "event " + event.sequence() + " splits a lot movement across shares");
            issue(event, share.disbursement(), org.casefunds.ledger.events.Disbursement.DISTRIBUTION_SHARE,
                    share.payee(), share.allocated(), distribution.bankAccount(), consumed);
            ids.add(share.disbursement());
        }
        distributionShares.put(event.idempotencyKey(), List.copyOf(ids));
    }

    private void issue(Event event, String id, org.casefunds.ledger.events.Disbursement kind,
            org.casefunds.ledger.cases.BankDetails payee, Money amount, String bankAccount,
            List<LotMovement> consumed) {
        AccountId source = consumed.isEmpty() ? null : consumed.get(0).account();
        Checks.invariant(source != null, "event " + event.sequence() + " issues " + id + " without taking lots");
        Optional<CaseNumber> caseNumber = source.kind() == AccountKind.CASE
                ? Optional.of(source.caseNumber()) : Optional.empty();
        Optional<String> receipt = event.payload() instanceof UnidentifiedRefundIssued
                ? Optional.of(((UnidentifiedRefundIssued) event.payload()).receipt()) : Optional.empty();
        DisbursementRecord record = new DisbursementRecord(id, kind, source, caseNumber, receipt, payee, amount,
                bankAccount, event.effectiveDate(), event.sequence(), DisbursementRecord.Status.ISSUED,
                Optional.empty(), Optional.empty(), consumed);
        disbursements.put(id, record);
        changePending(record, amount.getAmountMinorLong());
    }

    private void changePending(DisbursementRecord record, long minor) {
        CurrencyUnit currency = record.amount().getCurrencyUnit();
        pending.merge(new Pocket(record.source(), currency), minor, Math::addExact);
        pending.merge(new Pocket(AccountId.bank(record.bankAccount()), currency), minor, Math::addExact);
    }

    private void finish(Event event, String id, DisbursementRecord.Status status, Optional<String> reference) {
        DisbursementRecord record = disbursements.get(id);
        Checks.invariant(record != null && record.inTransit(), "event " + event.sequence()
                + " finishes disbursement " + id + " that is not in transit");
        disbursements.put(id, record.finish(status, event.effectiveDate(), reference));
        disbursementsByFinishingEvent.put(event.idempotencyKey(), id);
        changePending(record, -record.amount().getAmountMinorLong());
    }

    private void applyReversal(Event event, EventReversed reversed) {
        reversals.put(reversed.reversedSequence(), event.sequence());
        switch (reversed.reversedKind()) {
            case RECEIPT_RECORDED:
                Receipt receipt = receipts.get(reversed.reversedKey());
                receipts.put(receipt.key(), receipt.reverse());
                receiptsByReference.remove(referenceKey(receipt.details().bankAccount(),
                        receipt.details().bankReference()));
                break;
            case PAYOUT_NOTICE_ISSUED:
            case SURPLUS_REFUND_ISSUED:
            case DEPOSIT_ISSUED:
            case UNIDENTIFIED_REFUND_ISSUED:
                finish(event, reversed.reversedKey(), DisbursementRecord.Status.CANCELLED, Optional.empty());
                break;
            case DISTRIBUTION_ISSUED:
                for (String share : distributionShares.get(reversed.reversedKey())) {
                    finish(event, share, DisbursementRecord.Status.CANCELLED, Optional.empty());
                }
                break;
            case DISBURSEMENT_SETTLED:
            case DISBURSEMENT_RETURNED:
                String id = disbursementsByFinishingEvent.get(reversed.reversedKey());
                DisbursementRecord record = disbursements.get(id);
                disbursements.put(id, record.finish(DisbursementRecord.Status.ISSUED, null, Optional.empty()));
                changePending(record, record.amount().getAmountMinorLong());
                break;
            default:
                // Claims, fees, sweeps and transfers are undone by their mirrored postings and lots.
                break;
        }
    }

    private static String referenceKey(String bankAccount, String bankReference) {
        return bankAccount + '\n' + bankReference;
    }

    // ------------------------------------------------------------------ the view

    @Override
    public Optional<String> courtCode() {
        return Optional.ofNullable(courtCode);
    }

    @Override
    public Optional<LocalDate> openedOn() {
        return Optional.ofNullable(openedOn);
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public String lastHash() {
        return lastHash;
    }

    @Override
    public Optional<LocalDate> closedThrough() {
        return Optional.ofNullable(closedThrough);
    }

    @Override
    public Optional<BankAccount> bankAccount(String number) {
        return Optional.ofNullable(bankAccounts.get(number));
    }

    @Override
    public List<BankAccount> bankAccounts() {
        return List.copyOf(bankAccounts.values());
    }

    @Override
    public Optional<CaseRecord> caseRecord(CaseNumber caseNumber) {
        return Optional.ofNullable(cases.get(caseNumber));
    }

    @Override
    public Optional<CaseNumber> caseBySubAccount(String subAccountNumber) {
        return Optional.ofNullable(casesBySubAccount.get(subAccountNumber));
    }

    @Override
    public Optional<Receipt> receipt(String key) {
        return Optional.ofNullable(receipts.get(key));
    }

    @Override
    public Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference) {
        return Optional.ofNullable(receiptsByReference.get(referenceKey(bankAccount, bankReference)))
                .map(receipts::get);
    }

    @Override
    public Optional<Lot> lot(LotId id) {
        return Optional.ofNullable(lots.get(id));
    }

    @Override
    public List<Lot> openLots(AccountId account, CurrencyUnit currency) {
        TreeSet<Lot> open = openLots.get(new Pocket(account, currency));
        return open == null ? List.of() : List.copyOf(open);
    }

    @Override
    public List<Lot> openLotsOfReceipt(String receiptKey) {
        TreeSet<Lot> open = openLotsByReceipt.get(receiptKey);
        return open == null ? List.of() : List.copyOf(open);
    }

    @Override
    public Money balance(AccountId account, CurrencyUnit currency) {
        return Money.ofMinor(currency, balances.getOrDefault(new Pocket(account, currency), 0L));
    }

    @Override
    public Money lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date) {
        Pocket pocket = new Pocket(account, currency);
        NavigableMap<LocalDate, Long> changes = dailyChanges.getOrDefault(pocket, Collections.emptyNavigableMap());
        NavigableMap<LocalDate, Long> later = changes.tailMap(date, false);
        long laterTotal = later.values().stream().mapToLong(Long::longValue).sum();
        long running = balances.getOrDefault(pocket, 0L) - laterTotal;
        long lowest = running;
        for (long change : later.values()) {
            running += change;
            lowest = Math.min(lowest, running);
        }
        return Money.ofMinor(currency, lowest);
    }

    @Override
    public Money pending(AccountId account, CurrencyUnit currency) {
        return Money.ofMinor(currency, pending.getOrDefault(new Pocket(account, currency), 0L));
    }

    @Override
    public List<AccountBalance> balances() {
        TreeMap<Pocket, Long> all = new TreeMap<>(balances);
        pending.keySet().forEach(pocket -> all.putIfAbsent(pocket, 0L));
        List<AccountBalance> result = new ArrayList<>(all.size());
        for (Pocket pocket : all.keySet()) {
            result.add(balanceOf(pocket.account(), pocket.currency()));
        }
        return result;
    }

    @Override
    public Optional<DisbursementRecord> disbursement(String id) {
        return Optional.ofNullable(disbursements.get(id));
    }

    /** Every disbursement, in no particular order. */
    public Collection<DisbursementRecord> disbursements() {
        return Collections.unmodifiableCollection(disbursements.values());
    }

    /** Every receipt, in no particular order. */
    public Collection<Receipt> receipts() {
        return Collections.unmodifiableCollection(receipts.values());
    }

    /** Every lot ever created, in no particular order. */
    public Collection<Lot> lots() {
        return Collections.unmodifiableCollection(lots.values());
    }

    @Override
    public Optional<Long> reversalOf(long sequence) {
        return Optional.ofNullable(reversals.get(sequence));
    }

    @Override
    public Optional<Deferral> deferral(String id) {
        return Optional.ofNullable(deferrals.get(id));
    }

    @Override
    public List<Deferral> deferrals(CaseNumber caseNumber) {
        List<Deferral> result = new ArrayList<>();
        for (String id : deferralsByCase.getOrDefault(caseNumber, List.of())) {
            result.add(deferrals.get(id));
        }
        return result;
    }

    /** Every deferral in the order granted. */
    public Collection<Deferral> deferrals() {
        return Collections.unmodifiableCollection(deferrals.values());
    }

    @Override
    public Collection<CaseRecord> cases() {
        return Collections.unmodifiableCollection(cases.values());
    }
}
