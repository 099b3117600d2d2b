package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.BALANCE;
import static org.casefunds.ledger.sql.schema.Tables.CASE_RECORD;
import static org.casefunds.ledger.sql.schema.Tables.DAILY_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.COURT_RULE;
import static org.casefunds.ledger.sql.schema.Tables.STAFF_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT;
import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.casefunds.ledger.sql.schema.Tables.LOT;
import static org.casefunds.ledger.sql.schema.Tables.LOT_MOVEMENT;
import static org.casefunds.ledger.sql.schema.Tables.POSTING;
import static org.casefunds.ledger.sql.schema.Tables.RECEIPT;
import static org.jooq.impl.DSL.inline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.accounts.AccountKind;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.accounts.Side;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.events.CalendarYearAdopted;
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
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventPayload;
import org.casefunds.ledger.events.EventReversed;
import org.casefunds.ledger.events.LedgerOpened;
import org.casefunds.ledger.events.PeriodClosed;
import org.casefunds.ledger.events.PolicyAdopted;
import org.casefunds.ledger.events.UnidentifiedRefundIssued;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.journal.LotMovement;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.staff.StaffChange;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.staff.StaffRegister;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.jooq.DSLContext;

/**
 * An auditor's check of a SQL ledger, independent of the projections it checks: the database's own
 * check of its pages ({@value #PAGE_INTEGRITY}: SQLite's {@code integrity_check}, PostgreSQL's
 * {@code amcheck} where it is installed); then one pass over the journal verifies the hash chain and
 * the posting rows beside each event, sums the trial balance, checks that no lot is taken from or
 * removed before the day its money was there, and replays into compact figures
 * (balances, pending money, lot remainders, daily changes, receipt and disbursement states,
 * handlers, deferrals, the ledger's meta) and folds it afresh into a temporary file of projections
 * ({@link ProjectionCheck.Fold}); then the projection tables are read and compared with both: the
 * compact figures, then every row and column of the fold.
 *
 * <p>All of it reads one snapshot of the database ({@link SqlJournalStore#snapshot()}), in one read
 * transaction: a writer that commits during the audit is neither blocked nor seen half-way, so an
 * honest ledger that is being written verifies. A page the database cannot read fails the check
 * that met it, naming the damage, rather than the audit.
 *
 * <p>The replay uses only what each event recorded (its postings, lot movements and payload), never
 * the policy or the projections. Memory holds a few numbers per account, lot, account-day,
 * disbursement and case, not the events, and the fold's working set (at most 10,000 entries a map):
 * about 250 MB live for a million events and 140,000 cases.
 *
 * <p>This class is not thread-safe: one audit uses it.
 */
public final class LedgerAudit {
    /** How many differences of one kind are named; the counts stay exact. */
    private static final int DIFFERENCES_NAMED_MAX = 5;
    /** The name of the check of the database's own pages and indexes. */
    public static final String PAGE_INTEGRITY = "page integrity";
    /** The name of the check that no lot is taken from before its money was there. */
    public static final String LOTS_ON_EVERY_DATE = "lots on every date";
    /** How many problems SQLite's integrity check names before it stops. */
    private static final int PAGE_PROBLEMS_NAMED_MAX = 5;

    /** One check and what it found. */
    public record Check(String name, boolean ok, String detail) {
    }

    /**
     * Told how far an audit has read the journal, for a display of its progress. It is called on the
     * audit's thread, once per event read, and must be quick.
     */
    @FunctionalInterface
    public interface Progress {
        /** Reports nothing. */
        Progress NONE = (reading, events) -> { };

        /**
         * {@code events} events of the journal have been read so far in {@code reading}. The audit
         * reads the journal once, from its first event, in its {@link Reading#REPLAY}; the projection
         * rows are compared after it without reading the journal again.
         */
        void read(Reading reading, long events);
    }

    /** The audit's readings of the journal, in the order they run. */
    public enum Reading {
        /**
         * The hash chain, the posting rows and the trial balance, checked while the journal is
         * replayed into compact figures and folded afresh into a new file of projections.
         */
        REPLAY
    }

    /** Every check, in the order run. */
    public record Result(long events, List<Check> checks) {
        /** Copies the list. */
        public Result {
            checks = List.copyOf(checks);
        }

        /** Whether every check held. */
        public boolean ok() {
            return checks.stream().allMatch(Check::ok);
        }
    }

    private final SqlJournalStore store;
    private final DSLContext context;
    private final Progress progress;
    private final Map<Pocket, Integer> pockets = new HashMap<>();
    private final List<Pocket> pocketKeys = new ArrayList<>();
    private Map<String, Integer> pocketsByText;
    private long[] posted = new long[1024];
    private long[] pending = new long[1024];
    private long[] lotTotals = new long[1024];
    private final LongLongMap daily = new LongLongMap(1 << 16);
    private final LongLongMap lots = new LongLongMap(1 << 16);
    /** Per lot, the epoch day from which its money was there: its creation, or its latest-dated refill. */
    private final LongLongMap lotsThereFrom = new LongLongMap(1 << 16);
    private long lotsTakenEarly;
    private final List<String> lotsTakenEarlyNamed = new ArrayList<>();
    private final LongLongMap receipts = new LongLongMap(1 << 14);
    private final Map<String, Transit> disbursements = new HashMap<>();
    private final Map<String, String> handlers = new HashMap<>();
    private final Map<String, String> deferrals = new HashMap<>();
    /** Each adoption's row as the journal says it should be: kind, effective day, canonical body. */
    private final Map<Long, String> courtRules = new HashMap<>();
    /** Each register change the journal makes, as {@code sequence/position -> kind date body}. */
    private final Map<String, String> staffChanges = new HashMap<>();
    private StaffRegister register = StaffRegister.empty();
    private boolean registerKept;
    private long authorityChecked;
    private long authorityFailures;
    private String firstAuthorityProblem;
    private final Map<String, long[]> trial = new TreeMap<>();
    private String courtCode;
    private LocalDate openedOn;
    private LocalDate closedThrough;
    private long lotMovementRows;
    private long events;
    private String lastHash = Event.GENESIS_HASH;
    /** The journal folded afresh, as the replay reads it: every projection row is compared with it. */
    private ProjectionCheck.Fold fold;
    /** Why the journal could not be folded afresh, or null. */
    private String foldProblem;

    /** A disbursement as the replay knows it: where its money is, and its status. */
    private static final class Transit {
        final int sourcePocket;
        final int bankPocket;
        final long amountMinor;
        DisbursementRecord.Status status = DisbursementRecord.Status.ISSUED;

        Transit(int sourcePocket, int bankPocket, long amountMinor) {
            this.sourcePocket = sourcePocket;
            this.bankPocket = bankPocket;
            this.amountMinor = amountMinor;
        }
    }

    private LedgerAudit(SqlJournalStore store, Progress progress) {
        this.store = store;
        this.context = store.readerContext();
        this.progress = progress;
    }

    /**
     * Audits {@code store} in one snapshot of it (the store's own, if it reads one; else one taken
     * for the audit and ended after it): all checks run; the first failure of each is named.
     */
    public static Result of(SqlJournalStore store) {
        return of(store, Progress.NONE);
    }

    /** Like {@link #of(SqlJournalStore)}, telling {@code progress} how far it has read the journal. */
    public static Result of(SqlJournalStore store, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        try (SqlJournalStore snapshot = store.snapshot()) {
            return new LedgerAudit(snapshot, progress).run();
        }
    }

    private Result run() {
        List<Check> checks = new ArrayList<>();
        checks.add(pageIntegrity());
        try (ProjectionCheck.Fold started = ProjectionCheck.Fold.start()) {
            fold = started;
            return run(checks);
        } finally {
            fold = null;
        }
    }

    private Result run(List<Check> checks) {
        String journalProblem;
        try {
            journalProblem = replayJournal();
        } catch (RuntimeException unreadable) {
            journalProblem = "the journal could not be read to its end after " + events + " events: "
                    + unreadable(unreadable);
        }
        checks.add(new Check("hash chain", journalProblem == null, journalProblem == null
                ? events + " events verified, each against its hash and the one before" : journalProblem));
        checks.add(trialBalance());
        checks.add(controlIdentity());
        checks.add(authority());
        checks.add(lotsOnEveryDate());
        if (journalProblem != null) {
            checks.add(new Check("replay equals the projections", false,
                    "not compared: the journal does not read back whole"));
        } else {
            try {
                checks.add(compareProjections());
            } catch (RuntimeException unreadable) {
                checks.add(new Check("replay equals the projections", false, "not compared: the projections could"
                        + " not be read: " + unreadable(unreadable)));
            }
            if (foldProblem == null) {
                foldAfresh(fold::flush, events);
            }
            try {
                if (foldProblem != null) {
                    checks.add(new Check("every projection row", false, "not compared: " + foldProblem));
                } else {
                    ProjectionCheck.Result rows = fold.compareWith(context);
                    checks.add(new Check("every projection row", rows.ok(), rows.describe()));
                }
            } catch (RuntimeException unreadable) {
                checks.add(new Check("every projection row", false, "not compared: the projections could not"
                        + " be read: " + unreadable(unreadable)));
            }
        }
        return new Result(events, checks);
    }

    /**
     * What the database said when it could not read a page; anything else than a failure of the
     * database (a bug) is thrown on.
     */
    private String unreadable(RuntimeException failure) {
        if (!SqlErrors.fromDatabase(failure)) {
            throw failure;
        }
        return SqlErrors.translate(failure, "auditing " + store.location()).getMessage();
    }

    // ------------------------------------------------------------------ the pages

    /**
     * The database's own check of its pages and indexes: what a flipped byte in the file breaks
     * while every row the ledger reads may still look whole.
     */
    private Check pageIntegrity() {
        try {
            return store.database() instanceof Database.Sqlite ? sqlitePages() : postgresPages();
        } catch (SQLException | RuntimeException failure) {
            if (failure instanceof RuntimeException && !SqlErrors.fromDatabase(failure)) {
                throw (RuntimeException) failure;
            }
            return new Check(PAGE_INTEGRITY, false, "the check could not run: "
                    + SqlErrors.translate(failure, "checking " + store.location()).getMessage());
        }
    }

    /** SQLite's {@code PRAGMA integrity_check}: every page, cell, index entry and the free list. */
    private Check sqlitePages() throws SQLException {
        List<String> problems = new ArrayList<>();
        int found = 0;
        try (java.sql.Statement statement = store.snapshotConnection().createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + PAGE_PROBLEMS_NAMED_MAX + ")")) {
            while (rows.next()) {
                found++;
                // One row may hold several lines, under a "*** in database main ***" heading.
                rows.getString(1).lines().filter(line -> !line.isBlank() && !line.startsWith("***"))
                        .forEach(problems::add);
            }
        } catch (SQLException stopped) {
            // A page too damaged to walk stops the check itself: that is its finding.
            return new Check(PAGE_INTEGRITY, false, "SQLite's integrity_check stopped at a page it could not read ("
                    + stopped.getMessage() + "): the file is damaged; restore it from a backup");
        }
        if (problems.equals(List.of("ok"))) {
            return new Check(PAGE_INTEGRITY, true, "SQLite's integrity_check: every page, index entry and the free"
                    + " list are sound");
        }
        return new Check(PAGE_INTEGRITY, false, "SQLite's integrity_check found the file damaged ("
                + (found >= PAGE_PROBLEMS_NAMED_MAX ? "the first " + found + " problems it names: " : "")
                + String.join("; ", problems) + "); restore it from a backup");
    }

    /**
     * PostgreSQL's {@code amcheck} ({@code bt_index_check} on every B-tree index of the court's
     * schema) where the extension is installed in the database; where it is not, the check says so.
     */
    private Check postgresPages() throws SQLException {
        java.sql.Connection connection = store.snapshotConnection();
        String extensionSchema = null;
        try (java.sql.Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                        + " ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'")) {
            if (rows.next()) {
                extensionSchema = rows.getString(1);
            }
        }
        if (extensionSchema == null) {
            return new Check(PAGE_INTEGRITY, true, "not available: the amcheck extension is not installed in this"
                    + " database (CREATE EXTENSION amcheck, by its owner, adds it); the pages were not checked");
        }
        List<String[]> indexes = new ArrayList<>();
        try (java.sql.Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON"
                        + " c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid ="
                        + " c.relam WHERE n.nspname = current_schema() AND a.amname = 'btree' ORDER BY c.relname")) {
            while (rows.next()) {
                indexes.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        String check = "SELECT " + context.render(org.jooq.impl.DSL.quotedName(extensionSchema, "bt_index_check"))
                + "(CAST(CAST(? AS oid) AS regclass))";
        // A failed check aborts PostgreSQL's transaction; a savepoint keeps the snapshot for the checks after it.
        java.sql.Savepoint before = connection.setSavepoint();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(check)) {
            for (String[] index : indexes) {
                statement.setLong(1, Long.parseLong(index[0]));
                statement.execute();
            }
        } catch (SQLException failed) {
            connection.rollback(before);
            if ("42501".equals(failed.getSQLState())) {
                return new Check(PAGE_INTEGRITY, true, "not available: amcheck is installed but the ledger's role may"
                        + " not run it (" + failed.getMessage() + "); the pages were not checked");
            }
            return new Check(PAGE_INTEGRITY, false, "amcheck's bt_index_check failed: " + failed.getMessage()
                    + "; restore the schema from a backup");
        }
        connection.releaseSavepoint(before);
        return new Check(PAGE_INTEGRITY, true, "amcheck's bt_index_check: " + indexes.size() + " B-tree indexes of"
                + " the schema are sound");
    }

    // ------------------------------------------------------------------ the journal

    /** Reads every event once; the first problem with the journal itself, or null. */
    private String replayJournal() {
        String postings = context.renderInlined(context.select(POSTING.SEQUENCE, POSTING.DEBIT, POSTING.ACCOUNT,
                POSTING.AMOUNT_MINOR).from(POSTING).orderBy(POSTING.SEQUENCE, POSTING.LINE));
        // The postings are read beside the events, in the same snapshot, on its connection.
        try (Stream<Event> stream = store.read(1);
                java.sql.PreparedStatement statement = store.snapshotConnection().prepareStatement(postings)) {
            statement.setFetchSize(1_000);
            try (ResultSet postingRows = statement.executeQuery()) {
                for (Iterator<Event> each = stream.iterator(); each.hasNext();) {
                    Event event = each.next();
                    // Reading checked each stored text against its stored hash; what is left is the links.
                    if (event.sequence() != events + 1 || !event.previousHash().equals(lastHash)) {
                        return "first failure at event " + (events + 1) + " (" + event.idempotencyKey() + "): "
                                + (event.sequence() != events + 1 ? "has sequence " + event.sequence()
                                        : "its previous hash is not the hash of the event before it");
                    }
                    String rows = checkPostingRows(event, postingRows);
                    if (rows != null) {
                        return "first failure at event " + event.sequence() + " (" + event.idempotencyKey() + "): "
                                + rows;
                    }
                    apply(event);
                    foldAfresh(event);
                    lastHash = event.hash();
                    events++;
                    progress.read(Reading.REPLAY, events);
                }
                if (postingRows.next()) {
                    return "the posting table holds rows of event " + postingRows.getLong(1)
                            + " beyond the journal's last event " + events;
                }
            }
        } catch (IntegrityException unreadable) {
            return "first failure at event " + unreadable.value().orElse("?") + ": " + unreadable.getMessage();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "auditing " + store.location());
        }
        return null;
    }

    /**
     * Folds {@code event} into the projections folded afresh. When folding fails, the fold stops and
     * why is kept as the reason the projection rows are not compared: events that contradict each
     * other (a journal rewritten so that its chain holds), or the scratch file that failed (a full
     * temporary folder), which says nothing about the journal.
     */
    private void foldAfresh(Event event) {
        if (foldProblem == null) {
            foldAfresh(() -> fold.add(event), event.sequence());
        }
    }

    private void foldAfresh(Runnable folding, long through) {
        try {
            folding.run();
        } catch (RuntimeException failed) {
            foldProblem = SqlErrors.fromDatabase(failed)
                    ? "the scratch file the journal is folded into failed (" + failed.getMessage() + ")"
                    : "the journal does not fold into projections (folding the events up to event " + through
                            + ": " + failed.getMessage() + ")";
        }
    }

    /** The posting rows of {@code event} must be its postings, line by line. */
    private static String checkPostingRows(Event event, ResultSet rows) throws SQLException {
        for (Posting posting : event.postings()) {
            if (!rows.next()) {
                return "its posting rows are missing";
            }
            long sequence = rows.getLong(1);
            boolean debit = rows.getLong(2) == 1L;
            String account = rows.getString(3);
            long amount = rows.getLong(4);
            if (sequence != event.sequence() || debit != (posting.side() == Side.DEBIT)
                    || !account.equals(posting.account().toString()) || amount != posting.amount().getAmountMinorLong()) {
                return "its posting row (" + account + (debit ? " debit " : " credit ") + amount
                        + ") is not its posting " + posting;
            }
        }
        return null;
    }

    /** Reads every row of {@code query} through plain JDBC: the large tables hold a million rows and more. */
    private void scan(org.jooq.Select<?> query, RowVisitor visitor) {
        try (java.sql.PreparedStatement statement = store.snapshotConnection().prepareStatement(
                context.renderInlined(query))) {
            statement.setFetchSize(1_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    visitor.visit(rows);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "auditing " + store.location());
        }
    }

    /** What {@link #scan} calls for each row. */
    @FunctionalInterface
    private interface RowVisitor {
        void visit(ResultSet row) throws SQLException;
    }

    /** An account and a currency: the key of the compact figures. */
    private record Pocket(AccountId account, CurrencyUnit currency) {
    }

    /** The pocket named in a table's row: account text and currency code. */
    private Integer pocket(String account, String currency) {
        if (pocketsByText == null) {
            pocketsByText = new HashMap<>();
            for (int i = 0; i < pocketKeys.size(); i++) {
                pocketsByText.put(pocketKeys.get(i).account() + "\u0000" + pocketKeys.get(i).currency().getCode(), i);
            }
        }
        return pocketsByText.get(account + "\u0000" + currency);
    }

    private String pocketName(int index) {
        return pocketKeys.get(index).account() + " " + pocketKeys.get(index).currency().getCode();
    }

    private int pocket(AccountId account, CurrencyUnit currency) {
        Pocket key = new Pocket(account, currency);
        Integer known = pockets.get(key);
        if (known != null) {
            return known;
        }
        int index = pocketKeys.size();
        pockets.put(key, index);
        pocketKeys.add(key);
        if (index == posted.length) {
            posted = Arrays.copyOf(posted, index * 2);
            pending = Arrays.copyOf(pending, index * 2);
            lotTotals = Arrays.copyOf(lotTotals, index * 2);
        }
        return index;
    }

    private static long dailyKey(int pocket, LocalDate day) {
        return ((long) pocket << 24) | (day.toEpochDay() & 0xFFFFFF);
    }

    private static long lotKey(long sequence, int index) {
        if (index >= 1 << 16) {
            throw new IllegalStateException("lot index " + index + " is beyond what the audit keys");
        }
        return (sequence << 16) | index;
    }

    private void apply(Event event) {
        for (Posting posting : event.postings()) {
            int at = pocket(posting.account(), posting.amount().getCurrencyUnit());
            long change = posting.balanceChangeMinor();
            posted[at] += change;
            daily.add(dailyKey(at, event.effectiveDate()), change);
            long[] sums = trial.computeIfAbsent(posting.amount().getCurrencyUnit().getCode(), key -> new long[2]);
            sums[posting.side() == Side.DEBIT ? 0 : 1] += posting.amount().getAmountMinorLong();
        }
        List<LotMovement> movements = event.lotMovements();
        for (int m = 0; m < movements.size(); m++) {
            LotMovement movement = movements.get(m);
            long key = lotKey(movement.lot().sequence(), movement.lot().index());
            long change = movement.type() == LotMovement.Type.CREATE ? movement.amount().getAmountMinorLong()
                    : movement.remainderChangeMinor();
            lots.add(key, change);
            lotTotals[pocket(movement.account(), movement.amount().getCurrencyUnit())] += change;
            checkLotDate(event, movement, key);
            // The history keeps one row per lot and event: a lot moved twice by one event is one row.
            boolean movedBefore = false;
            for (int earlier = 0; earlier < m && !movedBefore; earlier++) {
                movedBefore = movements.get(earlier).lot().equals(movement.lot());
            }
            lotMovementRows += movedBefore ? 0 : 1;
        }
        applyPayload(event, event.payload());
        checkAuthority(event);
        int position = 0;
        for (StaffChange change : LedgerState.staffChanges(event)) {
            staffChanges.put(event.sequence() + "/" + position++, SqlTables.staffChangeKind(change) + " "
                    + SqlTables.day(change.effectiveDate()) + " "
                    + CanonicalCodec.encode(SqlTables.STAFF_CHANGE_TEXT, (Record) change));
        }
    }

    /**
     * A take from a lot or its removal must be dated on or after the day the lot's money was there
     * (the lot's creation, or the latest-dated reversal that put money back); otherwise the journal as
     * of the days between holds the lot below zero, though the whole journal folds.
     */
    private void checkLotDate(Event event, LotMovement movement, long key) {
        long day = event.effectiveDate().toEpochDay();
        switch (movement.type()) {
            case CREATE:
                lotsThereFrom.put(key, day);
                break;
            case RESTORE:
                if (day > lotsThereFrom.get(key, day)) {
                    lotsThereFrom.put(key, day);
                }
                break;
            default:
                long thereFrom = lotsThereFrom.get(key, Long.MIN_VALUE);
                if (day < thereFrom) {
                    lotsTakenEarly++;
                    if (lotsTakenEarlyNamed.size() < DIFFERENCES_NAMED_MAX) {
                        lotsTakenEarlyNamed.add("event " + event.sequence() + " (" + event.idempotencyKey() + ") "
                                + (movement.type() == LotMovement.Type.REMOVE ? "removes" : "takes from") + " lot "
                                + movement.lot() + " on " + event.effectiveDate() + ", its money there only from "
                                + LocalDate.ofEpochDay(thereFrom));
                    }
                }
                break;
        }
    }

    private Check lotsOnEveryDate() {
        return new Check(LOTS_ON_EVERY_DATE, lotsTakenEarly == 0, lotsTakenEarly == 0
                ? "every take from a lot and every removal is dated on or after the day its money was there"
                        + " (its creation, or the latest-dated reversal that put money back)"
                : lotsTakenEarly + " lot movement(s) dated before the lot's money was there, so that the journal"
                        + " as of the days between holds the lot below zero: " + String.join("; ", lotsTakenEarlyNamed));
    }

    private void applyPayload(Event event, EventPayload payload) {
        if (payload instanceof LedgerOpened) {
            courtCode = ((LedgerOpened) payload).courtCode();
            openedOn = event.effectiveDate();
        } else if (payload instanceof PeriodClosed) {
            closedThrough = ((PeriodClosed) payload).closedThrough();
        } else if (event.kind() == EventKind.RECEIPT_RECORDED) {
            receipts.put(event.sequence(), 0);
        } else if (payload instanceof CaseOpened) {
            handlers.put(((CaseOpened) payload).caseNumber().toString(), ((CaseOpened) payload).handler());
        } else if (payload instanceof CaseHandedOver) {
            handlers.put(((CaseHandedOver) payload).caseNumber().toString(), ((CaseHandedOver) payload).toHandler());
        } else if (payload instanceof DisbursementIssue) {
            issue(event.idempotencyKey(), payload);
        } else if (payload instanceof DistributionIssued) {
            DistributionIssued distribution = (DistributionIssued) payload;
            for (DistributionShare share : distribution.shares()) {
                if (share.allocated().isPositive()) {
                    track(share.disbursement(), AccountId.ofCase(distribution.caseNumber()),
                            distribution.bankAccount(), share.allocated());
                }
            }
        } else if (payload instanceof DisbursementSettled) {
            finish(((DisbursementSettled) payload).disbursement(), DisbursementRecord.Status.SETTLED);
        } else if (payload instanceof DisbursementReturned) {
            finish(((DisbursementReturned) payload).disbursement(), DisbursementRecord.Status.RETURNED);
        } else if (payload instanceof EventReversed) {
            reverse((EventReversed) payload);
        } else if (payload instanceof CalendarYearAdopted) {
            var adopted = (CalendarYearAdopted) payload;
            courtRules.put(event.sequence(), SqlTables.CALENDAR_YEAR + " " + SqlTables.day(event.effectiveDate()) + " "
                    + CanonicalCodec.encode(SqlTables.COURT_RULE_TEXT,
                            new CourtRules.AdoptedYear(event.sequence(), event.effectiveDate(), adopted.year(),
                                    adopted.reason())));
        } else if (payload instanceof PolicyAdopted) {
            var adopted = (PolicyAdopted) payload;
            courtRules.put(event.sequence(), SqlTables.POLICY + " " + SqlTables.day(event.effectiveDate()) + " "
                    + CanonicalCodec.encode(SqlTables.COURT_RULE_TEXT,
                            new CourtRules.AdoptedPolicy(event.sequence(), event.effectiveDate(), adopted.policy(),
                                    adopted.reason())));
        } else if (payload instanceof DeferralGranted) {
            deferrals.put(event.idempotencyKey(), "end " + ((DeferralGranted) payload).end());
        } else if (payload instanceof DeferralRenewed) {
            deferrals.computeIfPresent(((DeferralRenewed) payload).deferral(), (id, was) -> "end "
                    + ((DeferralRenewed) payload).newEnd());
        } else if (payload instanceof DeferralLifted) {
            deferrals.computeIfPresent(((DeferralLifted) payload).deferral(), (id, was) -> was + ", lifted "
                    + event.effectiveDate());
        }
    }

    private void issue(String id, EventPayload payload) {
        if (payload instanceof UnidentifiedRefundIssued) {
            UnidentifiedRefundIssued refund = (UnidentifiedRefundIssued) payload;
            track(id, AccountId.unidentified(refund.bankAccount()), refund.bankAccount(), refund.amount());
            return;
        }
        DisbursementIssue issued = (DisbursementIssue) payload;
        // Payouts, surplus refunds and deposits name one case: their payload's only case.
        track(id, AccountId.ofCase(payload.cases().get(0)), issued.bankAccount(), issued.amount());
    }

    private void track(String id, AccountId source, String bankAccount, Money amount) {
        Transit transit = new Transit(pocket(source, amount.getCurrencyUnit()),
                pocket(AccountId.bank(bankAccount), amount.getCurrencyUnit()), amount.getAmountMinorLong());
        disbursements.put(id, transit);
        movePending(transit, 1);
    }

    private void movePending(Transit transit, long sign) {
        pending[transit.sourcePocket] += sign * transit.amountMinor;
        pending[transit.bankPocket] += sign * transit.amountMinor;
    }

    private void finish(String id, DisbursementRecord.Status status) {
        Transit transit = disbursements.get(id);
        if (transit != null && transit.status == DisbursementRecord.Status.ISSUED) {
            transit.status = status;
            movePending(transit, -1);
        }
    }

    private void reverse(EventReversed reversal) {
        switch (reversal.reversedKind()) {
            case RECEIPT_RECORDED:
                receipts.put(reversal.reversedSequence(), 1);
                break;
            case DISBURSEMENT_SETTLED:
            case DISBURSEMENT_RETURNED:
                for (String id : reversal.disbursements()) {
                    Transit transit = disbursements.get(id);
                    if (transit != null && transit.status != DisbursementRecord.Status.ISSUED) {
                        transit.status = DisbursementRecord.Status.ISSUED;
                        movePending(transit, 1);
                    }
                }
                break;
            default:
                for (String id : reversal.disbursements()) {
                    finish(id, DisbursementRecord.Status.CANCELLED);
                }
        }
    }

    // ------------------------------------------------------------------ the sums

    private Check trialBalance() {
        List<String> off = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        trial.forEach((currency, sums) -> {
            detail.append(detail.length() == 0 ? "" : "; ").append(currency).append(" debits = credits = ")
                    .append(Money.ofMinor(CurrencyUnit.of(currency), sums[0]).getAmount().toPlainString());
            if (sums[0] != sums[1]) {
                off.add(currency + " debits " + sums[0] + " but credits " + sums[1] + " (minor units)");
            }
        });
        return new Check("trial balance", off.isEmpty(), off.isEmpty()
                ? (detail.length() == 0 ? "no postings" : detail.toString()) : String.join("; ", off));
    }

    private Check controlIdentity() {
        Map<String, long[]> sums = new TreeMap<>();
        for (int i = 0; i < pocketKeys.size(); i++) {
            Pocket pocket = pocketKeys.get(i);
            long[] each = sums.computeIfAbsent(pocket.currency().getCode(), key -> new long[2]);
            each[pocket.account().kind() == AccountKind.BANK ? 0 : 1] += posted[i];
        }
        List<String> off = new ArrayList<>();
        sums.forEach((currency, each) -> {
            if (each[0] != each[1]) {
                off.add(currency + ": bank " + each[0] + " but cases, unidentified, in transit and fees " + each[1]
                        + " (minor units)");
            }
        });
        return new Check("control identity", off.isEmpty(), off.isEmpty()
                ? "bank = cases + unidentified + in transit + fees, in every currency" : String.join("; ", off));
    }

    // ------------------------------------------------------------------ the projections

    /** Differences of one table: counted exactly, the first few named. */
    private static final class Differences {
        final String table;
        final List<String> named = new ArrayList<>();
        long count;

        Differences(String table) {
            this.table = table;
        }

        void add(String difference) {
            if (named.size() < DIFFERENCES_NAMED_MAX) {
                named.add(difference);
            }
            count++;
        }
    }

    private Check compareProjections() {
        List<Differences> all = List.of(compareBalances(), compareDaily(), compareLots(), compareReceipts(),
                compareDisbursements(), compareCases(), compareDeferrals(), compareCourtRules(), compareStaffChanges(), compareMeta(),
                compareLotHistory());
        List<String> found = new ArrayList<>();
        for (Differences each : all) {
            if (each.count > 0) {
                found.add(each.table + ": " + each.count + " difference(s), e.g. " + String.join("; ", each.named));
            }
        }
        return new Check("replay equals the projections", found.isEmpty(), found.isEmpty()
                ? "balances, pending money, daily changes, lots and their history, receipts, disbursements, cases,"
                        + " deferrals, the adopted calendar years and policies, the staff register and the ledger's own"
                        + " row equal a replay of the journal"
                : String.join(" | ", found));
    }

    private Differences compareBalances() {
        Differences differences = new Differences("balance");
        boolean[] seen = new boolean[pocketKeys.size()];
        context.select(BALANCE.ACCOUNT, BALANCE.CURRENCY, BALANCE.POSTED_MINOR, BALANCE.PENDING_MINOR,
                BALANCE.LOT_TOTAL_MINOR).from(BALANCE).fetchLazy().forEach(row -> {
                    Integer at = pocket(row.value1(), row.value2());
                    if (at == null) {
                        if (row.value3() != 0 || row.value4() != 0 || row.value5() != 0) {
                            differences.add(row.value1() + " " + row.value2() + " has a balance but no posting");
                        }
                        return;
                    }
                    seen[at] = true;
                    if (row.value3() != posted[at] || row.value4() != pending[at] || row.value5() != lotTotals[at]) {
                        differences.add(row.value1() + " " + row.value2() + " holds posted/pending/lots " + row.value3()
                                + "/" + row.value4() + "/" + row.value5() + " but the journal gives " + posted[at]
                                + "/" + pending[at] + "/" + lotTotals[at]);
                    }
                });
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i] && (posted[i] != 0 || pending[i] != 0 || lotTotals[i] != 0)) {
                differences.add(pocketName(i) + " has no balance row");
            }
        }
        return differences;
    }

    private Differences compareDaily() {
        Differences differences = new Differences("daily_change");
        long[] matched = {0};
        scan(context.select(DAILY_CHANGE.ACCOUNT, DAILY_CHANGE.CURRENCY, DAILY_CHANGE.DAY, DAILY_CHANGE.CHANGE_MINOR)
                .from(DAILY_CHANGE), row -> {
                    Integer at = pocket(row.getString(1), row.getString(2));
                    LocalDate day = LocalDate.ofEpochDay(row.getLong(3));
                    long change = row.getLong(4);
                    long key = at == null ? Long.MIN_VALUE + 1 : dailyKey(at, day);
                    if (at == null || !daily.containsKey(key)) {
                        differences.add(row.getString(1) + " on " + day + " has a change no posting made");
                    } else if (daily.get(key, 0) != change) {
                        differences.add(row.getString(1) + " on " + day + " changed by " + change
                                + " but the postings of that day by " + daily.get(key, 0));
                    } else {
                        matched[0]++;
                    }
                });
        if (matched[0] + differences.count < daily.size()) {
            differences.add((daily.size() - matched[0]) + " account-days with postings have no daily change");
        }
        return differences;
    }

    private Differences compareLots() {
        Differences differences = new Differences("lot");
        long[] rows = {0};
        scan(context.select(LOT.SEQUENCE, LOT.IDX, LOT.REMAINING_MINOR).from(LOT), row -> {
            rows[0]++;
            long key = lotKey(row.getLong(1), Math.toIntExact(row.getLong(2)));
            long remaining = row.getLong(3);
            if (!lots.containsKey(key)) {
                differences.add("lot " + row.getLong(1) + "." + row.getLong(2) + " was never created");
            } else if (lots.get(key, 0) != remaining) {
                differences.add("lot " + row.getLong(1) + "." + row.getLong(2) + " holds " + remaining
                        + " but its movements leave " + lots.get(key, 0));
            }
        });
        if (rows[0] != lots.size()) {
            differences.add("the table holds " + rows[0] + " lots, the journal created " + lots.size());
        }
        return differences;
    }

    private Differences compareReceipts() {
        Differences differences = new Differences("receipt");
        long[] rows = {0};
        context.select(RECEIPT.SEQUENCE, RECEIPT.REVERSED).from(RECEIPT).fetchLazy().forEach(row -> {
            rows[0]++;
            if (!receipts.containsKey(row.value1())) {
                differences.add("event " + row.value1() + " recorded no receipt");
            } else if (receipts.get(row.value1(), 0) != row.value2()) {
                differences.add("the receipt of event " + row.value1() + (row.value2() == 1 ? " is marked reversed"
                        : " is not marked reversed"));
            }
        });
        if (rows[0] != receipts.size()) {
            differences.add("the table holds " + rows[0] + " receipts, the journal recorded " + receipts.size());
        }
        return differences;
    }

    private Differences compareDisbursements() {
        Differences differences = new Differences("disbursement");
        long[] rows = {0};
        context.select(DISBURSEMENT.ID, DISBURSEMENT.STATUS, DISBURSEMENT.AMOUNT_MINOR).from(DISBURSEMENT).fetchLazy()
                .forEach(row -> {
                    rows[0]++;
                    Transit transit = disbursements.get(row.value1());
                    if (transit == null) {
                        differences.add(row.value1() + " was never issued");
                    } else if (!transit.status.name().equals(row.value2()) || transit.amountMinor != row.value3()) {
                        differences.add(row.value1() + " is " + row.value2() + " of " + row.value3()
                                + " but the journal leaves it " + transit.status + " of " + transit.amountMinor);
                    }
                });
        if (rows[0] != disbursements.size()) {
            differences.add("the table holds " + rows[0] + ", the journal issued " + disbursements.size());
        }
        return differences;
    }

    private Differences compareCases() {
        Differences differences = new Differences("case_record");
        long[] rows = {0};
        context.select(CASE_RECORD.CASE_NUMBER, CASE_RECORD.HANDLER).from(CASE_RECORD).fetchLazy().forEach(row -> {
            rows[0]++;
            if (!row.value2().equals(handlers.get(row.value1()))) {
                differences.add(row.value1() + " is handled by " + row.value2() + " but the journal says "
                        + handlers.get(row.value1()));
            }
        });
        if (rows[0] != handlers.size()) {
            differences.add("the table holds " + rows[0] + " cases, the journal opened " + handlers.size());
        }
        return differences;
    }

    private Differences compareDeferrals() {
        Differences differences = new Differences("deferral");
        long[] rows = {0};
        context.select(DEFERRAL.BODY).from(DEFERRAL).fetchLazy().forEach(row -> {
            rows[0]++;
            Deferral deferral = SqlTables.decode(row.value1(), SqlTables.DEFERRAL_TEXT, Deferral.class);
            String stored = "end " + deferral.end() + deferral.liftedOn().map(day -> ", lifted " + day).orElse("");
            if (!stored.equals(deferrals.get(deferral.id()))) {
                differences.add(deferral.id() + " is '" + stored + "' but the journal says '"
                        + deferrals.get(deferral.id()) + "'");
            }
        });
        if (rows[0] != deferrals.size()) {
            differences.add("the table holds " + rows[0] + " deferrals, the journal granted " + deferrals.size());
        }
        return differences;
    }

    private Differences compareCourtRules() {
        Differences differences = new Differences("court_rule");
        long[] rows = {0};
        context.select(COURT_RULE.SEQUENCE, COURT_RULE.KIND, COURT_RULE.EFFECTIVE_DATE, COURT_RULE.BODY)
                .from(COURT_RULE).fetchLazy().forEach(row -> {
                    rows[0]++;
                    String stored = row.value2() + " " + row.value3() + " " + SqlTables.text(row.value4());
                    String expected = courtRules.get(row.value1());
                    if (!stored.equals(expected)) {
                        differences.add("event " + row.value1() + (expected == null ? " adopted nothing"
                                : "'s row differs from the adoption the journal records"));
                    }
                });
        if (rows[0] != courtRules.size()) {
            differences.add("the table holds " + rows[0] + " adoptions, the journal records " + courtRules.size());
        }
        return differences;
    }

    /**
     * Each event's actor held every role it claims, and each approver the role they approved as, on
     * the event's date, in the staff register as the journal had made it by then: who approved what
     * was entitled to. Journals opened before the register have no one in it and are not checked.
     */
    private void checkAuthority(Event event) {
        if (event.payload() instanceof LedgerOpened opened) {
            registerKept = opened.firstAdministrators().isPresent();
        } else if (registerKept) {
            authorityChecked++;
            List<String> problems = new ArrayList<>();
            for (Role role : event.actor().roles()) {
                register.whyNotHeld(event.actor().id(), role, event.effectiveDate())
                        .ifPresent(reason -> problems.add("actor " + event.actor().id() + " " + reason));
            }
            for (Approval approval : event.approvals()) {
                register.whyNotHeld(approval.approverId(), approval.role(), event.effectiveDate())
                        .ifPresent(reason -> problems.add("approver " + approval.approverId() + " " + reason));
            }
            if (!problems.isEmpty()) {
                authorityFailures++;
                if (firstAuthorityProblem == null) {
                    firstAuthorityProblem = "event " + event.sequence() + " (" + event.idempotencyKey() + "): "
                            + problems.get(0);
                }
            }
        }
        for (StaffChange change : LedgerState.staffChanges(event)) {
            register = register.with(change);
        }
    }

    private Check authority() {
        if (!registerKept) {
            return new Check("authority", true, "not checked: the journal was opened before the staff register");
        }
        return new Check("authority", authorityFailures == 0, authorityFailures == 0
                ? authorityChecked + " events, each by people holding their roles on its date"
                : authorityFailures + " event(s) by someone without the role; the first: " + firstAuthorityProblem);
    }

    private Differences compareStaffChanges() {
        Differences differences = new Differences("staff_change");
        long[] rows = {0};
        context.select(STAFF_CHANGE.SEQUENCE, STAFF_CHANGE.POSITION, STAFF_CHANGE.KIND, STAFF_CHANGE.EFFECTIVE_DATE,
                STAFF_CHANGE.BODY).from(STAFF_CHANGE).fetchLazy().forEach(row -> {
                    rows[0]++;
                    String stored = row.value3() + " " + row.value4() + " " + SqlTables.text(row.value5());
                    String expected = staffChanges.get(row.value1() + "/" + row.value2());
                    if (!stored.equals(expected)) {
                        differences.add("event " + row.value1() + " change " + row.value2() + (expected == null
                                ? ": the journal records no such change of the staff register"
                                : " differs from the change of the staff register the journal records"));
                    }
                });
        if (rows[0] != staffChanges.size()) {
            differences.add("the table holds " + rows[0] + " changes of the staff register, the journal records "
                    + staffChanges.size());
        }
        return differences;
    }

    private Differences compareMeta() {
        Differences differences = new Differences("ledger_info");
        var row = context.selectFrom(LEDGER_INFO).where(LEDGER_INFO.ID.eq(inline(1L))).fetchOne();
        if (row == null) {
            differences.add("the row is missing");
            return differences;
        }
        if (row.getLastSequence() != events || !row.getLastHash().equals(lastHash)) {
            differences.add("it says the last event is " + row.getLastSequence() + " with hash " + row.getLastHash()
                    + "; the journal ends at " + events + " with " + lastHash);
        }
        if (!Objects.equals(row.getCourtCode(), courtCode)
                || !Objects.equals(SqlTables.date(row.getOpenedOn()), openedOn)
                || !Objects.equals(SqlTables.date(row.getClosedThrough()), closedThrough)) {
            differences.add("court, opening or closed period (" + row.getCourtCode() + ", "
                    + SqlTables.date(row.getOpenedOn()) + ", " + SqlTables.date(row.getClosedThrough())
                    + ") differ from the journal's (" + courtCode + ", " + openedOn + ", " + closedThrough + ")");
        }
        return differences;
    }

    /** The lot history must hold one row per lot and event that moved it, adding up to the lots. */
    private Differences compareLotHistory() {
        Differences differences = new Differences("lot_movement");
        LongLongMap sums = new LongLongMap(Math.max(16, lots.size()));
        long[] rows = {0};
        scan(context.select(LOT_MOVEMENT.LOT_SEQUENCE, LOT_MOVEMENT.LOT_IDX, LOT_MOVEMENT.CHANGE_MINOR)
                .from(LOT_MOVEMENT), row -> {
                    rows[0]++;
                    sums.add(lotKey(row.getLong(1), Math.toIntExact(row.getLong(2))), row.getLong(3));
                });
        if (rows[0] != lotMovementRows) {
            differences.add("the table holds " + rows[0] + " movements, the journal made " + lotMovementRows);
        }
        lots.forEach((key, remaining) -> {
            if (sums.get(key, Long.MIN_VALUE) != remaining) {
                differences.add("lot " + (key >>> 16) + "." + (key & 0xFFFF) + ": its movements add up to "
                        + sums.get(key, 0) + " but the journal leaves " + remaining);
            }
        });
        return differences;
    }
}
