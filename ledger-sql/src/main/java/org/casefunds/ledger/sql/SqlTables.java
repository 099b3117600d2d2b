package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.BALANCE;
import static org.casefunds.ledger.sql.schema.Tables.BANK_ACCOUNT;
import static org.casefunds.ledger.sql.schema.Tables.CASE_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.CASE_RECORD;
import static org.casefunds.ledger.sql.schema.Tables.DAILY_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.COURT_RULE;
import static org.casefunds.ledger.sql.schema.Tables.STAFF_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.casefunds.ledger.sql.schema.Tables.LOT;
import static org.casefunds.ledger.sql.schema.Tables.LOT_MOVEMENT;
import static org.casefunds.ledger.sql.schema.Tables.RECEIPT;
import static org.casefunds.ledger.sql.schema.Tables.REVERSAL;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.cases.CaseNumber;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotId;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.sql.schema.tables.records.LotRecord;
import org.casefunds.ledger.state.BankAccount;
import org.casefunds.ledger.state.CaseRecord;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.LedgerMeta;
import org.casefunds.ledger.state.Lot;
import org.casefunds.ledger.state.Receipt;
import org.casefunds.ledger.state.StateTables;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The state's tables in a database: the projections of docs/design.md §7, read and written in the
 * transaction of the write that uses them. Records that are looked up whole (cases, receipts,
 * disbursements, deferrals, bank accounts) are stored as their canonical text beside the columns
 * that queries and reports use; lots are plain columns.
 *
 * <p>Balances, pending amounts, lot totals, daily changes and the ledger's meta row are summed in
 * memory during the transaction and written once by {@link #flush()}: a batch that touches the
 * bank account ten thousand times writes its row once.
 */
final class SqlTables implements StateTables {
    static final String CASE = "casefunds-case v1";
    static final String RECEIPT_TEXT = "casefunds-receipt v1";
    static final String DISBURSEMENT_TEXT = "casefunds-disbursement v1";
    static final String DEFERRAL_TEXT = "casefunds-deferral v1";
    private static final String BANK = "casefunds-bank-account v1";

    private final Statements statements;
    private long eventSequence;
    private long eventDay;
    private LedgerMeta meta;
    private CourtRules courtRules;
    private StaffRegister staffRegister;
    private boolean metaChanged;
    private final Map<Key, long[]> balanceDeltas = new LinkedHashMap<>();
    private final Map<Key, NavigableMap<Long, Long>> dailyDeltas = new HashMap<>();
    // What this transaction has read, so that a batch does not read the same row once per command.
    // The tables are made for one transaction (or one read), so nothing here outlives what it read.
    private final Map<Key, long[]> storedFigures = new HashMap<>();
    private final Map<String, Optional<BankAccount>> bankAccounts = new HashMap<>();
    private final Map<CaseNumber, Optional<CaseRecord>> caseRecords = new HashMap<>();
    /** The most case records a transaction keeps read. */
    private static final int CASES_CACHED_MAX = 10_000;

    /** An account and a currency. */
    private record Key(String account, String currency) {
    }

    private final boolean caching;

    /** Tables of one write transaction, which keep what they read until it ends. */
    static SqlTables ofTransaction(Statements statements) {
        return new SqlTables(statements, true);
    }

    /** Tables that read the database at every call, for a view that may live across writes. */
    static SqlTables live(Statements statements) {
        return new SqlTables(statements, false);
    }

    private SqlTables(Statements statements, boolean caching) {
        this.statements = statements;
        this.caching = caching;
    }

    static long day(LocalDate date) {
        return date.toEpochDay();
    }

    static LocalDate date(Long day) {
        return day == null ? null : LocalDate.ofEpochDay(day);
    }

    @Override
    public void applying(Event event) {
        eventSequence = event.sequence();
        eventDay = day(event.effectiveDate());
    }

    // ------------------------------------------------------------------ meta

    @Override
    public LedgerMeta meta() {
        if (meta == null) {
            meta = statements.get("meta", context -> context.select(LEDGER_INFO.COURT_CODE, LEDGER_INFO.COURT_NAME,
                    LEDGER_INFO.OPENED_ON, LEDGER_INFO.LAST_SEQUENCE, LEDGER_INFO.LAST_HASH, LEDGER_INFO.CLOSED_THROUGH)
                    .from(LEDGER_INFO).where(LEDGER_INFO.ID.eq(inline(1L))))
                    .fetchOptional(row -> new LedgerMeta(Optional.ofNullable(row.getString(1)),
                            Optional.ofNullable(row.getString(2)), Optional.ofNullable(date(nullableLong(row, 3))),
                            row.getLong(4), row.getString(5), Optional.ofNullable(date(nullableLong(row, 6)))))
                    .orElseThrow(() -> new IllegalStateException("the ledger_info row is missing"));
        }
        return meta;
    }

    @Override
    public void meta(LedgerMeta value) {
        meta = value;
        metaChanged = true;
    }

    // ------------------------------------------------------------------ the court's timeline

    /** The header of an adoption's canonical text in {@code court_rule.body}. */
    static final String COURT_RULE_TEXT = "casefunds-court-rule v1";

    @Override
    public CourtRules courtRules() {
        if (courtRules == null || !caching) {
            courtRules = readCourtRules(statements.context(), null);
        }
        return courtRules;
    }

    /** The adoptions effective on or before {@code date} (all of them when null), in journal order. */
    static CourtRules readCourtRules(org.jooq.DSLContext context, LocalDate date) {
        CourtRules rules = CourtRules.none();
        var query = context.select(COURT_RULE.KIND, COURT_RULE.BODY).from(COURT_RULE);
        var rows = date == null ? query.orderBy(COURT_RULE.SEQUENCE).fetch()
                : query.where(COURT_RULE.EFFECTIVE_DATE.le(day(date))).orderBy(COURT_RULE.SEQUENCE).fetch();
        for (var row : rows) {
            if (CALENDAR_YEAR.equals(row.value1())) {
                rules = rules.with(decode(row.value2(), COURT_RULE_TEXT, CourtRules.AdoptedYear.class));
            } else {
                rules = rules.with(decode(row.value2(), COURT_RULE_TEXT, CourtRules.AdoptedPolicy.class));
            }
        }
        return rules;
    }

    static final String CALENDAR_YEAR = "CALENDAR_YEAR";
    static final String POLICY = "POLICY";

    @Override
    public void adopt(CourtRules.AdoptedYear adopted) {
        insertCourtRule(adopted.sequence(), CALENDAR_YEAR, adopted.adoptedOn(), encode(COURT_RULE_TEXT, adopted));
        courtRules = courtRules().with(adopted);
    }

    @Override
    public void adopt(CourtRules.AdoptedPolicy adopted) {
        insertCourtRule(adopted.sequence(), POLICY, adopted.from(), encode(COURT_RULE_TEXT, adopted));
        courtRules = courtRules().with(adopted);
    }

    private void insertCourtRule(long sequence, String kind, LocalDate effectiveDate, byte[] body) {
        courtRules();
        statements.context().insertInto(COURT_RULE, COURT_RULE.SEQUENCE, COURT_RULE.KIND, COURT_RULE.EFFECTIVE_DATE,
                COURT_RULE.BODY).values(sequence, kind, day(effectiveDate), body).execute();
    }

    // ------------------------------------------------------------------ the staff register

    /** The header of a register change's canonical text in {@code staff_change.body}. */
    static final String STAFF_CHANGE_TEXT = "casefunds-staff-change v1";

    @Override
    public StaffRegister staffRegister() {
        if (staffRegister == null || !caching) {
            staffRegister = readStaffRegister(statements.context(), null);
        }
        return staffRegister;
    }

    /** The changes of the staff register effective on or before {@code date} (all when null), folded in journal order. */
    static StaffRegister readStaffRegister(org.jooq.DSLContext context, LocalDate date) {
        List<StaffChange> changes = new ArrayList<>();
        var query = context.select(STAFF_CHANGE.KIND, STAFF_CHANGE.BODY).from(STAFF_CHANGE);
        var rows = date == null ? query.orderBy(STAFF_CHANGE.SEQUENCE, STAFF_CHANGE.POSITION).fetch()
                : query.where(STAFF_CHANGE.EFFECTIVE_DATE.le(day(date)))
                        .orderBy(STAFF_CHANGE.SEQUENCE, STAFF_CHANGE.POSITION).fetch();
        for (var row : rows) {
            changes.add((StaffChange) decode(row.value2(), STAFF_CHANGE_TEXT, staffChangeType(row.value1())));
        }
        return StaffRegister.of(changes);
    }

    /** The {@code staff_change.kind} of {@code change}. */
    static String staffChangeKind(StaffChange change) {
        if (change instanceof StaffChange.Registered) {
            return "REGISTERED";
        }
        return change instanceof StaffChange.Granted ? "GRANTED" : "REVOKED";
    }

    private static Class<? extends Record> staffChangeType(String kind) {
        switch (kind) {
            case "REGISTERED":
                return StaffChange.Registered.class;
            case "GRANTED":
                return StaffChange.Granted.class;
            default:
                return StaffChange.Revoked.class;
        }
    }

    @Override
    public void recordStaff(StaffChange change) {
        StaffRegister before = staffRegister();
        int position = (int) before.changes().stream().filter(earlier -> earlier.sequence() == change.sequence())
                .count();
        statements.context().insertInto(STAFF_CHANGE, STAFF_CHANGE.SEQUENCE, STAFF_CHANGE.POSITION, STAFF_CHANGE.KIND,
                STAFF_CHANGE.EFFECTIVE_DATE, STAFF_CHANGE.BODY).values(change.sequence(), (long) position,
                        staffChangeKind(change), day(change.effectiveDate()), encode(STAFF_CHANGE_TEXT, (Record) change))
                .execute();
        staffRegister = before.with(change);
    }

    // ------------------------------------------------------------------ bank accounts

    @Override
    public Optional<BankAccount> bankAccount(String number) {
        return caching ? bankAccounts.computeIfAbsent(number, this::readBankAccount) : readBankAccount(number);
    }

    private Optional<BankAccount> readBankAccount(String number) {
        return statements.get("bank", context -> context.select(BANK_ACCOUNT.BODY).from(BANK_ACCOUNT)
                .where(BANK_ACCOUNT.NUMBER.eq(param("number", String.class))))
                .bind("number", number).fetchOptional(Statements::bytes).map(body -> decode(body, BANK, BankAccount.class));
    }

    @Override
    public List<BankAccount> bankAccounts() {
        List<BankAccount> accounts = new ArrayList<>();
        statements.context().select(BANK_ACCOUNT.BODY).from(BANK_ACCOUNT).orderBy(BANK_ACCOUNT.POSITION)
                .forEach(row -> accounts.add(decode(row.value1(), BANK, BankAccount.class)));
        return accounts;
    }

    @Override
    public void putBankAccount(BankAccount account) {
        if (caching) {
            bankAccounts.put(account.number(), Optional.of(account));
        }
        statements.context().insertInto(BANK_ACCOUNT, BANK_ACCOUNT.NUMBER, BANK_ACCOUNT.POSITION,
                BANK_ACCOUNT.CURRENCY, BANK_ACCOUNT.REGISTERED_ON, BANK_ACCOUNT.RETIRED, BANK_ACCOUNT.BODY)
                .values(inline(account.number()), select(coalesce(max(BANK_ACCOUNT.POSITION), inline(0L)).plus(1))
                        .from(BANK_ACCOUNT).asField(), inline(account.currency().getCode()),
                        inline(day(account.registeredOn())), inline(account.retired() ? 1L : 0L),
                        inline(encode(BANK, account)))
                .onConflict(BANK_ACCOUNT.NUMBER).doUpdate()
                .set(BANK_ACCOUNT.RETIRED, account.retired() ? 1L : 0L)
                .set(BANK_ACCOUNT.BODY, encode(BANK, account)).execute();
    }

    // ------------------------------------------------------------------ cases

    @Override
    public Optional<CaseRecord> caseRecord(CaseNumber caseNumber) {
        if (!caching) {
            return readCaseRecord(caseNumber);
        }
        Optional<CaseRecord> known = caseRecords.get(caseNumber);
        if (known != null) {
            return known;
        }
        Optional<CaseRecord> found = readCaseRecord(caseNumber);
        if (caseRecords.size() >= CASES_CACHED_MAX) {
            caseRecords.clear();
        }
        caseRecords.put(caseNumber, found);
        return found;
    }

    private Optional<CaseRecord> readCaseRecord(CaseNumber caseNumber) {
        return statements.get("case", context -> context.select(CASE_RECORD.BODY).from(CASE_RECORD)
                .where(CASE_RECORD.CASE_NUMBER.eq(param("number", String.class))))
                .bind("number", caseNumber.toString()).fetchOptional(Statements::bytes)
                .map(body -> decode(body, CASE, CaseRecord.class));
    }

    @Override
    public Optional<CaseNumber> caseBySubAccount(String subAccountNumber) {
        return statements.get("caseBySubAccount", context -> context.select(CASE_RECORD.CASE_NUMBER)
                .from(CASE_RECORD).where(CASE_RECORD.SUB_ACCOUNT.eq(param("sub", String.class))))
                .bind("sub", subAccountNumber).fetchOptional(Statements::text).map(CaseNumber::parse);
    }

    @Override
    public Collection<CaseRecord> cases() {
        List<CaseRecord> cases = new ArrayList<>();
        statements.context().select(CASE_RECORD.BODY).from(CASE_RECORD).fetchLazy()
                .forEach(row -> cases.add(decode(row.value1(), CASE, CaseRecord.class)));
        cases.sort((a, b) -> a.caseNumber().compareTo(b.caseNumber()));
        return cases;
    }

    @Override
    public void putCase(CaseRecord record) {
        // The history keeps the handler from each opening and hand-over on: a payee confirmed later,
        // even dated earlier, changes no one's handler on any date.
        boolean newHandler = caseRecord(record.caseNumber()).map(before -> !before.handler().equals(record.handler()))
                .orElse(true);
        if (caching) {
            caseRecords.put(record.caseNumber(), Optional.of(record));
        }
        byte[] body = encode(CASE, record);
        statements.get("putCase", context -> context.insertInto(CASE_RECORD, CASE_RECORD.CASE_NUMBER,
                CASE_RECORD.SUB_ACCOUNT, CASE_RECORD.HANDLER, CASE_RECORD.BODY)
                .values(param("number", String.class), param("sub", String.class), param("handler", String.class),
                        param("body", byte[].class))
                .onConflict(CASE_RECORD.CASE_NUMBER).doUpdate()
                .set(CASE_RECORD.HANDLER, org.jooq.impl.DSL.excluded(CASE_RECORD.HANDLER))
                .set(CASE_RECORD.BODY, org.jooq.impl.DSL.excluded(CASE_RECORD.BODY)))
                .bind("number", record.caseNumber().toString()).bind("sub", record.subAccountNumber())
                .bind("handler", record.handler()).bind("body", body)
                .execute();
        if (!newHandler) {
            return;
        }
        statements.get("caseChange", context -> context.insertInto(CASE_CHANGE, CASE_CHANGE.CASE_NUMBER,
                CASE_CHANGE.SEQUENCE, CASE_CHANGE.CHANGED_ON, CASE_CHANGE.HANDLER)
                .values(param("number", String.class), param("sequence", Long.class), param("day", Long.class),
                        param("handler", String.class))
                .onConflict(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.SEQUENCE).doUpdate()
                .set(CASE_CHANGE.HANDLER, org.jooq.impl.DSL.excluded(CASE_CHANGE.HANDLER)))
                .bind("number", record.caseNumber().toString()).bind("sequence", eventSequence).bind("day", eventDay)
                .bind("handler", record.handler()).execute();
    }

    // ------------------------------------------------------------------ receipts

    @Override
    public Optional<Receipt> receipt(String key) {
        return statements.get("receipt", context -> context.select(RECEIPT.BODY).from(RECEIPT)
                .where(RECEIPT.RECEIPT_KEY.eq(param("key", String.class))))
                .bind("key", key).fetchOptional(Statements::bytes).map(body -> decode(body, RECEIPT_TEXT, Receipt.class));
    }

    @Override
    public Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference) {
        return statements.get("receiptByReference", context -> context.select(RECEIPT.BODY).from(RECEIPT)
                .where(RECEIPT.BANK_ACCOUNT.eq(param("account", String.class))
                        .and(RECEIPT.BANK_REFERENCE.eq(param("reference", String.class)))
                        .and(RECEIPT.REVERSED.eq(inline(0L)))))
                .bind("account", bankAccount).bind("reference", bankReference).fetchOptional(Statements::bytes)
                .map(body -> decode(body, RECEIPT_TEXT, Receipt.class));
    }

    @Override
    public Collection<Receipt> receipts() {
        List<Receipt> receipts = new ArrayList<>();
        statements.context().select(RECEIPT.BODY).from(RECEIPT).fetchLazy()
                .forEach(row -> receipts.add(decode(row.value1(), RECEIPT_TEXT, Receipt.class)));
        return receipts;
    }

    @Override
    public void putReceipt(Receipt receipt) {
        byte[] body = encode(RECEIPT_TEXT, receipt);
        statements.get("putReceipt", context -> context.insertInto(RECEIPT, RECEIPT.RECEIPT_KEY, RECEIPT.SEQUENCE,
                RECEIPT.BANK_ACCOUNT, RECEIPT.BANK_REFERENCE, RECEIPT.VALUE_DATE, RECEIPT.REVERSED, RECEIPT.BODY)
                .values(param("key", String.class), param("sequence", Long.class), param("account", String.class),
                        param("reference", String.class), param("day", Long.class), param("reversed", Long.class),
                        param("body", byte[].class))
                .onConflict(RECEIPT.RECEIPT_KEY).doUpdate()
                .set(RECEIPT.REVERSED, org.jooq.impl.DSL.excluded(RECEIPT.REVERSED))
                .set(RECEIPT.BODY, org.jooq.impl.DSL.excluded(RECEIPT.BODY)))
                .bind("key", receipt.key()).bind("sequence", receipt.sequence())
                .bind("account", receipt.details().bankAccount()).bind("reference", receipt.details().bankReference())
                .bind("day", day(receipt.valueDate())).bind("reversed", receipt.reversed() ? 1L : 0L).bind("body", body)
                .execute();
    }

    // ------------------------------------------------------------------ lots

    @Override
    public Optional<Lot> lot(LotId id) {
        return statements.get("lot", context -> context.selectFrom(LOT)
                .where(LOT.SEQUENCE.eq(param("sequence", Long.class)).and(LOT.IDX.eq(param("idx", Long.class)))))
                .bind("sequence", id.sequence()).bind("idx", (long) id.index()).fetchOptional(SqlTables::lot);
    }

    /** A lot from a row of {@code select * from lot}, read by column name. */
    static Lot lot(java.sql.ResultSet row) throws java.sql.SQLException {
        CurrencyUnit currency = CurrencyUnit.of(row.getString("currency"));
        return new Lot(new LotId(row.getLong("sequence"), Math.toIntExact(row.getLong("idx"))),
                AccountId.parse(row.getString("account")), Money.ofMinor(currency, row.getLong("amount_minor")),
                Money.ofMinor(currency, row.getLong("remaining_minor")), LocalDate.ofEpochDay(row.getLong("arrival_date")),
                LocalDate.ofEpochDay(row.getLong("clock_start")), LocalDate.ofEpochDay(row.getLong("available_from")),
                row.getString("receipt_key"), LocalDate.ofEpochDay(row.getLong("created_on")),
                Lot.Origin.valueOf(row.getString("origin")));
    }

    private static Long nullableLong(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Lot lot(LotRecord row) {
        CurrencyUnit currency = CurrencyUnit.of(row.getCurrency());
        return new Lot(new LotId(row.getSequence(), Math.toIntExact(row.getIdx())), AccountId.parse(row.getAccount()),
                Money.ofMinor(currency, row.getAmountMinor()), Money.ofMinor(currency, row.getRemainingMinor()),
                date(row.getArrivalDate()), date(row.getClockStart()), date(row.getAvailableFrom()),
                row.getReceiptKey(), date(row.getCreatedOn()), Lot.Origin.valueOf(row.getOrigin()));
    }

    @Override
    public List<Lot> openLots(AccountId account, CurrencyUnit currency) {
        List<Lot> lots = new ArrayList<>();
        statements.get("openLots", context -> context.selectFrom(LOT)
                .where(LOT.ACCOUNT.eq(param("account", String.class)).and(LOT.CURRENCY.eq(param("currency",
                        String.class))).and(LOT.REMAINING_MINOR.gt(inline(0L))))
                .orderBy(LOT.CLOCK_START, LOT.SEQUENCE, LOT.IDX))
                .bind("account", account.toString()).bind("currency", currency.getCode())
                .forEach(SqlTables::lot, lots::add);
        return lots;
    }

    @Override
    public List<Lot> openLotsOfReceipt(String receiptKey) {
        List<Lot> lots = new ArrayList<>();
        statements.get("openLotsOfReceipt", context -> context.selectFrom(LOT)
                .where(LOT.RECEIPT_KEY.eq(param("receipt", String.class)).and(LOT.REMAINING_MINOR.gt(inline(0L)))
                        .and(LOT.ACCOUNT.like(inline(AccountKind.UNIDENTIFIED.prefix() + ":%"))))
                .orderBy(LOT.CLOCK_START, LOT.SEQUENCE, LOT.IDX))
                .bind("receipt", receiptKey).forEach(SqlTables::lot, lots::add);
        return lots;
    }

    @Override
    public Collection<Lot> lots() {
        List<Lot> lots = new ArrayList<>();
        statements.context().selectFrom(LOT).fetchLazy().forEach(row -> lots.add(lot(row)));
        return lots;
    }

    @Override
    public void createLot(Lot lot) {
        // A plain insert: the primary key refuses a second lot with the same id.
        bindLot(statements.get("createLot", context -> context.insertInto(LOT, LOT_COLUMNS).values(lotValues())),
                lot).execute();
        recordLotMovement(lot, lot.remaining().getAmountMinorLong());
    }

    @Override
    public void putLot(Lot lot, long remainingChangeMinor) {
        bindLot(statements.get("putLot", context -> context.insertInto(LOT, LOT_COLUMNS).values(lotValues())
                .onConflict(LOT.SEQUENCE, LOT.IDX).doUpdate()
                .set(LOT.REMAINING_MINOR, org.jooq.impl.DSL.excluded(LOT.REMAINING_MINOR))
                .set(LOT.AVAILABLE_FROM, org.jooq.impl.DSL.excluded(LOT.AVAILABLE_FROM))), lot).execute();
        recordLotMovement(lot, remainingChangeMinor);
    }

    private static final List<org.jooq.Field<?>> LOT_COLUMNS = List.of(LOT.SEQUENCE, LOT.IDX, LOT.ACCOUNT,
            LOT.CURRENCY, LOT.AMOUNT_MINOR, LOT.REMAINING_MINOR, LOT.ARRIVAL_DATE, LOT.CLOCK_START,
            LOT.AVAILABLE_FROM, LOT.RECEIPT_KEY, LOT.CREATED_ON, LOT.ORIGIN);

    private static List<org.jooq.Field<?>> lotValues() {
        return List.of(param("sequence", Long.class), param("idx", Long.class), param("account", String.class),
                param("currency", String.class), param("amount", Long.class), param("remaining", Long.class),
                param("arrival", Long.class), param("clock", Long.class), param("available", Long.class),
                param("receipt", String.class), param("created", Long.class), param("origin", String.class));
    }

    private static Statements.Bound bindLot(Statements.Bound statement, Lot lot) {
        return statement.bind("sequence", lot.id().sequence()).bind("idx", (long) lot.id().index())
                .bind("account", lot.account().toString()).bind("currency", lot.amount().getCurrencyUnit().getCode())
                .bind("amount", lot.amount().getAmountMinorLong()).bind("remaining", lot.remaining().getAmountMinorLong())
                .bind("arrival", day(lot.arrivalDate())).bind("clock", day(lot.clockStart()))
                .bind("available", day(lot.availableFrom())).bind("receipt", lot.receipt())
                .bind("created", day(lot.createdOn())).bind("origin", lot.origin().name());
    }

    /** Sums the lot's change into its account's lot total and keeps it in the lot's history. */
    private void recordLotMovement(Lot lot, long remainingChangeMinor) {
        delta(lot.account(), lot.amount().getCurrencyUnit())[2] += remainingChangeMinor;
        statements.get("lotMovement", context -> context.insertInto(LOT_MOVEMENT, LOT_MOVEMENT.LOT_SEQUENCE,
                LOT_MOVEMENT.LOT_IDX, LOT_MOVEMENT.SEQUENCE, LOT_MOVEMENT.EFFECTIVE_DATE, LOT_MOVEMENT.CHANGE_MINOR)
                .values(param("lot", Long.class), param("idx", Long.class), param("sequence", Long.class),
                        param("day", Long.class), param("change", Long.class))
                .onConflict(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX, LOT_MOVEMENT.SEQUENCE).doUpdate()
                .set(LOT_MOVEMENT.CHANGE_MINOR, LOT_MOVEMENT.CHANGE_MINOR.plus(
                        org.jooq.impl.DSL.excluded(LOT_MOVEMENT.CHANGE_MINOR))))
                .bind("lot", lot.id().sequence()).bind("idx", (long) lot.id().index()).bind("sequence", eventSequence)
                .bind("day", eventDay).bind("change", remainingChangeMinor).execute();
    }

    // ------------------------------------------------------------------ money

    private long[] delta(AccountId account, CurrencyUnit currency) {
        return balanceDeltas.computeIfAbsent(new Key(account.toString(), currency.getCode()), key -> new long[3]);
    }

    /** posted, pending, lot total as stored, before this transaction's changes. */
    private long[] stored(AccountId account, CurrencyUnit currency) {
        if (!caching) {
            return readStored(account, currency);
        }
        return storedFigures.computeIfAbsent(new Key(account.toString(), currency.getCode()),
                key -> readStored(account, currency));
    }

    private long[] readStored(AccountId account, CurrencyUnit currency) {
        return statements.get("balance", context -> context
                .select(BALANCE.POSTED_MINOR, BALANCE.PENDING_MINOR, BALANCE.LOT_TOTAL_MINOR).from(BALANCE)
                .where(BALANCE.ACCOUNT.eq(param("account", String.class))
                        .and(BALANCE.CURRENCY.eq(param("currency", String.class)))))
                .bind("account", account.toString()).bind("currency", currency.getCode())
                .fetchOptional(row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)})
                .orElse(new long[3]);
    }

    private long figure(AccountId account, CurrencyUnit currency, int which) {
        long[] buffered = balanceDeltas.get(new Key(account.toString(), currency.getCode()));
        return stored(account, currency)[which] + (buffered == null ? 0 : buffered[which]);
    }

    @Override
    public long lotTotal(AccountId account, CurrencyUnit currency) {
        return figure(account, currency, 2);
    }

    @Override
    public long balance(AccountId account, CurrencyUnit currency) {
        return figure(account, currency, 0);
    }

    @Override
    public void addBalance(AccountId account, CurrencyUnit currency, LocalDate date, long deltaMinor) {
        delta(account, currency)[0] += deltaMinor;
        dailyDeltas.computeIfAbsent(new Key(account.toString(), currency.getCode()), key -> new TreeMap<>())
                .merge(day(date), deltaMinor, Math::addExact);
    }

    @Override
    public long lowestBalanceFrom(AccountId account, CurrencyUnit currency, LocalDate date) {
        Key key = new Key(account.toString(), currency.getCode());
        NavigableMap<Long, Long> later = new TreeMap<>();
        statements.get("dailyAfter", context -> context.select(DAILY_CHANGE.DAY, DAILY_CHANGE.CHANGE_MINOR)
                .from(DAILY_CHANGE).where(DAILY_CHANGE.ACCOUNT.eq(param("account", String.class))
                        .and(DAILY_CHANGE.CURRENCY.eq(param("currency", String.class)))
                        .and(DAILY_CHANGE.DAY.gt(param("day", Long.class))))
                .orderBy(DAILY_CHANGE.DAY))
                .bind("account", key.account()).bind("currency", key.currency()).bind("day", day(date))
                .forEach(row -> new long[] {row.getLong(1), row.getLong(2)},
                        row -> later.merge(row[0], row[1], Math::addExact));
        dailyDeltas.getOrDefault(key, new TreeMap<>()).tailMap(day(date), false)
                .forEach((day, change) -> later.merge(day, change, Math::addExact));
        return StateTables.lowestBalance(balance(account, currency), later.values());
    }

    @Override
    public long pending(AccountId account, CurrencyUnit currency) {
        return figure(account, currency, 1);
    }

    @Override
    public void addPending(AccountId account, CurrencyUnit currency, long deltaMinor) {
        delta(account, currency)[1] += deltaMinor;
    }

    @Override
    public List<PocketFigures> pockets() {
        Map<Key, long[]> all = new HashMap<>();
        statements.context().select(BALANCE.ACCOUNT, BALANCE.CURRENCY, BALANCE.POSTED_MINOR, BALANCE.PENDING_MINOR)
                .from(BALANCE).forEach(row -> all.put(new Key(row.value1(), row.value2()),
                        new long[] {row.value3(), row.value4()}));
        balanceDeltas.forEach((key, delta) -> {
            long[] figures = all.computeIfAbsent(key, absent -> new long[2]);
            figures[0] += delta[0];
            figures[1] += delta[1];
        });
        List<PocketFigures> pockets = new ArrayList<>(all.size());
        all.forEach((key, figures) -> pockets.add(new PocketFigures(AccountId.parse(key.account()),
                CurrencyUnit.of(key.currency()), figures[0], figures[1])));
        // Each account is parsed once, then sorted in account order (not text order).
        pockets.sort(Comparator.comparing(PocketFigures::account)
                .thenComparing(figures -> figures.currency().getCode()));
        return pockets;
    }

    // ------------------------------------------------------------------ disbursements, reversals, deferrals

    @Override
    public Optional<DisbursementRecord> disbursement(String id) {
        return statements.get("disbursement", context -> context.select(DISBURSEMENT.BODY).from(DISBURSEMENT)
                .where(DISBURSEMENT.ID.eq(param("id", String.class))))
                .bind("id", id).fetchOptional(Statements::bytes)
                .map(body -> decode(body, DISBURSEMENT_TEXT, DisbursementRecord.class));
    }

    @Override
    public Collection<DisbursementRecord> disbursements() {
        List<DisbursementRecord> records = new ArrayList<>();
        statements.context().select(DISBURSEMENT.BODY).from(DISBURSEMENT).fetchLazy()
                .forEach(row -> records.add(decode(row.value1(), DISBURSEMENT_TEXT, DisbursementRecord.class)));
        return records;
    }

    @Override
    public void putDisbursement(DisbursementRecord record) {
        byte[] body = encode(DISBURSEMENT_TEXT, record);
        statements.get("putDisbursement", context -> context.insertInto(DISBURSEMENT, DISBURSEMENT.ID,
                DISBURSEMENT.AMOUNT_MINOR, DISBURSEMENT.ISSUED_ON, DISBURSEMENT.STATUS, DISBURSEMENT.BODY)
                .values(param("id", String.class), param("amount", Long.class), param("issued", Long.class),
                        param("status", String.class), param("body", byte[].class))
                .onConflict(DISBURSEMENT.ID).doUpdate()
                .set(DISBURSEMENT.STATUS, org.jooq.impl.DSL.excluded(DISBURSEMENT.STATUS))
                .set(DISBURSEMENT.BODY, org.jooq.impl.DSL.excluded(DISBURSEMENT.BODY)))
                .bind("id", record.id()).bind("amount", record.amount().getAmountMinorLong())
                .bind("issued", day(record.issuedOn())).bind("status", record.status().name()).bind("body", body)
                .execute();
        statements.get("disbursementChange", context -> context.insertInto(DISBURSEMENT_CHANGE,
                DISBURSEMENT_CHANGE.ID, DISBURSEMENT_CHANGE.SEQUENCE, DISBURSEMENT_CHANGE.CHANGED_ON,
                DISBURSEMENT_CHANGE.STATUS, DISBURSEMENT_CHANGE.FINISHED_ON, DISBURSEMENT_CHANGE.BANK_REFERENCE)
                .values(param("id", String.class), param("sequence", Long.class), param("day", Long.class),
                        param("status", String.class), param("finished", Long.class), param("reference", String.class))
                .onConflict(DISBURSEMENT_CHANGE.ID, DISBURSEMENT_CHANGE.SEQUENCE).doUpdate()
                .set(DISBURSEMENT_CHANGE.STATUS, org.jooq.impl.DSL.excluded(DISBURSEMENT_CHANGE.STATUS))
                .set(DISBURSEMENT_CHANGE.FINISHED_ON, org.jooq.impl.DSL.excluded(DISBURSEMENT_CHANGE.FINISHED_ON))
                .set(DISBURSEMENT_CHANGE.BANK_REFERENCE, org.jooq.impl.DSL.excluded(DISBURSEMENT_CHANGE.BANK_REFERENCE)))
                .bind("id", record.id()).bind("sequence", eventSequence).bind("day", eventDay)
                .bind("status", record.status().name())
                .bind("finished", record.finishedOn().map(SqlTables::day).orElse(null))
                .bind("reference", record.bankReference().orElse(null)).execute();
    }

    @Override
    public Optional<Long> reversalOf(long sequence) {
        return statements.get("reversal", context -> context.select(REVERSAL.BY_SEQUENCE).from(REVERSAL)
                .where(REVERSAL.REVERSED_SEQUENCE.eq(param("sequence", Long.class))))
                .bind("sequence", sequence).fetchOptional(row -> row.getLong(1));
    }

    @Override
    public void putReversal(long reversedSequence, long bySequence) {
        statements.get("putReversal", context -> context.insertInto(REVERSAL, REVERSAL.REVERSED_SEQUENCE,
                REVERSAL.BY_SEQUENCE).values(param("reversed", Long.class), param("by", Long.class)))
                .bind("reversed", reversedSequence).bind("by", bySequence).execute();
    }

    @Override
    public Optional<Deferral> deferral(String id) {
        return statements.get("deferral", context -> context.select(DEFERRAL.BODY).from(DEFERRAL)
                .where(DEFERRAL.ID.eq(param("id", String.class))))
                .bind("id", id).fetchOptional(Statements::bytes).map(body -> decode(body, DEFERRAL_TEXT, Deferral.class));
    }

    @Override
    public List<Deferral> deferrals(CaseNumber caseNumber) {
        List<Deferral> deferrals = new ArrayList<>();
        statements.get("deferralsOfCase", context -> context.select(DEFERRAL.BODY).from(DEFERRAL)
                .where(DEFERRAL.CASE_NUMBER.eq(param("case", String.class))).orderBy(DEFERRAL.POSITION))
                .bind("case", caseNumber.toString())
                .forEach(Statements::bytes, body -> deferrals.add(decode(body, DEFERRAL_TEXT, Deferral.class)));
        return deferrals;
    }

    @Override
    public Collection<Deferral> deferrals() {
        List<Deferral> deferrals = new ArrayList<>();
        statements.context().select(DEFERRAL.BODY).from(DEFERRAL).orderBy(DEFERRAL.POSITION).fetchLazy()
                .forEach(row -> deferrals.add(decode(row.value1(), DEFERRAL_TEXT, Deferral.class)));
        return deferrals;
    }

    @Override
    public void putDeferral(Deferral deferral) {
        byte[] body = encode(DEFERRAL_TEXT, deferral);
        // A new deferral goes after the others, so that a case's deferrals read back in the order granted.
        statements.get("putDeferral", context -> context.insertInto(DEFERRAL, DEFERRAL.ID, DEFERRAL.CASE_NUMBER,
                DEFERRAL.POSITION, DEFERRAL.BODY)
                .values(param("id", String.class), param("case", String.class),
                        select(coalesce(max(DEFERRAL.POSITION), inline(0L)).plus(inline(1L))).from(DEFERRAL).asField(),
                        param("body", byte[].class))
                .onConflict(DEFERRAL.ID).doUpdate().set(DEFERRAL.BODY, org.jooq.impl.DSL.excluded(DEFERRAL.BODY)))
                .bind("id", deferral.id()).bind("case", deferral.caseNumber().toString()).bind("body", body).execute();
        statements.get("deferralChange", context -> context.insertInto(DEFERRAL_CHANGE, DEFERRAL_CHANGE.ID,
                DEFERRAL_CHANGE.SEQUENCE, DEFERRAL_CHANGE.CHANGED_ON, DEFERRAL_CHANGE.BODY)
                .values(param("id", String.class), param("sequence", Long.class), param("day", Long.class),
                        param("body", byte[].class))
                .onConflict(DEFERRAL_CHANGE.ID, DEFERRAL_CHANGE.SEQUENCE).doUpdate()
                .set(DEFERRAL_CHANGE.BODY, org.jooq.impl.DSL.excluded(DEFERRAL_CHANGE.BODY)))
                .bind("id", deferral.id()).bind("sequence", eventSequence).bind("day", eventDay).bind("body", body)
                .execute();
    }

    // ------------------------------------------------------------------ flushing

    /** Writes what the transaction summed in memory: balances, daily changes, the meta row. */
    void flush() {
        for (Map.Entry<Key, long[]> entry : balanceDeltas.entrySet()) {
            long[] delta = entry.getValue();
            // Update first: the table's CHECKs (no balance below zero) hold for the summed row, and
            // SQLite would check them against an insert's values even when it turns into an update.
            int updated = statements.get("addBalance", context -> context.update(BALANCE)
                    .set(BALANCE.POSTED_MINOR, BALANCE.POSTED_MINOR.plus(param("posted", Long.class)))
                    .set(BALANCE.PENDING_MINOR, BALANCE.PENDING_MINOR.plus(param("pending", Long.class)))
                    .set(BALANCE.LOT_TOTAL_MINOR, BALANCE.LOT_TOTAL_MINOR.plus(param("lots", Long.class)))
                    .where(BALANCE.ACCOUNT.eq(param("account", String.class))
                            .and(BALANCE.CURRENCY.eq(param("currency", String.class)))))
                    .bind("posted", delta[0]).bind("pending", delta[1]).bind("lots", delta[2])
                    .bind("account", entry.getKey().account()).bind("currency", entry.getKey().currency()).execute();
            if (updated == 0) {
                statements.get("insertBalance", context -> context.insertInto(BALANCE, BALANCE.ACCOUNT,
                        BALANCE.CURRENCY, BALANCE.POSTED_MINOR, BALANCE.PENDING_MINOR, BALANCE.LOT_TOTAL_MINOR)
                        .values(param("account", String.class), param("currency", String.class),
                                param("posted", Long.class), param("pending", Long.class), param("lots", Long.class)))
                        .bind("account", entry.getKey().account()).bind("currency", entry.getKey().currency())
                        .bind("posted", delta[0]).bind("pending", delta[1]).bind("lots", delta[2]).execute();
            }
        }
        balanceDeltas.clear();
        storedFigures.clear();
        for (Map.Entry<Key, NavigableMap<Long, Long>> entry : dailyDeltas.entrySet()) {
            for (Map.Entry<Long, Long> change : entry.getValue().entrySet()) {
                statements.get("addDaily", context -> context.insertInto(DAILY_CHANGE, DAILY_CHANGE.ACCOUNT,
                        DAILY_CHANGE.CURRENCY, DAILY_CHANGE.DAY, DAILY_CHANGE.CHANGE_MINOR)
                        .values(param("account", String.class), param("currency", String.class),
                                param("day", Long.class), param("change", Long.class))
                        .onConflict(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY, DAILY_CHANGE.DAY).doUpdate()
                        .set(DAILY_CHANGE.CHANGE_MINOR, DAILY_CHANGE.CHANGE_MINOR.plus(
                                org.jooq.impl.DSL.excluded(DAILY_CHANGE.CHANGE_MINOR))))
                        .bind("account", entry.getKey().account()).bind("currency", entry.getKey().currency())
                        .bind("day", change.getKey()).bind("change", change.getValue()).execute();
            }
        }
        dailyDeltas.clear();
        if (metaChanged) {
            LedgerMeta value = meta;
            Statements.Bound update = statements.get("putMeta", context -> context.update(LEDGER_INFO)
                    .set(LEDGER_INFO.COURT_CODE, param("court", String.class))
                    .set(LEDGER_INFO.COURT_NAME, param("name", String.class))
                    .set(LEDGER_INFO.OPENED_ON, param("opened", Long.class))
                    .set(LEDGER_INFO.LAST_SEQUENCE, param("sequence", Long.class))
                    .set(LEDGER_INFO.LAST_HASH, param("hash", String.class))
                    .set(LEDGER_INFO.CLOSED_THROUGH, param("closed", Long.class))
                    .where(LEDGER_INFO.ID.eq(inline(1L))));
            update.bind("court", value.courtCode().orElse(null)).bind("name", value.courtName().orElse(null))
                    .bind("opened", value.openedOn().map(SqlTables::day).orElse(null))
                    .bind("sequence", value.lastSequence()).bind("hash", value.lastHash())
                    .bind("closed", value.closedThrough().map(SqlTables::day).orElse(null)).execute();
            metaChanged = false;
        }
    }

    /** Forgets what the transaction summed, after a rollback. */
    void discard() {
        balanceDeltas.clear();
        storedFigures.clear();
        bankAccounts.clear();
        caseRecords.clear();
        dailyDeltas.clear();
        meta = null;
        metaChanged = false;
        courtRules = null;
        staffRegister = null;
    }

    /** {@code value}'s canonical text under {@code header}, packed as the tables keep it ({@link PackedText}). */
    private static byte[] encode(String header, Record value) {
        return PackedText.pack(CanonicalCodec.encode(header, value));
    }

    /** The record a packed {@code body} column holds, decoded strictly from its canonical text. */
    static <T extends Record> T decode(byte[] stored, String header, Class<T> type) {
        return CanonicalCodec.decode(PackedText.unpackText(stored), header, type, Map.of());
    }

    /**
     * The canonical text a packed {@code body} column holds, or what is wrong with it: for comparing
     * a row with what the journal gives, where a damaged value is a difference to name.
     */
    static String text(byte[] stored) {
        return stored == null ? null : PackedText.describe(stored);
    }
}
