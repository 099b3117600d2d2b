package org.casefunds.ledger.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.events.BankAccountRegistered;
import org.casefunds.ledger.events.BankAccountRetired;
import org.casefunds.ledger.events.CalendarYearAdopted;
import org.casefunds.ledger.events.CaseHandedOver;
import org.casefunds.ledger.events.CaseOpened;
import org.casefunds.ledger.events.DeferralGranted;
import org.casefunds.ledger.events.DeferralLifted;
import org.casefunds.ledger.events.DeferralRenewed;
import org.casefunds.ledger.events.Disbursement;
import org.casefunds.ledger.events.DisbursementIssue;
import org.casefunds.ledger.events.DisbursementReturned;
import org.casefunds.ledger.events.DisbursementSettled;
import org.casefunds.ledger.events.DistributionIssued;
import org.casefunds.ledger.events.DistributionShare;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventPayload;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.LedgerOpened;
import org.casefunds.ledger.events.PayeeConfirmed;
import org.casefunds.ledger.events.PeriodClosed;
import org.casefunds.ledger.events.PolicyAdopted;
import org.casefunds.ledger.events.RoleGranted;
import org.casefunds.ledger.events.RoleRevoked;
import org.casefunds.ledger.events.StaffRegistered;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffMember;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.approvals.Role;
import java.util.stream.Collectors;
import org.casefunds.ledger.events.ReceiptRecorded;
import org.casefunds.ledger.events.UnidentifiedRefundIssued;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.policy.CourtRules;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The state of a ledger: a pure fold over its journal, kept in {@link StateTables} (in memory, or a
 * database's projection tables). Folding the same events always gives the same state;
 * {@link #asOf} folds only the events effective on or before a date, which is how every figure "as
 * of date D" is defined. This class is the one place that says how an event changes the state.
 *
 * <p>While folding it checks the invariants that protect money, always (not as Java asserts):
 * each event follows the previous one in the hash chain, its postings balance per currency, no
 * account and no lot goes below zero, and the lots of every case and unidentified account add up to
 * its balance. A breach throws {@link IntegrityException}: it means a bug or a tampered journal,
 * never bad input, which commands refuse before an event exists.
 *
 * <p>This class is not thread-safe; the store confines it to one writer.
 */
public final class LedgerState implements LedgerView {
    private final StateTables tables;
    private final boolean linked;

    private LedgerState(StateTables tables, boolean linked) {
        this.tables = tables;
        this.linked = linked;
    }

    /** The state of an empty journal in memory, to which events are applied in sequence. */
    public static LedgerState empty() {
        return new LedgerState(StateTables.inMemory(), true);
    }

    /** The state kept in {@code tables}, to which events are applied in sequence. */
    public static LedgerState over(StateTables tables) {
        return new LedgerState(Checks.required(tables, "tables"), true);
    }

    /** Folds a whole journal in memory, checking the chain links as it goes. */
    public static LedgerState fold(Iterable<Event> journal) {
        LedgerState state = empty();
        for (Event event : journal) {
            state.apply(event);
        }
        return state;
    }

    /**
     * Folds the events effective on or before {@code date}, in journal order, in memory. The rules
     * that commands obey (nothing is taken from a lot before it is there; a settlement, return or
     * reversal is never dated before what it finishes) make this a consistent state for every date.
     */
    public static LedgerState asOf(Iterable<Event> journal, LocalDate date) {
        LedgerState state = new LedgerState(StateTables.inMemory(), false);
        for (Event event : journal) {
            if (!event.effectiveDate().isAfter(date)) {
                state.apply(event);
            }
        }
        return state;
    }

    /** The tables the state is kept in. */
    public StateTables tables() {
        return tables;
    }

    /**
     * Applies one event. For a linked state (a whole journal) the event must follow the last one:
     * next sequence, previous hash equal to the last hash.
     *
     * @throws IntegrityException if the event breaks an invariant
     */
    public void apply(Event event) {
        LedgerMeta meta = tables.meta();
        if (linked) {
            Checks.invariant(event.sequence() == meta.lastSequence() + 1, "event " + event.sequence()
                    + " does not follow event " + meta.lastSequence());
            Checks.invariant(event.previousHash().equals(meta.lastHash()), "event " + event.sequence()
                    + " does not link to the hash of event " + meta.lastSequence());
        }
        tables.applying(event);
        Set<Pocket> touched = new LinkedHashSet<>();
        applyPostings(event, touched);
        applyLotMovements(event, touched);
        applyPayload(event, event.payload());
        checkLotsMatchBalances(event, touched);
        tables.meta(tables.meta().after(event));
    }

    // ------------------------------------------------------------------ money

    private void applyPostings(Event event, Set<Pocket> touched) {
        Map<CurrencyUnit, Long> net = new HashMap<>();
        Map<Pocket, Long> changes = new HashMap<>();
        for (Posting posting : event.postings()) {
            long minor = posting.amount().getAmountMinorLong();
            net.merge(posting.amount().getCurrencyUnit(), posting.side() == Side.DEBIT ? minor : -minor,
                    Math::addExact);
            changes.merge(new Pocket(posting.account(), posting.amount().getCurrencyUnit()),
                    posting.balanceChangeMinor(), Math::addExact);
        }
        net.forEach((currency, sum) -> Checks.invariant(sum == 0, "event " + event.sequence()
                + " does not balance in " + currency + " (debits minus credits: " + sum + " minor units)"));
        // Deltas are summed per account first, so a hot account is written once per event.
        changes.forEach((pocket, change) -> {
            tables.addBalance(pocket.account(), pocket.currency(), event.effectiveDate(), change);
            Checks.invariant(tables.balance(pocket.account(), pocket.currency()) >= 0, "event " + event.sequence()
                    + " takes " + pocket + " below zero");
            touched.add(pocket);
        });
    }

    private void applyLotMovements(Event event, Set<Pocket> touched) {
        for (LotMovement movement : event.lotMovements()) {
            touched.add(new Pocket(movement.account(), movement.amount().getCurrencyUnit()));
            if (movement.type() == LotMovement.Type.CREATE) {
                tables.createLot(new Lot(movement.lot(), movement.account(), movement.amount(), movement.amount(),
                        movement.arrivalDate(), movement.clockStart(), event.effectiveDate(), movement.receipt(),
                        event.effectiveDate(), originOf(event)));
                continue;
            }
            Lot lot = tables.lot(movement.lot()).orElseThrow(() -> new IntegrityException(
                    ErrorCode.INTEGRITY_VIOLATION, null, null, "invariant violated: event " + event.sequence()
                            + " moves unknown lot " + movement.lot()));
            Money remaining = lot.remaining().plus(Money.ofMinor(lot.amount().getCurrencyUnit(),
                    movement.remainderChangeMinor()));
            Checks.invariant(!remaining.isNegative() && !remaining.isGreaterThan(lot.amount()),
                    "event " + event.sequence() + " leaves lot " + movement.lot() + " at " + remaining);
            Checks.invariant(movement.type() != LotMovement.Type.REMOVE || lot.whole(),
                    "event " + event.sequence() + " removes lot " + movement.lot() + " that is not whole");
            LocalDate availableFrom = movement.type() == LotMovement.Type.RESTORE
                    && event.effectiveDate().isAfter(lot.availableFrom())
                    ? event.effectiveDate() : lot.availableFrom();
            Lot after = lot.withRemaining(remaining, availableFrom);
            tables.putLot(after, movement.remainderChangeMinor());
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
                throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, null, null, "invariant violated: event "
                        + event.sequence() + " (" + event.kind() + ") may not create lots");
        }
    }

    private void checkLotsMatchBalances(Event event, Set<Pocket> touched) {
        for (Pocket pocket : touched) {
            AccountKind kind = pocket.account().kind();
            if (kind != AccountKind.CASE && kind != AccountKind.UNIDENTIFIED) {
                continue;
            }
            long lotTotal = tables.lotTotal(pocket.account(), pocket.currency());
            long balance = tables.balance(pocket.account(), pocket.currency());
            Checks.invariant(lotTotal == balance, "after event " + event.sequence() + " the lots of " + pocket
                    + " hold " + lotTotal + " minor units but its balance is " + balance);
        }
    }

    // ------------------------------------------------------------------ payloads

    private void applyPayload(Event event, EventPayload payload) {
        if (payload instanceof LedgerOpened) {
            LedgerOpened opened = (LedgerOpened) payload;
            tables.meta(tables.meta().opened(opened.courtCode(), opened.courtName(), event.effectiveDate()));
            staffChanges(event).forEach(tables::recordStaff);
        } else if (payload instanceof StaffRegistered || payload instanceof RoleGranted
                || payload instanceof RoleRevoked) {
            staffChanges(event).forEach(tables::recordStaff);
        } else if (payload instanceof BankAccountRegistered) {
            BankAccountRegistered registered = (BankAccountRegistered) payload;
            tables.putBankAccount(new BankAccount(registered.accountNumber(), registered.currency(),
                    registered.bank(), registered.accountName(), event.effectiveDate(), false));
        } else if (payload instanceof BankAccountRetired) {
            tables.bankAccount(((BankAccountRetired) payload).accountNumber())
                    .ifPresent(account -> tables.putBankAccount(account.retire()));
        } else if (payload instanceof CaseOpened) {
            CaseOpened opened = (CaseOpened) payload;
            tables.putCase(new CaseRecord(opened.caseNumber(), opened.subAccountNumber(), opened.handler(),
                    opened.parties(), opened.payees(), event.effectiveDate(), opened.division()));
        } else if (payload instanceof CaseHandedOver) {
            CaseHandedOver handedOver = (CaseHandedOver) payload;
            tables.caseRecord(handedOver.caseNumber())
                    .ifPresent(record -> tables.putCase(record.withHandler(handedOver.toHandler())));
        } else if (payload instanceof PayeeConfirmed) {
            PayeeConfirmed confirmed = (PayeeConfirmed) payload;
            tables.caseRecord(confirmed.caseNumber())
                    .ifPresent(record -> tables.putCase(record.withPayee(confirmed.payee())));
        } else if (payload instanceof ReceiptRecorded) {
            tables.putReceipt(new Receipt(event.idempotencyKey(), event.sequence(), event.effectiveDate(),
                    (ReceiptRecorded) payload, false));
        } else {
            applyMoneyPayload(event, payload);
        }
    }

    /**
     * The changes of the staff register {@code event} makes, in order: the opening registers its
     * first administrators and grants them the role; a registration, grant or revocation makes one.
     * The one place an event becomes register changes, for the fold and for an independent audit.
     */
    public static List<StaffChange> staffChanges(Event event) {
        EventPayload payload = event.payload();
        String by = event.actor().id();
        List<StaffChange> changes = new ArrayList<>();
        if (payload instanceof LedgerOpened opened) {
            for (StaffMember administrator : opened.firstAdministrators().orElse(List.of())) {
                changes.add(new StaffChange.Registered(event.sequence(), event.effectiveDate(), by, "",
                        administrator));
                changes.add(new StaffChange.Granted(event.sequence(), event.effectiveDate(), by, "",
                        administrator.personId(), Role.STAFF_ADMINISTRATOR, Optional.empty(), event.effectiveDate(),
                        Optional.empty()));
            }
        } else if (payload instanceof StaffRegistered registered) {
            changes.add(new StaffChange.Registered(event.sequence(), event.effectiveDate(), by, approvers(event),
                    registered.member()));
        } else if (payload instanceof RoleGranted granted) {
            changes.add(new StaffChange.Granted(event.sequence(), event.effectiveDate(), by, approvers(event),
                    granted.personId(), granted.role(), granted.division(), granted.from(), granted.until()));
        } else if (payload instanceof RoleRevoked revoked) {
            changes.add(new StaffChange.Revoked(event.sequence(), event.effectiveDate(), by, approvers(event),
                    revoked.personId(), revoked.role(), revoked.division()));
        }
        return changes;
    }

    private static String approvers(Event event) {
        return event.approvals().stream().map(Approval::approverId).collect(Collectors.joining(", "));
    }

    private void applyMoneyPayload(Event event, EventPayload payload) {
        if (payload instanceof DisbursementIssue) {
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
            tables.meta(tables.meta().closed(((PeriodClosed) payload).closedThrough()));
        } else if (payload instanceof CalendarYearAdopted) {
            CalendarYearAdopted adopted = (CalendarYearAdopted) payload;
            tables.adopt(new CourtRules.AdoptedYear(event.sequence(), event.effectiveDate(), adopted.year(),
                    adopted.reason()));
        } else if (payload instanceof PolicyAdopted) {
            PolicyAdopted adopted = (PolicyAdopted) payload;
            tables.adopt(new CourtRules.AdoptedPolicy(event.sequence(), event.effectiveDate(), adopted.policy(),
                    adopted.reason()));
        } else if (payload instanceof DeferralGranted) {
            DeferralGranted granted = (DeferralGranted) payload;
            tables.putDeferral(new Deferral(event.idempotencyKey(), granted.caseNumber(), granted.reason(),
                    granted.explanation(), granted.start(), granted.end(), granted.amount(), event.effectiveDate(),
                    Optional.empty(), event.approvals(), event.effectiveDate()));
        } else if (payload instanceof DeferralRenewed) {
            DeferralRenewed renewed = (DeferralRenewed) payload;
            tables.deferral(renewed.deferral()).ifPresent(deferral -> tables.putDeferral(
                    deferral.renew(renewed.newEnd(), renewed.explanation(), event.approvals(), event.effectiveDate())));
        } else if (payload instanceof DeferralLifted) {
            tables.deferral(((DeferralLifted) payload).deferral())
                    .ifPresent(deferral -> tables.putDeferral(deferral.lift(event.effectiveDate())));
        }
        // The remaining kinds (claims, fees, sweeps, transfers) change only balances and lots.
    }

    private void applyDistribution(Event event, DistributionIssued distribution) {
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
            issue(event, share.disbursement(), Disbursement.DISTRIBUTION_SHARE, share.payee(), share.allocated(),
                    distribution.bankAccount(), consumed);
        }
    }

    private void issue(Event event, String id, Disbursement kind, BankDetails payee, Money amount,
            String bankAccount, List<LotMovement> consumed) {
        Checks.invariant(!consumed.isEmpty(), "event " + event.sequence() + " issues " + id + " without taking lots");
        AccountId source = consumed.get(0).account();
        Optional<CaseNumber> caseNumber = source.kind() == AccountKind.CASE
                ? Optional.of(source.caseNumber()) : Optional.empty();
        Optional<String> receipt = event.payload() instanceof UnidentifiedRefundIssued
                ? Optional.of(((UnidentifiedRefundIssued) event.payload()).receipt()) : Optional.empty();
        DisbursementRecord record = new DisbursementRecord(id, kind, source, caseNumber, receipt, payee, amount,
                bankAccount, event.effectiveDate(), event.sequence(), DisbursementRecord.Status.ISSUED,
                Optional.empty(), Optional.empty(), consumed, event.effectiveDate());
        tables.putDisbursement(record);
        changePending(record, amount.getAmountMinorLong());
    }

    private void changePending(DisbursementRecord record, long minor) {
        CurrencyUnit currency = record.amount().getCurrencyUnit();
        tables.addPending(record.source(), currency, minor);
        tables.addPending(AccountId.bank(record.bankAccount()), currency, minor);
    }

    private void finish(Event event, String id, DisbursementRecord.Status status, Optional<String> reference) {
        DisbursementRecord record = tables.disbursement(id).orElse(null);
        Checks.invariant(record != null && record.inTransit(), "event " + event.sequence()
                + " finishes disbursement " + id + " that is not in transit");
        tables.putDisbursement(record.finish(status, event.effectiveDate(), reference));
        changePending(record, -record.amount().getAmountMinorLong());
    }

    private void applyReversal(Event event, EventReversed reversed) {
        tables.putReversal(reversed.reversedSequence(), event.sequence());
        EventKind kind = reversed.reversedKind();
        if (kind == EventKind.RECEIPT_RECORDED) {
            Receipt receipt = tables.receipt(reversed.reversedKey()).orElseThrow(() -> new IntegrityException(
                    ErrorCode.INTEGRITY_VIOLATION, null, null, "invariant violated: event " + event.sequence()
                    + " reverses unknown receipt " + reversed.reversedKey()));
            tables.putReceipt(receipt.reverse());
        } else if (kind == EventKind.DISBURSEMENT_SETTLED || kind == EventKind.DISBURSEMENT_RETURNED) {
            for (String id : reversed.disbursements()) {
                DisbursementRecord record = tables.disbursement(id).orElseThrow();
                tables.putDisbursement(record.reopen(event.effectiveDate()));
                changePending(record, record.amount().getAmountMinorLong());
            }
        } else {
            // The reversal of an issue cancels what it issued; claims, fees, sweeps and transfers
            // have no disbursements and are undone by their mirrored postings and lots.
            for (String id : reversed.disbursements()) {
                finish(event, id, DisbursementRecord.Status.CANCELLED, Optional.empty());
            }
        }
    }

    // ------------------------------------------------------------------ the view

    @Override
    public Optional<String> courtCode() {
        return tables.meta().courtCode();
    }

    @Override
    public Optional<LocalDate> openedOn() {
        return tables.meta().openedOn();
    }

    @Override
    public long lastSequence() {
        return tables.meta().lastSequence();
    }

    @Override
    public String lastHash() {
        return tables.meta().lastHash();
    }

    @Override
    public Optional<LocalDate> closedThrough() {
        return tables.meta().closedThrough();
    }

    @Override
    public CourtRules courtRules() {
        return tables.courtRules();
    }

    @Override
    public StaffRegister staffRegister() {
        return tables.staffRegister();
    }

    @Override
    public Optional<BankAccount> bankAccount(String number) {
        return tables.bankAccount(number);
    }

    @Override
    public List<BankAccount> bankAccounts() {
        return tables.bankAccounts();
    }

    @Override
    public Optional<CaseRecord> caseRecord(CaseNumber caseNumber) {
        return tables.caseRecord(caseNumber);
    }

    @Override
    public Optional<CaseNumber> caseBySubAccount(String subAccountNumber) {
        return tables.caseBySubAccount(subAccountNumber);
    }

    @Override
    public Optional<Receipt> receipt(String key) {
        return tables.receipt(key);
    }

    @Override
    public Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference) {
        return tables.receiptByBankReference(bankAccount, bankReference);
    }

    @Override
    public Optional<Lot> lot(LotId id) {
        return tables.lot(id);
    }

    @Override
    public List<Lot> openLots(AccountId account, CurrencyUnit currency) {
        return tables.openLots(account, currency);
    }

    @Override
    public List<Lot> openLotsOfReceipt(String receiptKey) {
        return tables.openLotsOfReceipt(receiptKey);
    }

    @Override
    public Money balance(AccountId account, CurrencyUnit currency) {
        return Money.ofMinor(currency, tables.balance(account, currency));
    }

    @Override
    public Money lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date) {
        return Money.ofMinor(currency, tables.lowestBalanceFrom(account, currency, date));
    }

    @Override
    public Money pending(AccountId account, CurrencyUnit currency) {
        return Money.ofMinor(currency, tables.pending(account, currency));
    }

    @Override
    public List<AccountBalance> balances() {
        List<AccountBalance> result = new ArrayList<>();
        // The figures come with each pocket: one read of the tables, not two per account.
        for (StateTables.PocketFigures pocket : tables.pockets()) {
            Money posted = Money.ofMinor(pocket.currency(), pocket.postedMinor());
            Money pendingOut = Money.ofMinor(pocket.currency(), pocket.pendingMinor());
            result.add(new AccountBalance(pocket.account(), posted, pendingOut,
                    pocket.account().kind() == AccountKind.BANK ? posted.minus(pendingOut) : posted));
        }
        return result;
    }

    @Override
    public Optional<DisbursementRecord> disbursement(String id) {
        return tables.disbursement(id);
    }

    /** Every disbursement, in no particular order. */
    public Collection<DisbursementRecord> disbursements() {
        return tables.disbursements();
    }

    /** Every receipt, in no particular order. */
    public Collection<Receipt> receipts() {
        return tables.receipts();
    }

    /** Every lot ever created, in no particular order. */
    public Collection<Lot> lots() {
        return tables.lots();
    }

    @Override
    public Optional<Long> reversalOf(long sequence) {
        return tables.reversalOf(sequence);
    }

    @Override
    public Optional<Deferral> deferral(String id) {
        return tables.deferral(id);
    }

    @Override
    public List<Deferral> deferrals(CaseNumber caseNumber) {
        return tables.deferrals(caseNumber);
    }

    /** Every deferral in the order granted. */
    public Collection<Deferral> deferrals() {
        return tables.deferrals();
    }

    @Override
    public Collection<CaseRecord> cases() {
        return tables.cases();
    }
}
