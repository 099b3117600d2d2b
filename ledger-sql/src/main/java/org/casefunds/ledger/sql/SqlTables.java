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
import static org.casefunds.ledger.sql.schema.Tables.EVENT;
import static org.casefunds.ledger.sql.schema.Tables.POSTING;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
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
 * <p>The writer's tables ({@link #forWriter}) are its <em>working set</em>: what it decides with
 * (figures and daily changes of the accounts it touched, their open lots, cases, receipts,
 * disbursements, the court's rules and register, and compact sets of the keys that exist) is kept
 * in memory across its transactions, so that in steady state a command reads nothing from the
 * database. Every transaction starts by reading the journal's head ({@link #startTransaction}): when
 * it is not the head this working set follows, another process appended, so the rows kept are
 * forgotten and the keys it appended are learnt. A transaction that fails after changing anything
 * makes the working set forget every row ({@link #discard}).
 *
 * <p>Writes are gathered in memory, summed or replaced per key (a lot moved ten times in a
 * transaction is written once, with its last remainder; balances, pending amounts, lot totals and
 * daily changes are summed), and written per table as one JDBC batch by {@link #flush()}, or before
 * any query that must see them.
 */
final class SqlTables implements StateTables {
    static final String CASE = "casefunds-case v1";
    static final String RECEIPT_TEXT = "casefunds-receipt v1";
    static final String DISBURSEMENT_TEXT = "casefunds-disbursement v1";
    static final String DEFERRAL_TEXT = "casefunds-deferral v1";
    private static final String BANK = "casefunds-bank-account v1";

    private final Statements statements;
    /** Whether the working set changed since its last commit; a failed transaction then forgets it. */
    private boolean dirty;
    private long eventSequence;
    private long eventDay;
    private LedgerMeta meta;
    private CourtRules courtRules;
    private StaffRegister staffRegister;
    private boolean metaChanged;
    private final Map<Key, long[]> balanceDeltas = new LinkedHashMap<>();
    private final Map<Key, NavigableMap<Long, Long>> dailyDeltas = new HashMap<>();

    // The working set: rows as they are now (written or waiting to be), kept across transactions.
    /** posted, pending, lot total as written, and 1 if the row exists; without the waiting deltas. */
    private final Map<Key, long[]> storedFigures = new HashMap<>();
    /** Every daily change of an account as written, without the waiting deltas. */
    private final Map<Key, NavigableMap<Long, Long>> storedDaily = new HashMap<>();
    /** Every open lot of an account, in the order commands take them. */
    private final Map<Key, NavigableMap<LotOrder, Lot>> openLots = new HashMap<>();
    private final Map<LotId, Lot> lots = new HashMap<>();
    private final Map<String, Optional<BankAccount>> bankAccounts = new HashMap<>();
    private final Map<CaseNumber, Optional<CaseRecord>> caseRecords = new HashMap<>();
    private final Map<String, CaseNumber> casesBySubAccount = new HashMap<>();
    private final Map<String, Optional<Receipt>> receiptsByKey = new HashMap<>();
    private final Map<String, Optional<DisbursementRecord>> disbursementsById = new HashMap<>();
    /**
     * The events appended last, by idempotency key (those waiting to be written among them): the
     * commands that look an earlier event up (a settlement its payout's issue) find it here.
     */
    private final Map<String, Event> recentEvents = new LinkedHashMap<>(1 << 12, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
            return size() > RECENT_EVENTS_MAX;
        }
    };
    private static final int RECENT_EVENTS_MAX = 10_000;
    /** Which accounts, cases, sub-accounts, disbursements and bank references exist (null until loaded). */
    private KnownKeys knownPockets;
    private KnownKeys knownCases;
    private KnownKeys knownSubAccounts;
    private KnownKeys knownDisbursements;
    private KnownKeys knownReferences;
    /**
     * The most entries each map of the working set keeps; a map that grows past it is emptied after a
     * commit and read again as needed, so that a million-event ledger's writer stays within its heap.
     */
    private static final int WORKING_SET_MAX = 50_000;
    /**
     * The same for a fold ({@link #forFold}), which shares its process's heap with the audit that
     * feeds it and reads again, from its own scratch file, what it forgot.
     */
    private static final int FOLD_WORKING_SET_MAX = 10_000;
    /** The most entries each map of this working set keeps. */
    private final int workingSetMax;

    // Written at the next flush, per table, summed or replaced per key.
    private final List<PendingEvent> pendingEvents = new ArrayList<>();
    private final Map<LotId, Lot> pendingLots = new LinkedHashMap<>();
    /** The lots among {@link #pendingLots} that this transaction created. */
    private final java.util.Set<LotId> createdLots = new java.util.HashSet<>();
    private final Map<LotChange, Long> pendingLotMovements = new LinkedHashMap<>();
    private final Map<CaseNumber, CaseRecord> pendingCases = new LinkedHashMap<>();
    private final Map<RowChange, String> pendingCaseChanges = new LinkedHashMap<>();
    private final Map<String, Receipt> pendingReceipts = new LinkedHashMap<>();
    private final Map<String, DisbursementRecord> pendingDisbursements = new LinkedHashMap<>();
    private final Map<RowChange, DisbursementRecord> pendingDisbursementChanges = new LinkedHashMap<>();

    /** An event to insert, and its row's columns packed from the canonical text it was sealed over. */
    private record PendingEvent(Event event, Future<StoredEvent.Packed> packed) {
    }

    /**
     * Packs the texts of appended events while the writer goes on deciding the next commands:
     * making an event's row (the text emptied of its columns' values, its UTF-8 bytes, packed) is
     * work the writer, which runs on one core, need not wait for. It was a large part of an append
     * with DEFLATE; with Zstandard it is a few microseconds an event. One thread fewer than the
     * processors, at least one.
     */
    private static final ExecutorService PACKERS = Workers.besideTheCaller("casefunds-text-packer");

    /** Where a lot stands among its account's open lots: oldest clock start first, then by id. */
    private record LotOrder(long clockStart, long sequence, int index) implements Comparable<LotOrder> {
        static LotOrder of(Lot lot) {
            return new LotOrder(day(lot.clockStart()), lot.id().sequence(), lot.id().index());
        }

        @Override
        public int compareTo(LotOrder other) {
            int byClock = Long.compare(clockStart, other.clockStart);
            if (byClock != 0) {
                return byClock;
            }
            int bySequence = Long.compare(sequence, other.sequence);
            return bySequence != 0 ? bySequence : Integer.compare(index, other.index);
        }
    }

    /** One lot's change by one event: a row of {@code lot_movement}. */
    private record LotChange(LotId lot, long sequence, long day) {
    }

    /** One record's change by one event (with the event's day): a row of a history table. */
    private record RowChange(String id, long sequence, long day) {
    }

    /** An account and a currency. */
    private record Key(String account, String currency) {
    }

    private final boolean caching;
    /** Whether appended events are stored (false for a fold, see {@link #forFold}). */
    private final boolean storesEvents;

    /**
     * The writer's tables on its kept statements: a working set that lives across its transactions
     * (see the class comment).
     */
    static SqlTables forWriter(Statements statements) {
        return new SqlTables(statements, true, true, WORKING_SET_MAX);
    }

    /**
     * The tables of a fold that only rebuilds projections to compare with another ledger's: a
     * working set like the writer's, but the events folded are not stored again (their rows, packed
     * texts and postings are the other ledger's, checked there), so a fold costs the projections only.
     */
    static SqlTables forFold(Statements statements) {
        return new SqlTables(statements, true, false, FOLD_WORKING_SET_MAX);
    }

    /** Tables that read the database at every call, for a view that may live across writes. */
    static SqlTables live(Statements statements) {
        return new SqlTables(statements, false, true, WORKING_SET_MAX);
    }

    private SqlTables(Statements statements, boolean caching, boolean storesEvents, int workingSetMax) {
        this.statements = statements;
        this.caching = caching;
        this.storesEvents = storesEvents;
        this.workingSetMax = workingSetMax;
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

    // ------------------------------------------------------------------ the working set

    /**
     * Starts a transaction of the writer: reads the journal's head from the meta row and, if it is
     * not the head this working set follows (another process appended, or the working set is new),
     * forgets every row it kept and learns the keys appended since it last looked.
     */
    void startTransaction() {
        LedgerMeta head = readMeta();
        if (meta == null || meta.lastSequence() != head.lastSequence() || !meta.lastHash().equals(head.lastHash())) {
            forgetRows();
            catchUpKeys(head);
        }
        meta = head;
        metaChanged = false;
        dirty = false;
    }

    /** After a commit: the working set is the database's; maps grown too large are emptied. */
    void committed() {
        dirty = false;
        if (knownThrough >= 0) {
            knownThrough = meta().lastSequence();
            knownHash = meta().lastHash();
        }
        trim();
    }

    /** Empties the maps of the working set grown past its most entries; only after a flush. */
    void trim() {
        if (storedFigures.size() > workingSetMax || storedDaily.size() > workingSetMax) {
            storedFigures.clear();
            storedDaily.clear();
        }
        if (lots.size() > workingSetMax || openLots.size() > workingSetMax) {
            lots.clear();
            openLots.clear();
        }
        if (caseRecords.size() > workingSetMax || casesBySubAccount.size() > workingSetMax) {
            caseRecords.clear();
            casesBySubAccount.clear();
        }
        if (receiptsByKey.size() > workingSetMax) {
            receiptsByKey.clear();
        }
        if (disbursementsById.size() > workingSetMax) {
            disbursementsById.clear();
        }
    }

    /** Forgets every row kept (not the known keys, whose extra entries only cost a read). */
    void forgetRows() {
        recentEvents.clear();
        storedFigures.clear();
        storedDaily.clear();
        openLots.clear();
        lots.clear();
        bankAccounts.clear();
        caseRecords.clear();
        casesBySubAccount.clear();
        receiptsByKey.clear();
        disbursementsById.clear();
        lastDeferralPosition = null;
        meta = null;
        courtRules = null;
        staffRegister = null;
    }

    /** The last event whose keys the known sets hold; -1 before they are loaded. */
    private long knownThrough = -1;
    /** The hash of event {@link #knownThrough}. */
    private String knownHash;
    private KnownKeys knownIdempotencyKeys;

    /**
     * Adds to the loaded known sets the keys of the events after {@link #knownThrough} up to {@code
     * head}: what another process appended. Sets not yet loaded are loaded whole when first needed.
     */
    private void catchUpKeys(LedgerMeta head) {
        if (knownThrough < 0) {
            return;
        }
        long since = knownThrough;
        if (since > head.lastSequence() || since > 0 && !knownHash.equals(statements.context()
                .select(EVENT.HASH).from(EVENT).where(EVENT.SEQUENCE.eq(since)).fetchOptional(EVENT.HASH)
                .map(hash -> StoredEvent.hex(hash, since)).orElse(null))) {
            // Not a continuation of the journal the sets were read from (restored, replaced): read them again.
            forgetKeys();
            return;
        }
        org.jooq.DSLContext context = statements.context();
        if (knownIdempotencyKeys != null) {
            context.select(EVENT.KEY_DIGEST).from(EVENT).where(EVENT.SEQUENCE.gt(since))
                    .fetchLazy().forEach(row -> knownIdempotencyKeys.addFingerprint(row.value1()));
        }
        if (knownPockets != null) {
            context.selectDistinct(POSTING.ACCOUNT,
                    POSTING.CURRENCY)
                    .from(POSTING)
                    .where(POSTING.SEQUENCE.gt(since))
                    .forEach(row -> knownPockets.add(pocketKey(row.value1(), row.value2())));
        }
        if (knownCases != null || knownSubAccounts != null) {
            context.select(CASE_RECORD.CASE_NUMBER, CASE_RECORD.SUB_ACCOUNT).from(CASE_RECORD)
                    .where(CASE_RECORD.CASE_NUMBER.in(select(CASE_CHANGE.CASE_NUMBER).from(CASE_CHANGE)
                            .where(CASE_CHANGE.SEQUENCE.gt(since))))
                    .forEach(row -> {
                        if (knownCases != null) {
                            knownCases.add(row.value1());
                        }
                        if (knownSubAccounts != null) {
                            knownSubAccounts.add(row.value2());
                        }
                    });
        }
        if (knownDisbursements != null) {
            context.selectDistinct(DISBURSEMENT_CHANGE.ID).from(DISBURSEMENT_CHANGE)
                    .where(DISBURSEMENT_CHANGE.SEQUENCE.gt(since))
                    .forEach(row -> knownDisbursements.add(row.value1()));
        }
        if (knownReferences != null) {
            context.select(RECEIPT.BANK_ACCOUNT, RECEIPT.BANK_REFERENCE).from(RECEIPT)
                    .where(RECEIPT.SEQUENCE.gt(since))
                    .forEach(row -> knownReferences.add(referenceKey(row.value1(), row.value2())));
        }
        knownThrough = head.lastSequence();
        knownHash = head.lastHash();
    }

    private void forgetKeys() {
        knownThrough = -1;
        knownHash = null;
        knownIdempotencyKeys = null;
        knownPockets = null;
        knownCases = null;
        knownSubAccounts = null;
        knownDisbursements = null;
        knownReferences = null;
    }

    /** How many sets of keys were read whole by commands (not by {@link #readKeySets}), for tests. */
    private int keySetReads;

    int keySetReads() {
        return keySetReads;
    }

    /** The known sets are loaded whole inside a transaction, which fixes what they hold. */
    private KnownKeys loaded(KnownKeys keys) {
        keySetReads++;
        if (knownThrough < 0) {
            knownThrough = meta().lastSequence();
            knownHash = meta().lastHash();
        }
        return keys;
    }

    /**
     * Reads every set of keys that exist, and the head they hold, from {@code snapshot}: a read of one
     * commit (the check before a store's first write, which has just read it), so that the first
     * command need not read them. The next transaction adds what was appended since, as after another
     * process's appends.
     */
    void readKeySets(org.jooq.DSLContext snapshot) {
        // The rows and the head kept are forgotten too: the next transaction must catch up from the
        // snapshot's head, whatever head the working set followed before.
        forgetRows();
        forgetKeys();
        try {
            org.jooq.Record2<Long, String> head = snapshot.select(LEDGER_INFO.LAST_SEQUENCE, LEDGER_INFO.LAST_HASH)
                    .from(LEDGER_INFO).where(LEDGER_INFO.ID.eq(inline(1L))).fetchOne();
            knownIdempotencyKeys = readIdempotencyKeys(snapshot);
            knownPockets = readPockets(snapshot);
            readCases(snapshot);
            knownDisbursements = readDisbursements(snapshot);
            knownReferences = readReferences(snapshot);
            knownThrough = head.value1();
            knownHash = head.value2();
        } catch (RuntimeException failed) {
            // Sets read before the failure hold the snapshot's keys only, with no head to catch up
            // from: none is kept, and each is read again when first needed.
            forgetKeys();
            throw failed;
        }
    }

    private KnownKeys knownPockets() {
        if (knownPockets == null) {
            writeRows();
            KnownKeys keys = readPockets(statements.context());
            balanceDeltas.keySet().forEach(key -> keys.add(pocketKey(key.account(), key.currency())));
            knownPockets = loaded(keys);
        }
        return knownPockets;
    }

    private static KnownKeys readPockets(org.jooq.DSLContext context) {
        KnownKeys keys = new KnownKeys();
        context.select(BALANCE.ACCOUNT, BALANCE.CURRENCY).from(BALANCE).fetchLazy()
                .forEach(row -> keys.add(pocketKey(row.value1(), row.value2())));
        return keys;
    }

    private void loadKnownCases() {
        if (knownCases == null) {
            writeRows();
            readCases(statements.context());
            loaded(knownCases);
        }
    }

    private void readCases(org.jooq.DSLContext context) {
        KnownKeys cases = new KnownKeys();
        KnownKeys subAccounts = new KnownKeys();
        context.select(CASE_RECORD.CASE_NUMBER, CASE_RECORD.SUB_ACCOUNT).from(CASE_RECORD).fetchLazy()
                .forEach(row -> {
                    cases.add(row.value1());
                    subAccounts.add(row.value2());
                });
        knownCases = cases;
        knownSubAccounts = subAccounts;
    }

    private KnownKeys knownDisbursements() {
        if (knownDisbursements == null) {
            writeRows();
            knownDisbursements = loaded(readDisbursements(statements.context()));
        }
        return knownDisbursements;
    }

    private static KnownKeys readDisbursements(org.jooq.DSLContext context) {
        KnownKeys keys = new KnownKeys();
        context.select(DISBURSEMENT.ID).from(DISBURSEMENT).fetchLazy().forEach(row -> keys.add(row.value1()));
        return keys;
    }

    private KnownKeys knownReferences() {
        if (knownReferences == null) {
            writeRows();
            knownReferences = loaded(readReferences(statements.context()));
        }
        return knownReferences;
    }

    private static KnownKeys readReferences(org.jooq.DSLContext context) {
        KnownKeys keys = new KnownKeys();
        context.select(RECEIPT.BANK_ACCOUNT, RECEIPT.BANK_REFERENCE).from(RECEIPT).fetchLazy()
                .forEach(row -> keys.add(referenceKey(row.value1(), row.value2())));
        return keys;
    }

    /**
     * Whether an event may have been appended under {@code idempotencyKey}: false means certainly
     * not, with no read; true means the database must be asked ({@link #writeRows()} first).
     */
    /**
     * The event appended under {@code idempotencyKey} if it is among the last appended (and those
     * waiting to be written); empty says nothing about the others.
     */
    Optional<Event> recentEvent(String idempotencyKey) {
        return Optional.ofNullable(recentEvents.get(idempotencyKey));
    }

    boolean mayHaveKey(String idempotencyKey) {
        if (knownIdempotencyKeys == null) {
            writeRows();
            knownIdempotencyKeys = loaded(readIdempotencyKeys(statements.context()));
        }
        return knownIdempotencyKeys.mayContainFingerprint(StoredEvent.keyDigest(idempotencyKey));
    }

    private static KnownKeys readIdempotencyKeys(org.jooq.DSLContext context) {
        KnownKeys keys = new KnownKeys();
        context.select(EVENT.KEY_DIGEST).from(EVENT).fetchLazy().forEach(row -> keys.addFingerprint(row.value1()));
        return keys;
    }

    private static String pocketKey(String account, String currency) {
        return account + "\n" + currency;
    }

    private static String referenceKey(String bankAccount, String bankReference) {
        return bankAccount + "\n" + bankReference;
    }

    // ------------------------------------------------------------------ meta

    @Override
    public LedgerMeta meta() {
        if (meta == null) {
            meta = readMeta();
        }
        return meta;
    }

    private LedgerMeta readMeta() {
        {
            return statements.get("meta", context -> context.select(LEDGER_INFO.COURT_CODE, LEDGER_INFO.COURT_NAME,
                    LEDGER_INFO.OPENED_ON, LEDGER_INFO.LAST_SEQUENCE, LEDGER_INFO.LAST_HASH, LEDGER_INFO.CLOSED_THROUGH)
                    .from(LEDGER_INFO).where(LEDGER_INFO.ID.eq(inline(1L))))
                    .fetchOptional(row -> new LedgerMeta(Optional.ofNullable(row.getString(1)),
                            Optional.ofNullable(row.getString(2)), Optional.ofNullable(date(nullableLong(row, 3))),
                            row.getLong(4), row.getString(5), Optional.ofNullable(date(nullableLong(row, 6)))))
                    .orElseThrow(() -> new IllegalStateException("the ledger_info row is missing"));
        }
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
        dirty = true;
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
        dirty = true;
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
        dirty = true;
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
        loadKnownCases();
        Optional<CaseRecord> found = knownCases.mayContain(caseNumber.toString()) ? readCaseRecord(caseNumber)
                : Optional.empty();
        caseRecords.put(caseNumber, found);
        return found;
    }

    private Optional<CaseRecord> readCaseRecord(CaseNumber caseNumber) {
        // A case waiting to be written is in the working set: the table as written is enough.
        return statements.get("case", context -> context.select(CASE_RECORD.BODY).from(CASE_RECORD)
                .where(CASE_RECORD.CASE_NUMBER.eq(param("number", String.class))))
                .bind("number", caseNumber.toString()).fetchOptional(Statements::bytes)
                .map(body -> decode(body, CASE, CaseRecord.class));
    }

    @Override
    public Optional<CaseNumber> caseBySubAccount(String subAccountNumber) {
        if (caching) {
            CaseNumber known = casesBySubAccount.get(subAccountNumber);
            if (known != null) {
                return Optional.of(known);
            }
            loadKnownCases();
            if (!knownSubAccounts.mayContain(subAccountNumber)) {
                return Optional.empty();
            }
            Optional<CaseNumber> found = readCaseBySubAccount(subAccountNumber);
            found.ifPresent(caseNumber -> casesBySubAccount.put(subAccountNumber, caseNumber));
            return found;
        }
        return readCaseBySubAccount(subAccountNumber);
    }

    private Optional<CaseNumber> readCaseBySubAccount(String subAccountNumber) {
        return statements.get("caseBySubAccount", context -> context.select(CASE_RECORD.CASE_NUMBER)
                .from(CASE_RECORD).where(CASE_RECORD.SUB_ACCOUNT.eq(param("sub", String.class))))
                .bind("sub", subAccountNumber).fetchOptional(Statements::text).map(CaseNumber::parse);
    }

    @Override
    public Collection<CaseRecord> cases() {
        writeRows();
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
        dirty = true;
        caseRecords.put(record.caseNumber(), Optional.of(record));
        casesBySubAccount.put(record.subAccountNumber(), record.caseNumber());
        loadKnownCases();
        knownCases.add(record.caseNumber().toString());
        knownSubAccounts.add(record.subAccountNumber());
        pendingCases.put(record.caseNumber(), record);
        if (newHandler) {
            pendingCaseChanges.put(new RowChange(record.caseNumber().toString(), eventSequence, eventDay),
                    record.handler());
        }
    }

    /** Writes the cases changed since the last flush, and their new handlers. */
    private void writeCases() {
        if (pendingCases.isEmpty() && pendingCaseChanges.isEmpty()) {
            return;
        }
        for (CaseRecord record : pendingCases.values()) {
            putCaseRow(record);
        }
        pendingCases.clear();
        statements.executeBatch("putCase");
        for (Map.Entry<RowChange, String> change : pendingCaseChanges.entrySet()) {
            statements.get("caseChange", context -> context.insertInto(CASE_CHANGE, CASE_CHANGE.CASE_NUMBER,
                    CASE_CHANGE.SEQUENCE, CASE_CHANGE.CHANGED_ON, CASE_CHANGE.HANDLER)
                    .values(param("number", String.class), param("sequence", Long.class), param("day", Long.class),
                            param("handler", String.class))
                    .onConflict(CASE_CHANGE.CASE_NUMBER, CASE_CHANGE.SEQUENCE).doUpdate()
                    .set(CASE_CHANGE.HANDLER, org.jooq.impl.DSL.excluded(CASE_CHANGE.HANDLER)))
                    .bind("number", change.getKey().id()).bind("sequence", change.getKey().sequence())
                    .bind("day", change.getKey().day()).bind("handler", change.getValue()).addBatch();
        }
        pendingCaseChanges.clear();
        statements.executeBatch("caseChange");
    }

    private void putCaseRow(CaseRecord record) {
        byte[] body = encode(CASE, record);
        statements.get("putCase", context -> context.insertInto(CASE_RECORD, CASE_RECORD.CASE_NUMBER,
                CASE_RECORD.SUB_ACCOUNT, CASE_RECORD.HANDLER, CASE_RECORD.BODY)
                .values(param("number", String.class), param("sub", String.class), param("handler", String.class),
                        param("body", byte[].class))
                .onConflict(CASE_RECORD.CASE_NUMBER).doUpdate()
                .set(CASE_RECORD.HANDLER, org.jooq.impl.DSL.excluded(CASE_RECORD.HANDLER))
                .set(CASE_RECORD.BODY, org.jooq.impl.DSL.excluded(CASE_RECORD.BODY)))
                .bind("number", record.caseNumber().toString()).bind("sub", record.subAccountNumber())
                .bind("handler", record.handler()).bind("body", body).addBatch();
    }

    // ------------------------------------------------------------------ receipts

    @Override
    public Optional<Receipt> receipt(String key) {
        if (caching) {
            Optional<Receipt> known = receiptsByKey.get(key);
            if (known == null) {
                known = readReceipt(key);
                receiptsByKey.put(key, known);
            }
            return known;
        }
        return readReceipt(key);
    }

    private Optional<Receipt> readReceipt(String key) {
        return statements.get("receipt", context -> context.select(RECEIPT.BODY).from(RECEIPT)
                .where(RECEIPT.RECEIPT_KEY.eq(param("key", String.class))))
                .bind("key", key).fetchOptional(Statements::bytes).map(body -> decode(body, RECEIPT_TEXT, Receipt.class));
    }

    @Override
    public Optional<Receipt> receiptByBankReference(String bankAccount, String bankReference) {
        if (caching) {
            if (!knownReferences().mayContain(referenceKey(bankAccount, bankReference))) {
                return Optional.empty();
            }
            writeRows();
        }
        return statements.get("receiptByReference", context -> context.select(RECEIPT.BODY).from(RECEIPT)
                .where(RECEIPT.BANK_ACCOUNT.eq(param("account", String.class))
                        .and(RECEIPT.BANK_REFERENCE.eq(param("reference", String.class)))
                        .and(RECEIPT.REVERSED.eq(inline(0L)))))
                .bind("account", bankAccount).bind("reference", bankReference).fetchOptional(Statements::bytes)
                .map(body -> decode(body, RECEIPT_TEXT, Receipt.class));
    }

    @Override
    public Collection<Receipt> receipts() {
        writeRows();
        List<Receipt> receipts = new ArrayList<>();
        statements.context().select(RECEIPT.BODY).from(RECEIPT).fetchLazy()
                .forEach(row -> receipts.add(decode(row.value1(), RECEIPT_TEXT, Receipt.class)));
        return receipts;
    }

    @Override
    public void putReceipt(Receipt receipt) {
        dirty = true;
        receiptsByKey.put(receipt.key(), Optional.of(receipt));
        knownReferences().add(referenceKey(receipt.details().bankAccount(), receipt.details().bankReference()));
        pendingReceipts.put(receipt.key(), receipt);
    }

    private void writeReceipts() {
        if (pendingReceipts.isEmpty()) {
            return;
        }
        for (Receipt receipt : pendingReceipts.values()) {
            putReceiptRow(receipt);
        }
        pendingReceipts.clear();
        statements.executeBatch("putReceipt");
    }

    private void putReceiptRow(Receipt receipt) {
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
                .addBatch();
    }

    // ------------------------------------------------------------------ lots

    @Override
    public Optional<Lot> lot(LotId id) {
        if (caching) {
            Lot known = lots.get(id);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<Lot> found = readLot(id);
            found.ifPresent(lot -> lots.put(id, lot));
            return found;
        }
        return readLot(id);
    }

    private Optional<Lot> readLot(LotId id) {
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
        if (!caching) {
            return readOpenLots(account, currency);
        }
        Key key = new Key(account.toString(), currency.getCode());
        NavigableMap<LotOrder, Lot> open = openLots.get(key);
        if (open == null) {
            open = new TreeMap<>();
            if (knownPockets().mayContain(pocketKey(key.account(), key.currency()))) {
                for (Lot lot : readOpenLots(account, currency)) {
                    open.put(LotOrder.of(lot), lots.getOrDefault(lot.id(), lot));
                }
                // The table as written, then the lots of the account waiting to be written.
                for (Lot lot : pendingLots.values()) {
                    if (lot.account().equals(account) && lot.amount().getCurrencyUnit().equals(currency)) {
                        open.remove(LotOrder.of(lot));
                        if (lot.remaining().isPositive()) {
                            open.put(LotOrder.of(lot), lot);
                        }
                    }
                }
                open.values().forEach(lot -> lots.put(lot.id(), lot));
            }
            openLots.put(key, open);
        }
        return new ArrayList<>(open.values());
    }

    private List<Lot> readOpenLots(AccountId account, CurrencyUnit currency) {
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
        if (caching && !pendingLots.isEmpty()) {
            // The table as written, then the lots waiting to be written, in the order of openLots.
            NavigableMap<LotOrder, Lot> open = new TreeMap<>();
            readOpenLotsOfReceipt(receiptKey).forEach(lot -> open.put(LotOrder.of(lot), lot));
            for (Lot lot : pendingLots.values()) {
                if (lot.receipt().equals(receiptKey) && lot.account().kind() == AccountKind.UNIDENTIFIED) {
                    open.remove(LotOrder.of(lot));
                    if (lot.remaining().isPositive()) {
                        open.put(LotOrder.of(lot), lot);
                    }
                }
            }
            return new ArrayList<>(open.values());
        }
        return readOpenLotsOfReceipt(receiptKey);
    }

    private List<Lot> readOpenLotsOfReceipt(String receiptKey) {
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
        writeRows();
        List<Lot> lots = new ArrayList<>();
        statements.context().selectFrom(LOT).fetchLazy().forEach(row -> lots.add(lot(row)));
        return lots;
    }

    @Override
    public void createLot(Lot lot) {
        // Inserted by a plain insert at the flush: the primary key refuses a second lot with this id.
        if (lots.containsKey(lot.id()) || createdLots.contains(lot.id())) {
            throw new IllegalStateException("lot " + lot.id() + " exists already");
        }
        createdLots.add(lot.id());
        keepLot(lot);
        recordLotMovement(lot, lot.remaining().getAmountMinorLong());
    }

    @Override
    public void putLot(Lot lot, long remainingChangeMinor) {
        keepLot(lot);
        recordLotMovement(lot, remainingChangeMinor);
    }

    /** Keeps the lot as it is now in the working set, to be written at the next flush. */
    private void keepLot(Lot lot) {
        dirty = true;
        pendingLots.put(lot.id(), lot);
        lots.put(lot.id(), lot);
        Key key = new Key(lot.account().toString(), lot.amount().getCurrencyUnit().getCode());
        know(key);
        NavigableMap<LotOrder, Lot> open = openLots.get(key);
        if (open != null) {
            if (lot.remaining().isPositive()) {
                open.put(LotOrder.of(lot), lot);
            } else {
                open.remove(LotOrder.of(lot));
            }
        }
    }

    /** Writes the lots changed since the last flush (created ones inserted) and their movements. */
    private void writeLots() {
        if (pendingLots.isEmpty() && pendingLotMovements.isEmpty()) {
            return;
        }
        for (Lot lot : pendingLots.values()) {
            if (createdLots.contains(lot.id())) {
                bindLot(statements.get("createLot", context -> context.insertInto(LOT, LOT_COLUMNS)
                        .values(lotValues())), lot).addBatch();
            }
        }
        statements.executeBatch("createLot");
        for (Lot lot : pendingLots.values()) {
            if (!createdLots.contains(lot.id())) {
                bindLot(statements.get("putLot", context -> context.insertInto(LOT, LOT_COLUMNS).values(lotValues())
                        .onConflict(LOT.SEQUENCE, LOT.IDX).doUpdate()
                        .set(LOT.REMAINING_MINOR, org.jooq.impl.DSL.excluded(LOT.REMAINING_MINOR))
                        .set(LOT.AVAILABLE_FROM, org.jooq.impl.DSL.excluded(LOT.AVAILABLE_FROM))), lot).addBatch();
            }
        }
        statements.executeBatch("putLot");
        pendingLots.clear();
        createdLots.clear();
        for (Map.Entry<LotChange, Long> movement : pendingLotMovements.entrySet()) {
            LotChange change = movement.getKey();
            statements.get("lotMovement", context -> context.insertInto(LOT_MOVEMENT, LOT_MOVEMENT.LOT_SEQUENCE,
                    LOT_MOVEMENT.LOT_IDX, LOT_MOVEMENT.SEQUENCE, LOT_MOVEMENT.EFFECTIVE_DATE, LOT_MOVEMENT.CHANGE_MINOR)
                    .values(param("lot", Long.class), param("idx", Long.class), param("sequence", Long.class),
                            param("day", Long.class), param("change", Long.class))
                    .onConflict(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX, LOT_MOVEMENT.SEQUENCE).doUpdate()
                    .set(LOT_MOVEMENT.CHANGE_MINOR, LOT_MOVEMENT.CHANGE_MINOR.plus(
                            org.jooq.impl.DSL.excluded(LOT_MOVEMENT.CHANGE_MINOR))))
                    .bind("lot", change.lot().sequence()).bind("idx", (long) change.lot().index())
                    .bind("sequence", change.sequence()).bind("day", change.day()).bind("change", movement.getValue())
                    .addBatch();
        }
        pendingLotMovements.clear();
        statements.executeBatch("lotMovement");
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
        pendingLotMovements.merge(new LotChange(lot.id(), eventSequence, eventDay), remainingChangeMinor,
                Math::addExact);
    }

    // ------------------------------------------------------------------ money

    private long[] delta(AccountId account, CurrencyUnit currency) {
        dirty = true;
        return balanceDeltas.computeIfAbsent(new Key(account.toString(), currency.getCode()), key -> {
            if (caching) {
                know(key);
            }
            return new long[3];
        });
    }

    /**
     * Makes the account known to exist; one that did not is new, so the working set knows all of it
     * already: no figures, no daily changes, no open lots.
     */
    private void know(Key key) {
        String pocket = pocketKey(key.account(), key.currency());
        if (!knownPockets().mayContain(pocket)) {
            storedFigures.putIfAbsent(key, new long[4]);
            storedDaily.putIfAbsent(key, new TreeMap<>());
            openLots.putIfAbsent(key, new TreeMap<>());
            knownPockets.add(pocket);
        }
    }

    /** posted, pending, lot total as stored, before this transaction's changes. */
    private long[] stored(AccountId account, CurrencyUnit currency) {
        if (!caching) {
            return readStored(account, currency);
        }
        Key key = new Key(account.toString(), currency.getCode());
        long[] stored = storedFigures.get(key);
        if (stored == null) {
            stored = knownPockets().mayContain(pocketKey(key.account(), key.currency())) ? readStored(account, currency)
                    : new long[4];
            storedFigures.put(key, stored);
        }
        return stored;
    }

    /** posted, pending, lot total, and 1 if the row exists (all 0 if it does not). */
    private long[] readStored(AccountId account, CurrencyUnit currency) {
        return statements.get("balance", context -> context
                .select(BALANCE.POSTED_MINOR, BALANCE.PENDING_MINOR, BALANCE.LOT_TOTAL_MINOR).from(BALANCE)
                .where(BALANCE.ACCOUNT.eq(param("account", String.class))
                        .and(BALANCE.CURRENCY.eq(param("currency", String.class)))))
                .bind("account", account.toString()).bind("currency", currency.getCode())
                .fetchOptional(row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3), 1})
                .orElse(new long[4]);
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
        if (caching) {
            later.putAll(storedDaily(key).tailMap(day(date), false));
        } else {
            readDailyAfter(key, date, later);
        }
        dailyDeltas.getOrDefault(key, new TreeMap<>()).tailMap(day(date), false)
                .forEach((day, change) -> later.merge(day, change, Math::addExact));
        return StateTables.lowestBalance(balance(account, currency), later.values());
    }

    /** Every daily change of the account as written, kept in the working set. */
    private NavigableMap<Long, Long> storedDaily(Key key) {
        NavigableMap<Long, Long> daily = storedDaily.get(key);
        if (daily == null) {
            daily = new TreeMap<>();
            if (knownPockets().mayContain(pocketKey(key.account(), key.currency()))) {
                readDailyAfter(key, LocalDate.MIN, daily);
            }
            storedDaily.put(key, daily);
        }
        return daily;
    }

    private void readDailyAfter(Key key, LocalDate date, NavigableMap<Long, Long> later) {
        statements.get("dailyAfter", context -> context.select(DAILY_CHANGE.DAY, DAILY_CHANGE.CHANGE_MINOR)
                .from(DAILY_CHANGE).where(DAILY_CHANGE.ACCOUNT.eq(param("account", String.class))
                        .and(DAILY_CHANGE.CURRENCY.eq(param("currency", String.class)))
                        .and(DAILY_CHANGE.DAY.gt(param("day", Long.class))))
                .orderBy(DAILY_CHANGE.DAY))
                .bind("account", key.account()).bind("currency", key.currency())
                .bind("day", date.equals(LocalDate.MIN) ? Long.MIN_VALUE : day(date))
                .forEach(row -> new long[] {row.getLong(1), row.getLong(2)},
                        row -> later.merge(row[0], row[1], Math::addExact));
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
        if (caching) {
            Optional<DisbursementRecord> known = disbursementsById.get(id);
            if (known == null) {
                known = knownDisbursements().mayContain(id) ? readDisbursement(id) : Optional.empty();
                disbursementsById.put(id, known);
            }
            return known;
        }
        return readDisbursement(id);
    }

    private Optional<DisbursementRecord> readDisbursement(String id) {
        return statements.get("disbursement", context -> context.select(DISBURSEMENT.BODY).from(DISBURSEMENT)
                .where(DISBURSEMENT.ID.eq(param("id", String.class))))
                .bind("id", id).fetchOptional(Statements::bytes)
                .map(body -> decode(body, DISBURSEMENT_TEXT, DisbursementRecord.class));
    }

    @Override
    public Collection<DisbursementRecord> disbursements() {
        writeRows();
        List<DisbursementRecord> records = new ArrayList<>();
        statements.context().select(DISBURSEMENT.BODY).from(DISBURSEMENT).fetchLazy()
                .forEach(row -> records.add(decode(row.value1(), DISBURSEMENT_TEXT, DisbursementRecord.class)));
        return records;
    }

    @Override
    public void putDisbursement(DisbursementRecord record) {
        dirty = true;
        disbursementsById.put(record.id(), Optional.of(record));
        knownDisbursements().add(record.id());
        pendingDisbursements.put(record.id(), record);
        pendingDisbursementChanges.put(new RowChange(record.id(), eventSequence, eventDay), record);
    }

    /** Writes the disbursements changed since the last flush, and their history. */
    private void writeDisbursements() {
        if (pendingDisbursements.isEmpty() && pendingDisbursementChanges.isEmpty()) {
            return;
        }
        for (DisbursementRecord record : pendingDisbursements.values()) {
            putDisbursementRow(record);
        }
        pendingDisbursements.clear();
        statements.executeBatch("putDisbursement");
        for (Map.Entry<RowChange, DisbursementRecord> change : pendingDisbursementChanges.entrySet()) {
            putDisbursementChange(change.getKey(), change.getValue());
        }
        pendingDisbursementChanges.clear();
        statements.executeBatch("disbursementChange");
    }

    private void putDisbursementRow(DisbursementRecord record) {
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
                .addBatch();
    }

    private void putDisbursementChange(RowChange change, DisbursementRecord record) {
        statements.get("disbursementChange", context -> context.insertInto(DISBURSEMENT_CHANGE,
                DISBURSEMENT_CHANGE.ID, DISBURSEMENT_CHANGE.SEQUENCE, DISBURSEMENT_CHANGE.CHANGED_ON,
                DISBURSEMENT_CHANGE.STATUS, DISBURSEMENT_CHANGE.FINISHED_ON, DISBURSEMENT_CHANGE.BANK_REFERENCE)
                .values(param("id", String.class), param("sequence", Long.class), param("day", Long.class),
                        param("status", String.class), param("finished", Long.class), param("reference", String.class))
                .onConflict(DISBURSEMENT_CHANGE.ID, DISBURSEMENT_CHANGE.SEQUENCE).doUpdate()
                .set(DISBURSEMENT_CHANGE.STATUS, org.jooq.impl.DSL.excluded(DISBURSEMENT_CHANGE.STATUS))
                .set(DISBURSEMENT_CHANGE.FINISHED_ON, org.jooq.impl.DSL.excluded(DISBURSEMENT_CHANGE.FINISHED_ON))
                .set(DISBURSEMENT_CHANGE.BANK_REFERENCE, org.jooq.impl.DSL.excluded(DISBURSEMENT_CHANGE.BANK_REFERENCE)))
                .bind("id", record.id()).bind("sequence", change.sequence()).bind("day", change.day())
                .bind("status", record.status().name())
                .bind("finished", record.finishedOn().map(SqlTables::day).orElse(null))
                .bind("reference", record.bankReference().orElse(null)).addBatch();
    }

    @Override
    public Optional<Long> reversalOf(long sequence) {
        return statements.get("reversal", context -> context.select(REVERSAL.BY_SEQUENCE).from(REVERSAL)
                .where(REVERSAL.REVERSED_SEQUENCE.eq(param("sequence", Long.class))))
                .bind("sequence", sequence).fetchOptional(row -> row.getLong(1));
    }

    @Override
    public void putReversal(long reversedSequence, long bySequence) {
        dirty = true;
        statements.get("putReversal", context -> context.insertInto(REVERSAL, REVERSAL.REVERSED_SEQUENCE,
                REVERSAL.BY_SEQUENCE).values(param("reversed", Long.class), param("by", Long.class)))
                .bind("reversed", reversedSequence).bind("by", bySequence).execute();
    }

    /**
     * The highest position in the deferral table (0 if it is empty): kept by a caching writer from
     * its first deferral on (the table has no index on positions alone), read again after {@link
     * #forgetRows}.
     */
    private Long lastDeferralPosition;

    private long lastDeferralPosition() {
        if (lastDeferralPosition == null) {
            lastDeferralPosition = statements.get("lastDeferralPosition", context -> context
                    .select(coalesce(max(DEFERRAL.POSITION), inline(0L))).from(DEFERRAL))
                    .fetchOptional(row -> row.getLong(1)).orElse(0L);
        }
        return lastDeferralPosition;
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
        dirty = true;
        byte[] body = encode(DEFERRAL_TEXT, deferral);
        boolean stored = statements.get("deferralStored", context -> context.select(DEFERRAL.POSITION).from(DEFERRAL)
                .where(DEFERRAL.ID.eq(param("id", String.class)))).bind("id", deferral.id())
                .fetchOptional(row -> row.getLong(1)).isPresent();
        if (stored) {
            statements.get("updateDeferral", context -> context.update(DEFERRAL)
                    .set(DEFERRAL.BODY, param("body", byte[].class)).where(DEFERRAL.ID.eq(param("id", String.class))))
                    .bind("body", body).bind("id", deferral.id()).execute();
        } else {
            // A new deferral goes after the others, so that a case's deferrals read back in the order granted.
            long position = lastDeferralPosition() + 1;
            statements.get("insertDeferral", context -> context.insertInto(DEFERRAL, DEFERRAL.ID,
                    DEFERRAL.CASE_NUMBER, DEFERRAL.POSITION, DEFERRAL.BODY)
                    .values(param("id", String.class), param("case", String.class), param("position", Long.class),
                            param("body", byte[].class)))
                    .bind("id", deferral.id()).bind("case", deferral.caseNumber().toString())
                    .bind("position", position).bind("body", body).execute();
            lastDeferralPosition = caching ? position : null;
        }
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

    /**
     * Keeps {@code event} to be inserted, with its postings, at the next flush, with the canonical
     * text it was sealed over: taken now, while the event's text is still the one just sealed on this
     * thread (one encoding for the hash and the row).
     */
    void append(Event event) {
        dirty = true;
        if (!storesEvents) {
            return;
        }
        String text = event.canonicalText();
        pendingEvents.add(new PendingEvent(event, PACKERS.submit(() -> StoredEvent.pack(text, event.sequence(),
                event.effectiveDate(), event.previousHash()))));
        recentEvents.put(event.idempotencyKey(), event);
        if (knownIdempotencyKeys != null) {
            knownIdempotencyKeys.addFingerprint(StoredEvent.keyDigest(event.idempotencyKey()));
        }
    }

    /** The columns packed from {@code pending}'s text, once packed; what packing threw, as it was. */
    private static StoredEvent.Packed packed(PendingEvent pending) {
        try {
            return pending.packed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while packing the text of event " + pending.event().sequence(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException("packing the text of event " + pending.event().sequence() + " failed",
                    e.getCause());
        }
    }

    /**
     * Writes every row waiting to be written, table by table, each as one batch: before a query that
     * must see them, and at every flush. Balances, daily changes and the meta row wait for {@link
     * #flush()}: the queries that read them add what waits.
     */
    void writeRows() {
        if (!caching) {
            return;
        }
        writeEvents();
        writeLots();
        writeCases();
        writeReceipts();
        writeDisbursements();
    }

    private void writeEvents() {
        if (pendingEvents.isEmpty()) {
            return;
        }
        for (PendingEvent pending : pendingEvents) {
            Event event = pending.event();
            StoredEvent.Packed packed = packed(pending);
            statements.get("insertEvent", context -> context.insertInto(EVENT, EVENT.SEQUENCE, EVENT.KEY_DIGEST,
                    EVENT.KIND, EVENT.EFFECTIVE_DATE, EVENT.ID, EVENT.REQUEST_DIGEST, EVENT.BODY, EVENT.HASH)
                    .values(param("sequence", Long.class), param("key", Long.class), param("kind", Long.class),
                            param("day", Long.class), param("id", byte[].class), param("digest", byte[].class),
                            param("body", byte[].class), param("hash", byte[].class)))
                    .bind("sequence", event.sequence()).bind("key", StoredEvent.keyDigest(event.idempotencyKey()))
                    .bind("kind", StoredEvent.kindCode(event.kind())).bind("day", event.effectiveDate().toEpochDay())
                    .bind("id", packed.id()).bind("digest", packed.requestDigest()).bind("body", packed.body())
                    .bind("hash", StoredEvent.hashBytes(event.hash(), event.sequence())).addBatch();
        }
        statements.executeBatch("insertEvent");
        for (PendingEvent pending : pendingEvents) {
            Event event = pending.event();
            long line = 0;
            for (Posting posting : event.postings()) {
                statements.get("insertPosting", context -> context.insertInto(POSTING, POSTING.SEQUENCE,
                        POSTING.LINE, POSTING.ACCOUNT, POSTING.CURRENCY, POSTING.DEBIT, POSTING.AMOUNT_MINOR)
                        .values(param("sequence", Long.class), param("line", Long.class),
                                param("account", String.class), param("currency", String.class),
                                param("debit", Long.class), param("amount", Long.class)))
                        .bind("sequence", event.sequence()).bind("line", ++line)
                        .bind("account", posting.account().toString())
                        .bind("currency", posting.amount().getCurrencyUnit().getCode())
                        .bind("debit", posting.side() == Side.DEBIT ? 1L : 0L)
                        .bind("amount", posting.amount().getAmountMinorLong()).addBatch();
            }
        }
        pendingEvents.clear();
        statements.executeBatch("insertPosting");
    }

    /**
     * Writes everything waiting: the rows, then the summed balances (updated where the row exists,
     * else inserted), the daily changes and the meta row, each table as one batch.
     */
    void flush() {
        writeRows();
        List<Map.Entry<Key, long[]>> inserted = new ArrayList<>();
        List<Map.Entry<Key, long[]>> updates = new ArrayList<>();
        for (Map.Entry<Key, long[]> entry : balanceDeltas.entrySet()) {
            long[] delta = entry.getValue();
            long[] stored = caching ? storedFigures.get(entry.getKey()) : null;
            if (stored != null && stored[3] == 0) {
                inserted.add(entry);
                continue;
            }
            updates.add(entry);
            // Update first: the table's CHECKs (no balance below zero) hold for the summed row, and
            // SQLite would check them against an insert's values even when it turns into an update.
            statements.get("addBalance", context -> context.update(BALANCE)
                    .set(BALANCE.POSTED_MINOR, BALANCE.POSTED_MINOR.plus(param("posted", Long.class)))
                    .set(BALANCE.PENDING_MINOR, BALANCE.PENDING_MINOR.plus(param("pending", Long.class)))
                    .set(BALANCE.LOT_TOTAL_MINOR, BALANCE.LOT_TOTAL_MINOR.plus(param("lots", Long.class)))
                    .where(BALANCE.ACCOUNT.eq(param("account", String.class))
                            .and(BALANCE.CURRENCY.eq(param("currency", String.class)))))
                    .bind("posted", delta[0]).bind("pending", delta[1]).bind("lots", delta[2])
                    .bind("account", entry.getKey().account()).bind("currency", entry.getKey().currency()).addBatch();
        }
        int[] updated = statements.executeBatch("addBalance");
        for (int i = 0; i < updated.length; i++) {
            // A row the working set did not know was there is inserted (an unknown count, as some
            // drivers report for batches, means it was updated).
            if (updated[i] == 0) {
                inserted.add(updates.get(i));
            }
        }
        for (Map.Entry<Key, long[]> entry : inserted) {
            long[] delta = entry.getValue();
            statements.get("insertBalance", context -> context.insertInto(BALANCE, BALANCE.ACCOUNT,
                    BALANCE.CURRENCY, BALANCE.POSTED_MINOR, BALANCE.PENDING_MINOR, BALANCE.LOT_TOTAL_MINOR)
                    .values(param("account", String.class), param("currency", String.class),
                            param("posted", Long.class), param("pending", Long.class), param("lots", Long.class)))
                    .bind("account", entry.getKey().account()).bind("currency", entry.getKey().currency())
                    .bind("posted", delta[0]).bind("pending", delta[1]).bind("lots", delta[2]).addBatch();
        }
        statements.executeBatch("insertBalance");
        if (caching) {
            balanceDeltas.forEach((key, delta) -> {
                long[] stored = storedFigures.get(key);
                if (stored != null) {
                    stored[0] += delta[0];
                    stored[1] += delta[1];
                    stored[2] += delta[2];
                    stored[3] = 1;
                }
            });
        }
        balanceDeltas.clear();
        for (Map.Entry<Key, NavigableMap<Long, Long>> entry : dailyDeltas.entrySet()) {
            NavigableMap<Long, Long> kept = caching ? storedDaily.get(entry.getKey()) : null;
            for (Map.Entry<Long, Long> change : entry.getValue().entrySet()) {
                statements.get("addDaily", context -> context.insertInto(DAILY_CHANGE, DAILY_CHANGE.ACCOUNT,
                        DAILY_CHANGE.CURRENCY, DAILY_CHANGE.DAY, DAILY_CHANGE.CHANGE_MINOR)
                        .values(param("account", String.class), param("currency", String.class),
                                param("day", Long.class), param("change", Long.class))
                        .onConflict(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY, DAILY_CHANGE.DAY).doUpdate()
                        .set(DAILY_CHANGE.CHANGE_MINOR, DAILY_CHANGE.CHANGE_MINOR.plus(
                                org.jooq.impl.DSL.excluded(DAILY_CHANGE.CHANGE_MINOR))))
                        .bind("account", entry.getKey().account()).bind("currency", entry.getKey().currency())
                        .bind("day", change.getKey()).bind("change", change.getValue()).addBatch();
                if (kept != null) {
                    kept.merge(change.getKey(), change.getValue(), Math::addExact);
                }
            }
        }
        statements.executeBatch("addDaily");
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

    /**
     * After a rollback: forgets what waited to be written, and, if the transaction changed anything,
     * every row the working set kept (it may hold the changes rolled back).
     */
    void discard() {
        balanceDeltas.clear();
        dailyDeltas.clear();
        pendingEvents.clear();
        pendingLots.clear();
        createdLots.clear();
        pendingLotMovements.clear();
        pendingCases.clear();
        pendingCaseChanges.clear();
        pendingReceipts.clear();
        pendingDisbursements.clear();
        pendingDisbursementChanges.clear();
        statements.clearBatches();
        if (dirty || metaChanged) {
            forgetRows();
        }
        metaChanged = false;
        dirty = false;
    }

    /** {@code value}'s canonical text under {@code header}, packed as the tables keep it ({@link PackedText}). */
    /**
     * A row's body: {@code value}'s canonical text, packed, or in a fold's scratch file plain (packing
     * would cost the fold more than a third of its time, for a file that is read once and deleted).
     */
    private byte[] encode(String header, Record value) {
        String text = CanonicalCodec.encode(header, value);
        return storesEvents ? PackedText.pack(text) : PackedText.plain(text);
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
