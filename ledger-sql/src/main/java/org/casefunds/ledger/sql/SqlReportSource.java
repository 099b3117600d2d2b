package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.BALANCE;
import static org.casefunds.ledger.sql.schema.Tables.CASE_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.CASE_RECORD;
import static org.casefunds.ledger.sql.schema.Tables.DAILY_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.EVENT;
import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.casefunds.ledger.sql.schema.Tables.LOT;
import static org.casefunds.ledger.sql.schema.Tables.LOT_MOVEMENT;
import static org.casefunds.ledger.sql.schema.Tables.RECEIPT;
import static org.casefunds.ledger.sql.schema.Tables.REVERSAL;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.reports.ReportSource;
import org.casefunds.ledger.sql.schema.tables.records.LotRecord;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;

/**
 * The reports' questions answered by set-based queries on a SQL store. The current projections
 * answer for every row that has not changed since the date asked about; the history tables (lot
 * movements, disbursement and deferral changes, case handlers) correct the rows that changed after
 * it. A report on today reads little more than the open lots and the notices in transit; memory
 * holds the money waiting at the date, never the journal.
 *
 * <p>This class is thread-safe: each question runs its own queries on the store's readers.
 */
public final class SqlReportSource implements ReportSource {
    private final DSLContext context;

    SqlReportSource(DSLContext context) {
        this.context = context;
    }

    /** The report source of {@code store}. */
    public static SqlReportSource of(SqlJournalStore store) {
        return new SqlReportSource(store.readerContext());
    }

    private static long day(LocalDate date) {
        return date.toEpochDay();
    }

    @Override
    public Optional<LocalDate> openedOn(LocalDate date) {
        return Optional.ofNullable(context.select(LEDGER_INFO.OPENED_ON).from(LEDGER_INFO)
                .where(LEDGER_INFO.ID.eq(inline(1L))).fetchOne(LEDGER_INFO.OPENED_ON)).map(LocalDate::ofEpochDay);
    }

    @Override
    public CourtRules courtRules(LocalDate date) {
        return SqlTables.readCourtRules(context, date);
    }

    @Override
    public StaffRegister staffRegister(LocalDate date) {
        return SqlTables.readStaffRegister(context, date);
    }

    // ------------------------------------------------------------------ lots as of a date

    /**
     * The lots of accounts starting with {@code prefix} that hold money at the end of {@code date},
     * with their remainders then: the open lots that did not change after the date as they are,
     * and every lot that changed after it recomputed from its movements up to the date.
     */
    private List<Lot> lotsAt(LocalDate date, String prefix) {
        long end = day(date);
        Set<LotId> changedLater = new HashSet<>();
        context.selectDistinct(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX).from(LOT_MOVEMENT)
                .where(LOT_MOVEMENT.EFFECTIVE_DATE.gt(end))
                .forEach(row -> changedLater.add(new LotId(row.value1(), Math.toIntExact(row.value2()))));
        List<Lot> lots = new ArrayList<>();
        context.selectFrom(LOT).where(LOT.REMAINING_MINOR.gt(inline(0L)).and(LOT.ACCOUNT.like(prefix + "%"))
                .and(LOT.CREATED_ON.le(end))).fetchLazy().forEach(row -> {
                    Lot lot = SqlTables.lot(row);
                    if (!changedLater.contains(lot.id())) {
                        lots.add(lot);
                    }
                });
        if (!changedLater.isEmpty()) {
            Map<LotId, Long> remainderAt = new HashMap<>();
            Map<LotId, Long> availableAt = new HashMap<>();
            // A lot is available from its creation or its latest restore: its latest movement that added money.
            org.jooq.Field<Long> lastAdded = org.jooq.impl.DSL.max(org.jooq.impl.DSL.when(
                    LOT_MOVEMENT.CHANGE_MINOR.gt(0L), LOT_MOVEMENT.EFFECTIVE_DATE));
            context.select(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX, sum(LOT_MOVEMENT.CHANGE_MINOR), lastAdded)
                    .from(LOT_MOVEMENT)
                    .where(LOT_MOVEMENT.EFFECTIVE_DATE.le(end))
                    .and(org.jooq.impl.DSL.row(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX).in(
                            context.selectDistinct(LOT_MOVEMENT.as("later").LOT_SEQUENCE,
                                    LOT_MOVEMENT.as("later").LOT_IDX).from(LOT_MOVEMENT.as("later"))
                                    .where(LOT_MOVEMENT.as("later").EFFECTIVE_DATE.gt(end))))
                    .groupBy(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX)
                    .forEach(row -> {
                        LotId id = new LotId(row.value1(), Math.toIntExact(row.value2()));
                        remainderAt.put(id, row.value3().longValueExact());
                        availableAt.put(id, row.value4());
                    });
            context.selectFrom(LOT).where(LOT.ACCOUNT.like(prefix + "%").and(LOT.CREATED_ON.le(end))
                    .and(org.jooq.impl.DSL.row(LOT.SEQUENCE, LOT.IDX).in(
                            context.selectDistinct(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX).from(LOT_MOVEMENT)
                                    .where(LOT_MOVEMENT.EFFECTIVE_DATE.gt(end)))))
                    .fetchLazy().forEach(row -> {
                        LotId id = new LotId(row.getSequence(), Math.toIntExact(row.getIdx()));
                        long remaining = remainderAt.getOrDefault(id, 0L);
                        if (remaining > 0) {
                            lots.add(withRemaining(row, remaining, availableAt.get(id)));
                        }
                    });
        }
        return lots;
    }

    private static Lot withRemaining(LotRecord row, long remainingMinor, Long availableFromDay) {
        Lot lot = SqlTables.lot(row);
        LocalDate availableFrom = availableFromDay == null ? lot.createdOn() : LocalDate.ofEpochDay(availableFromDay);
        return new Lot(lot.id(), lot.account(), lot.amount(), Money.ofMinor(lot.amount().getCurrencyUnit(),
                remainingMinor), lot.arrivalDate(), lot.clockStart(), availableFrom, lot.receipt(),
                lot.createdOn(), lot.origin());
    }

    private static final Comparator<Lot> TAKING_ORDER = Comparator.comparing(Lot::clockStart).thenComparing(Lot::id);

    @Override
    public void casesHoldingMoney(LocalDate date, Consumer<CaseMoney> visitor) {
        Map<CaseNumber, List<Lot>> byCase = new TreeMap<>();
        for (Lot lot : lotsAt(date, AccountKind.CASE.prefix() + ":")) {
            byCase.computeIfAbsent(lot.account().caseNumber(), key -> new ArrayList<>()).add(lot);
        }
        if (byCase.isEmpty()) {
            return;
        }
        Map<CaseNumber, String> handlers = handlers(date, byCase.keySet());
        Map<CaseNumber, List<Deferral>> deferrals = new HashMap<>();
        Set<String> holding = new HashSet<>();
        byCase.keySet().forEach(caseNumber -> holding.add(caseNumber.toString()));
        for (Deferral deferral : deferrals(date, holding::contains)) {
            deferrals.computeIfAbsent(deferral.caseNumber(), key -> new ArrayList<>()).add(deferral);
        }
        byCase.forEach((caseNumber, lots) -> {
            lots.sort(TAKING_ORDER);
            visitor.accept(new CaseMoney(caseNumber, handlers.get(caseNumber), lots,
                    deferrals.getOrDefault(caseNumber, List.of())));
        });
    }

    @Override
    public List<Lot> unidentifiedLots(LocalDate date) {
        List<Lot> lots = lotsAt(date, AccountKind.UNIDENTIFIED.prefix() + ":");
        lots.sort(Comparator.comparing(Lot::receipt).thenComparing(Lot::clockStart).thenComparing(Lot::id));
        return lots;
    }

    @Override
    public Optional<Receipt> receipt(String key) {
        return context.select(RECEIPT.BODY).from(RECEIPT).where(RECEIPT.RECEIPT_KEY.eq(key)).fetchOptional()
                .map(row -> SqlTables.decode(row.value1(), SqlTables.RECEIPT_TEXT, Receipt.class));
    }

    @Override
    public Optional<Lot> lot(LotId id) {
        return context.selectFrom(LOT).where(LOT.SEQUENCE.eq(id.sequence()).and(LOT.IDX.eq((long) id.index())))
                .fetchOptional().map(SqlTables::lot);
    }

    // ------------------------------------------------------------------ disbursements as of a date

    /** The status a change row gives a disbursement. */
    private static DisbursementRecord asChanged(DisbursementRecord current, Record change) {
        DisbursementRecord.Status status = DisbursementRecord.Status.valueOf(change.get(DISBURSEMENT_CHANGE.STATUS));
        Long finished = change.get(DISBURSEMENT_CHANGE.FINISHED_ON);
        return new DisbursementRecord(current.id(), current.kind(), current.source(), current.caseNumber(),
                current.receipt(), current.payee(), current.amount(), current.bankAccount(), current.issuedOn(),
                current.issueSequence(), status, Optional.ofNullable(finished).map(LocalDate::ofEpochDay),
                Optional.ofNullable(change.get(DISBURSEMENT_CHANGE.BANK_REFERENCE)), current.consumed(),
                LocalDate.ofEpochDay(change.get(DISBURSEMENT_CHANGE.CHANGED_ON)));
    }

    /**
     * The given disbursements as they stood at the end of {@code date}: the latest change dated on
     * or before it (a disbursement's changes are never dated before one another). {@code ofThem} picks
     * their changes: by their ids, or by the query that found them when they are many.
     */
    private Map<String, DisbursementRecord> standingAt(Map<String, DisbursementRecord> current,
            org.jooq.Condition ofThem, LocalDate date) {
        Map<String, DisbursementRecord> standing = new LinkedHashMap<>();
        if (current.isEmpty()) {
            return standing;
        }
        Map<String, Record> latest = new HashMap<>();
        context.select(DISBURSEMENT_CHANGE.ID, DISBURSEMENT_CHANGE.SEQUENCE, DISBURSEMENT_CHANGE.CHANGED_ON,
                        DISBURSEMENT_CHANGE.STATUS, DISBURSEMENT_CHANGE.FINISHED_ON, DISBURSEMENT_CHANGE.BANK_REFERENCE)
                .from(DISBURSEMENT_CHANGE)
                .where(ofThem.and(DISBURSEMENT_CHANGE.CHANGED_ON.le(day(date))))
                .orderBy(DISBURSEMENT_CHANGE.ID, DISBURSEMENT_CHANGE.SEQUENCE)
                .forEach(row -> latest.put(row.value1(), row));
        current.forEach((id, record) -> {
            Record change = latest.get(id);
            if (change != null) {
                standing.put(id, asChanged(record, change));
            }
        });
        return standing;
    }

    @Override
    public List<DisbursementRecord> inTransit(LocalDate date) {
        long end = day(date);
        // Only disbursements issued by the date matter, and they are few: those in transit then, or
        // finished then and reopened later. Those issued later (most of a long journal, seen from an
        // early date) would make the set and the query below grow with the journal, past SQLite's
        // statement length on a million events.
        var changedLaterIds = context.selectDistinct(DISBURSEMENT_CHANGE.ID).from(DISBURSEMENT_CHANGE)
                .join(DISBURSEMENT).on(DISBURSEMENT.ID.eq(DISBURSEMENT_CHANGE.ID))
                .where(DISBURSEMENT_CHANGE.CHANGED_ON.gt(end)).and(DISBURSEMENT.ISSUED_ON.le(end));
        Set<String> changedLater = new HashSet<>();
        changedLaterIds.forEach(row -> changedLater.add(row.value1()));
        List<DisbursementRecord> records = new ArrayList<>();
        context.select(DISBURSEMENT.ID, DISBURSEMENT.BODY).from(DISBURSEMENT)
                .where(DISBURSEMENT.STATUS.eq(inline("ISSUED")).and(DISBURSEMENT.ISSUED_ON.le(end))).fetchLazy()
                .forEach(row -> {
                    if (!changedLater.contains(row.value1())) {
                        records.add(decodeDisbursement(row.value2()));
                    }
                });
        if (!changedLater.isEmpty()) {
            Map<String, DisbursementRecord> current = new LinkedHashMap<>();
            context.select(DISBURSEMENT.ID, DISBURSEMENT.BODY).from(DISBURSEMENT)
                    .where(DISBURSEMENT.ID.in(changedLaterIds).and(DISBURSEMENT.ISSUED_ON.le(end)))
                    .forEach(row -> current.put(row.value1(), decodeDisbursement(row.value2())));
            var ofThem = DISBURSEMENT_CHANGE.ID.in(current.keySet());
            for (DisbursementRecord record : standingAt(current, ofThem, date).values()) {
                if (record.inTransit()) {
                    records.add(record);
                }
            }
        }
        records.sort(ISSUE_ORDER);
        return records;
    }

    private static final Comparator<DisbursementRecord> ISSUE_ORDER =
            Comparator.comparing(DisbursementRecord::issueSequence).thenComparing(DisbursementRecord::id);

    private static DisbursementRecord decodeDisbursement(byte[] body) {
        return SqlTables.decode(body, SqlTables.DISBURSEMENT_TEXT, DisbursementRecord.class);
    }

    @Override
    public void disbursements(LocalDate from, LocalDate to, Consumer<DisbursementRecord> sink) {
        long first = day(from);
        long last = day(to);
        Map<String, DisbursementRecord> current = new LinkedHashMap<>();
        // A disbursement's issue is its first change, dated the day it was issued: those issued in the
        // period are among those changed in it, found through the changes' index by day.
        var changedIn = context.selectDistinct(DISBURSEMENT_CHANGE.ID).from(DISBURSEMENT_CHANGE)
                .where(DISBURSEMENT_CHANGE.CHANGED_ON.between(first, last));
        context.select(DISBURSEMENT.ID, DISBURSEMENT.BODY).from(DISBURSEMENT)
                .where(DISBURSEMENT.ID.in(changedIn))
                .and(DISBURSEMENT.ISSUED_ON.le(last))
                .forEach(row -> current.put(row.value1(), decodeDisbursement(row.value2())));
        List<DisbursementRecord> records = new ArrayList<>();
        for (DisbursementRecord record : standingAt(current, DISBURSEMENT_CHANGE.ID.in(changedIn), to).values()) {
            if (ReportSource.issuedOrFinishedIn(record, from, to)) {
                records.add(record);
            }
        }
        records.sort(ISSUE_ORDER);
        records.forEach(sink);
    }

    // ------------------------------------------------------------------ deferrals, handlers, balances

    @Override
    public List<Deferral> deferrals(LocalDate date) {
        return deferrals(date, caseNumber -> true);
    }

    /**
     * The deferrals granted by the end of {@code date} of the cases whose number's text {@code ofCase}
     * accepts, as they stood then, in the order granted: only those are decoded.
     */
    private List<Deferral> deferrals(LocalDate date, java.util.function.Predicate<String> ofCase) {
        // Each deferral's last state by the date, found through the primary key (id, sequence), and the
        // sequence of its grant for the order.
        long end = day(date);
        var later = DEFERRAL_CHANGE.as("later");
        var first = DEFERRAL_CHANGE.as("first");
        List<Deferral> deferrals = new ArrayList<>();
        Map<String, Long> granted = new HashMap<>();
        context.select(DEFERRAL_CHANGE.BODY, org.jooq.impl.DSL.select(org.jooq.impl.DSL.min(first.SEQUENCE))
                        .from(first).where(first.ID.eq(DEFERRAL_CHANGE.ID)).asField("granted"), DEFERRAL.CASE_NUMBER)
                .from(DEFERRAL_CHANGE).leftJoin(DEFERRAL).on(DEFERRAL.ID.eq(DEFERRAL_CHANGE.ID))
                .where(DEFERRAL_CHANGE.CHANGED_ON.le(end))
                .and(DEFERRAL_CHANGE.SEQUENCE.eq(org.jooq.impl.DSL.select(org.jooq.impl.DSL.max(later.SEQUENCE))
                        .from(later).where(later.ID.eq(DEFERRAL_CHANGE.ID).and(later.CHANGED_ON.le(end)))))
                .forEach(row -> {
                    // The deferral's row names its case; a change without one is decoded to find it.
                    if (row.value3() != null && !ofCase.test(row.value3())) {
                        return;
                    }
                    Deferral deferral = SqlTables.decode(row.value1(), SqlTables.DEFERRAL_TEXT, Deferral.class);
                    if (row.value3() == null && !ofCase.test(deferral.caseNumber().toString())) {
                        return;
                    }
                    granted.put(deferral.id(), (Long) row.get("granted"));
                    deferrals.add(deferral);
                });
        deferrals.sort(Comparator.comparing((Deferral deferral) -> granted.get(deferral.id())));
        return deferrals;
    }

    @Override
    public Map<CaseNumber, String> handlers(LocalDate date) {
        Map<CaseNumber, String> handlers = new TreeMap<>();
        context.select(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.HANDLER).from(CASE_CHANGE)
                .where(CASE_CHANGE.CHANGED_ON.le(day(date))).orderBy(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.SEQUENCE)
                .fetchSize(1_000).fetchLazy()
                .forEach(row -> handlers.put(CaseNumber.parse(row.value1()), row.value2()));
        return handlers;
    }

    /**
     * How many values (case numbers, accounts) one query names: well under SQLite's and PostgreSQL's
     * limits on parameters.
     */
    private static final int NAMES_A_QUERY = 1_000;

    /**
     * The handlers of the named cases at the end of {@code date}. The history holds a row for the
     * opening and every hand-over, with the handler it made: the last row dated by the date is the
     * handler then (a payee confirmed later, even dated earlier, adds no row).
     */
    @Override
    public Map<CaseNumber, String> handlers(LocalDate date, java.util.Collection<CaseNumber> cases) {
        Map<String, CaseNumber> asked = new HashMap<>();
        cases.forEach(caseNumber -> asked.put(caseNumber.toString(), caseNumber));
        List<String> texts = new ArrayList<>(asked.keySet());
        Map<CaseNumber, String> handlers = new TreeMap<>();
        for (int start = 0; start < texts.size(); start += NAMES_A_QUERY) {
            List<String> some = texts.subList(start, Math.min(texts.size(), start + NAMES_A_QUERY));
            context.select(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.HANDLER).from(CASE_CHANGE)
                    .where(CASE_CHANGE.CASE_NUMBER.in(some).and(CASE_CHANGE.CHANGED_ON.le(day(date))))
                    .orderBy(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.SEQUENCE)
                    .forEach(row -> handlers.put(asked.get(row.value1()), row.value2()));
        }
        return handlers;
    }

    /**
     * Counted from the cases' current handlers, except for the cases with a row in their history
     * dated after {@code date} (opened or handed over later), whose handler then is read from their
     * history: on a recent date, a few.
     */
    @Override
    public SortedMap<String, Integer> casesPerHandler(LocalDate date) {
        var changedLater = context.selectDistinct(CASE_CHANGE.CASE_NUMBER).from(CASE_CHANGE)
                .where(CASE_CHANGE.CHANGED_ON.gt(day(date)));
        SortedMap<String, Integer> counts = new TreeMap<>();
        context.select(CASE_RECORD.HANDLER, org.jooq.impl.DSL.count()).from(CASE_RECORD)
                .where(CASE_RECORD.CASE_NUMBER.notIn(changedLater)).groupBy(CASE_RECORD.HANDLER)
                .forEach(row -> counts.merge(row.value1(), row.value2(), Integer::sum));
        Map<String, String> thenHandled = new HashMap<>();
        context.select(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.HANDLER).from(CASE_CHANGE)
                .where(CASE_CHANGE.CHANGED_ON.le(day(date)).and(CASE_CHANGE.CASE_NUMBER.in(changedLater)))
                .orderBy(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.SEQUENCE)
                .forEach(row -> thenHandled.put(row.value1(), row.value2()));
        thenHandled.values().forEach(handler -> counts.merge(handler, 1, Integer::sum));
        return counts;
    }

    @Override
    public SortedSet<CurrencyUnit> currencies(LocalDate date) {
        // Money enters through the bank accounts: a currency has postings by a date when one of them has.
        SortedSet<CurrencyUnit> currencies = new TreeSet<>();
        context.selectDistinct(DAILY_CHANGE.CURRENCY).from(DAILY_CHANGE)
                .where(DAILY_CHANGE.ACCOUNT.like(inline(AccountKind.BANK.prefix() + ":%"))
                        .and(DAILY_CHANGE.DAY.le(day(date))))
                .forEach(row -> currencies.add(CurrencyUnit.of(row.value1())));
        return currencies;
    }

    @Override
    public List<AccountBalance> balances(LocalDate date) {
        Map<AccountId, Map<CurrencyUnit, long[]>> figures = new TreeMap<>();
        context.select(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY, sum(DAILY_CHANGE.CHANGE_MINOR))
                .from(DAILY_CHANGE).where(DAILY_CHANGE.DAY.le(day(date)))
                .groupBy(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY)
                .forEach(row -> figures.computeIfAbsent(AccountId.parse(row.value1()), key -> new TreeMap<>())
                        .put(CurrencyUnit.of(row.value2()), new long[] {row.value3().longValueExact(), 0}));
        for (DisbursementRecord record : inTransit(date)) {
            CurrencyUnit currency = record.amount().getCurrencyUnit();
            long amount = record.amount().getAmountMinorLong();
            for (AccountId account : List.of(record.source(), AccountId.bank(record.bankAccount()))) {
                figures.computeIfAbsent(account, key -> new TreeMap<>())
                        .computeIfAbsent(currency, key -> new long[2])[1] += amount;
            }
        }
        List<AccountBalance> balances = new ArrayList<>();
        figures.forEach((account, currencies) -> currencies.forEach((currency, each) -> {
            Money posted = Money.ofMinor(currency, each[0]);
            Money pending = Money.ofMinor(currency, each[1]);
            balances.add(new AccountBalance(account, posted, pending,
                    account.kind() == AccountKind.BANK ? posted.minus(pending) : posted));
        }));
        return balances;
    }

    /**
     * Added up in the database: each account's balance now less its changes dated after the date
     * (on a recent date, a few), then by kind of account (told by the account's prefix) and currency;
     * only the accounts with money in transit are read one by one, for their pending figures.
     */
    @Override
    public List<KindTotal> totalsByKind(LocalDate date) {
        long end = day(date);
        var later = context.select(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY,
                        sum(DAILY_CHANGE.CHANGE_MINOR).as("later"))
                .from(DAILY_CHANGE).where(DAILY_CHANGE.DAY.gt(end))
                .groupBy(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY).asTable("later");
        org.jooq.Field<java.math.BigDecimal> postedThen = BALANCE.POSTED_MINOR.cast(java.math.BigDecimal.class)
                .minus(org.jooq.impl.DSL.coalesce(later.field("later", java.math.BigDecimal.class),
                        java.math.BigDecimal.ZERO));
        // Cases' accounts are nearly all of them: their kind is told first.
        org.jooq.CaseConditionStep<String> kind = org.jooq.impl.DSL.when(ofKind(BALANCE.ACCOUNT, AccountKind.CASE),
                inline(AccountKind.CASE.name()));
        for (AccountKind each : AccountKind.values()) {
            if (each != AccountKind.CASE) {
                kind = kind.when(ofKind(BALANCE.ACCOUNT, each), inline(each.name()));
            }
        }
        org.jooq.Field<String> kindOf = kind.as("kind");
        // kind -> currency -> {posted, pending, holding}
        Map<AccountKind, Map<CurrencyUnit, long[]>> totals = new TreeMap<>();
        context.select(kindOf, BALANCE.CURRENCY, sum(postedThen), sum(org.jooq.impl.DSL.when(
                        postedThen.gt(java.math.BigDecimal.ZERO), inline(1)).otherwise(inline(0))))
                .from(BALANCE).leftJoin(later).on(later.field(DAILY_CHANGE.ACCOUNT).eq(BALANCE.ACCOUNT)
                        .and(later.field(DAILY_CHANGE.CURRENCY).eq(BALANCE.CURRENCY)))
                .groupBy(kindOf, BALANCE.CURRENCY)
                .forEach(row -> {
                    AccountKind ofKind = AccountKind.valueOf(row.value1());
                    long posted = row.value3().longValueExact();
                    long holding = row.value4().longValueExact();
                    // Every account there is now: one whose changes are all dated later did not exist then.
                    if (posted != 0 || holding != 0 || existed(ofKind, row.value2(), end)) {
                        totals.computeIfAbsent(ofKind, key -> new TreeMap<>())
                                .put(CurrencyUnit.of(row.value2()), new long[] {posted, 0, holding});
                    }
                });
        // Money in transit is pending on the account it was taken from and on the paying bank account;
        // an account whose posted balance is nothing then holds money through it alone.
        Map<Key, Long> pending = new LinkedHashMap<>();
        for (DisbursementRecord record : inTransit(date)) {
            CurrencyUnit unit = record.amount().getCurrencyUnit();
            for (AccountId each : List.of(record.source(), AccountId.bank(record.bankAccount()))) {
                pending.merge(new Key(each, unit), record.amount().getAmountMinorLong(), Long::sum);
            }
        }
        Set<Key> postedAbove = postedAboveZero(date, pending.keySet());
        pending.forEach((key, minor) -> {
            long[] figures = totals.computeIfAbsent(key.account().kind(), each -> new TreeMap<>())
                    .computeIfAbsent(key.currency(), each -> new long[3]);
            figures[1] += minor;
            if (minor > 0 && !postedAbove.contains(key)) {
                figures[2]++;
            }
        });
        List<KindTotal> list = new ArrayList<>();
        totals.forEach((each, byCurrency) -> byCurrency.forEach((unit, figures) -> list.add(new KindTotal(each,
                Money.ofMinor(unit, figures[0]), Money.ofMinor(unit, figures[1]), Math.toIntExact(figures[2])))));
        return list;
    }

    /** Whether an account of {@code kind} had a change in {@code currency} dated on or before {@code end}. */
    private boolean existed(AccountKind kind, String currency, long end) {
        return context.fetchExists(context.selectOne().from(DAILY_CHANGE).where(ofKind(DAILY_CHANGE.ACCOUNT, kind)
                .and(DAILY_CHANGE.CURRENCY.eq(currency)).and(DAILY_CHANGE.DAY.le(end))));
    }

    /** Whether {@code account} (an account's text) is an account of {@code kind}. */
    private static org.jooq.Condition ofKind(org.jooq.Field<String> account, AccountKind kind) {
        return kind.keyed() ? account.like(inline(kind.prefix() + ":%")) : account.eq(inline(kind.prefix()));
    }

    /** An account in one currency. */
    private record Key(AccountId account, CurrencyUnit currency) {
    }

    /** Those of {@code keys} whose posted balance at the end of {@code date} is above zero. */
    private Set<Key> postedAboveZero(LocalDate date, Set<Key> keys) {
        Set<Key> above = new HashSet<>();
        List<String> accounts = keys.stream().map(key -> key.account().toString()).distinct()
                .collect(java.util.stream.Collectors.toList());
        for (int start = 0; start < accounts.size(); start += NAMES_A_QUERY) {
            context.select(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY).from(DAILY_CHANGE)
                    .where(DAILY_CHANGE.ACCOUNT.in(accounts.subList(start, Math.min(accounts.size(),
                            start + NAMES_A_QUERY))).and(DAILY_CHANGE.DAY.le(day(date))))
                    .groupBy(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY)
                    .having(sum(DAILY_CHANGE.CHANGE_MINOR).gt(java.math.BigDecimal.ZERO))
                    .forEach(row -> above.add(new Key(AccountId.parse(row.value1()), CurrencyUnit.of(row.value2()))));
        }
        return above;
    }

    // ------------------------------------------------------------------ movements of a period

    /** The sequences of events reversed by a reversal dated on or before {@code date}. */
    private Set<Long> reversedBy(LocalDate date) {
        Set<Long> reversed = new HashSet<>();
        context.select(REVERSAL.REVERSED_SEQUENCE).from(REVERSAL).join(EVENT)
                .on(EVENT.SEQUENCE.eq(REVERSAL.BY_SEQUENCE)).where(EVENT.EFFECTIVE_DATE.le(day(date)))
                .forEach(row -> reversed.add(row.value1()));
        return reversed;
    }

    @Override
    public void receipts(LocalDate from, LocalDate to, Consumer<Receipt> sink) {
        Set<Long> reversed = reversedBy(to);
        context.select(RECEIPT.SEQUENCE, RECEIPT.BODY).from(RECEIPT)
                .where(RECEIPT.VALUE_DATE.between(day(from), day(to))).orderBy(RECEIPT.SEQUENCE).fetchLazy()
                .forEach((Record2<Long, byte[]> row) -> {
                    Receipt receipt = SqlTables.decode(row.value2(), SqlTables.RECEIPT_TEXT, Receipt.class);
                    sink.accept(new Receipt(receipt.key(), receipt.sequence(), receipt.valueDate(), receipt.details(),
                            reversed.contains(row.value1())));
                });
    }

    @Override
    public void lotsCreated(LocalDate from, LocalDate to, Consumer<CreatedLot> sink) {
        Set<Long> reversed = reversedBy(to);
        context.selectFrom(LOT).where(LOT.CREATED_ON.between(day(from), day(to))).orderBy(LOT.SEQUENCE, LOT.IDX)
                .fetchLazy().forEach(row -> sink.accept(new CreatedLot(SqlTables.lot(row),
                        reversed.contains(row.getSequence()))));
    }
}
