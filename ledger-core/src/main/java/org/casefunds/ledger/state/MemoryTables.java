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
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffRegister;
import org.joda.money.CurrencyUnit;

/** The state's tables in memory: maps, with sorted indexes for the lookups commands need. */
final class MemoryTables implements StateTables {
    private static final Comparator<Lot> TAKING_ORDER = Comparator.comparing(Lot::clockStart).thenComparing(Lot::id);

    private LedgerMeta meta = LedgerMeta.empty();
    private CourtRules courtRules = CourtRules.none();
    private StaffRegister staffRegister = StaffRegister.empty();
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
    private final Map<Pocket, Long> pending = new TreeMap<>();
    private final Map<String, DisbursementRecord> disbursements = new HashMap<>();
    private final Map<Long, Long> reversals = new HashMap<>();
    private final Map<String, Deferral> deferrals = new LinkedHashMap<>();
    private final Map<CaseNumber, List<String>> deferralsByCase = new HashMap<>();

    @Override
    public LedgerMeta meta() {
        return meta;
    }

    @Override
    public CourtRules courtRules() {
        return courtRules;
    }

    @Override
    public StaffRegister staffRegister() {
        return staffRegister;
    }

    @Override
    public void recordStaff(StaffChange change) {
        staffRegister = staffRegister.with(change);
    }

    @Override
    public void adopt(CourtRules.AdoptedYear adopted) {
        courtRules = courtRules.with(adopted);
    }

    @Override
    public void adopt(CourtRules.AdoptedPolicy adopted) {
        courtRules = courtRules.with(adopted);
    }

    @Override
    public void meta(LedgerMeta value) {
        meta = value;
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
    public void putBankAccount(BankAccount account) {
        bankAccounts.put(account.number(), account);
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
    public Collection<CaseRecord> cases() {
        return Collections.unmodifiableCollection(cases.values());
    }

    @Override
    public void putCase(CaseRecord record) {
        cases.put(record.caseNumber(), record);
        casesBySubAccount.put(record.subAccountNumber(), record.caseNumber());
    }

    @Override
    public Optional<Receipt> receipt(String key) {
        return Optional.ofNullable(receipts.get(key));
    }

    @Override
    public Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference) {
        return Optional.ofNullable(receiptsByReference.get(bankAccount + '\n' + bankReference)).map(receipts::get);
    }

    @Override
    public Collection<Receipt> receipts() {
        return Collections.unmodifiableCollection(receipts.values());
    }

    @Override
    public void putReceipt(Receipt receipt) {
        receipts.put(receipt.key(), receipt);
        String reference = receipt.details().bankAccount() + '\n' + receipt.details().bankReference();
        if (receipt.reversed()) {
            receiptsByReference.remove(reference, receipt.key());
        } else {
            receiptsByReference.put(reference, receipt.key());
        }
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
    public Collection<Lot> lots() {
        return Collections.unmodifiableCollection(lots.values());
    }

    @Override
    public void createLot(Lot lot) {
        Checks.invariant(!lots.containsKey(lot.id()), "lot " + lot.id() + " is created twice");
        putLot(lot, lot.remaining().getAmountMinorLong());
    }

    @Override
    public void putLot(Lot lot, long remainingChangeMinor) {
        Pocket pocket = new Pocket(lot.account(), lot.amount().getCurrencyUnit());
        Lot before = lots.put(lot.id(), lot);
        if (before != null) {
            openLots.getOrDefault(pocket, new TreeSet<>(TAKING_ORDER)).remove(before);
            if (before.account().kind() == AccountKind.UNIDENTIFIED) {
                openLotsByReceipt.getOrDefault(before.receipt(), new TreeSet<>(TAKING_ORDER)).remove(before);
            }
        }
        if (lot.remaining().isPositive()) {
            openLots.computeIfAbsent(pocket, key -> new TreeSet<>(TAKING_ORDER)).add(lot);
            if (lot.account().kind() == AccountKind.UNIDENTIFIED) {
                openLotsByReceipt.computeIfAbsent(lot.receipt(), key -> new TreeSet<>(TAKING_ORDER)).add(lot);
            }
        }
        lotTotals.merge(pocket, remainingChangeMinor, Math::addExact);
    }

    @Override
    public long lotTotal(AccountId account, CurrencyUnit currency) {
        return lotTotals.getOrDefault(new Pocket(account, currency), 0L);
    }

    @Override
    public long balance(AccountId account, CurrencyUnit currency) {
        return balances.getOrDefault(new Pocket(account, currency), 0L);
    }

    @Override
    public void addBalance(AccountId account, CurrencyUnit currency, LocalDate date, long deltaMinor) {
        Pocket pocket = new Pocket(account, currency);
        balances.merge(pocket, deltaMinor, Math::addExact);
        dailyChanges.computeIfAbsent(pocket, key -> new TreeMap<>()).merge(date, deltaMinor, Math::addExact);
    }

    @Override
    public long lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date) {
        Pocket pocket = new Pocket(account, currency);
        NavigableMap<LocalDate, Long> later = dailyChanges.getOrDefault(pocket, Collections.emptyNavigableMap())
                .tailMap(date, false);
        return StateTables.lowestBalance(balance(account, currency), later.values());
    }

    @Override
    public long pending(AccountId account, CurrencyUnit currency) {
        return pending.getOrDefault(new Pocket(account, currency), 0L);
    }

    @Override
    public void addPending(AccountId account, CurrencyUnit currency, long deltaMinor) {
        pending.merge(new Pocket(account, currency), deltaMinor, Math::addExact);
    }

    @Override
    public List<PocketFigures> pockets() {
        TreeMap<Pocket, Long> all = new TreeMap<>(balances);
        pending.keySet().forEach(pocket -> all.putIfAbsent(pocket, 0L));
        List<PocketFigures> figures = new ArrayList<>(all.size());
        all.forEach((pocket, posted) -> figures.add(new PocketFigures(pocket.account(), pocket.currency(), posted,
                pending.getOrDefault(pocket, 0L))));
        return figures;
    }

    @Override
    public Optional<DisbursementRecord> disbursement(String id) {
        return Optional.ofNullable(disbursements.get(id));
    }

    @Override
    public Collection<DisbursementRecord> disbursements() {
        return Collections.unmodifiableCollection(disbursements.values());
    }

    @Override
    public void putDisbursement(DisbursementRecord record) {
        disbursements.put(record.id(), record);
    }

    @Override
    public Optional<Long> reversalOf(long sequence) {
        return Optional.ofNullable(reversals.get(sequence));
    }

    @Override
    public void putReversal(long reversedSequence, long bySequence) {
        reversals.put(reversedSequence, bySequence);
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

    @Override
    public Collection<Deferral> deferrals() {
        return Collections.unmodifiableCollection(deferrals.values());
    }

    @Override
    public void putDeferral(Deferral deferral) {
        if (deferrals.put(deferral.id(), deferral) == null) {
            deferralsByCase.computeIfAbsent(deferral.caseNumber(), key -> new ArrayList<>()).add(deferral.id());
        }
    }
}
