package org.casefunds.ledger.sql;

import static org.casefunds.ledger.sql.schema.Tables.BALANCE;
import static org.casefunds.ledger.sql.schema.Tables.BANK_ACCOUNT;
import static org.casefunds.ledger.sql.schema.Tables.CASE_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.LOT_MOVEMENT;
import static org.casefunds.ledger.sql.schema.Tables.CASE_RECORD;
import static org.casefunds.ledger.sql.schema.Tables.DAILY_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.COURT_RULE;
import static org.casefunds.ledger.sql.schema.Tables.STAFF_CHANGE;
import static org.casefunds.ledger.sql.schema.Tables.DEFERRAL;
import static org.casefunds.ledger.sql.schema.Tables.DISBURSEMENT;
import static org.casefunds.ledger.sql.schema.Tables.EVENT;
import static org.casefunds.ledger.sql.schema.Tables.LEDGER_INFO;
import static org.casefunds.ledger.sql.schema.Tables.LOT;
import static org.casefunds.ledger.sql.schema.Tables.RECEIPT;
import static org.casefunds.ledger.sql.schema.Tables.REVERSAL;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.casefunds.ledger.accounts.AccountBalance;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.StorageException;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerState;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.JournalStore;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;

/**
 * The journal store over SQL (jOOQ): a SQLite file or a PostgreSQL schema. Events and postings are
 * append-only rows (the database refuses UPDATE and DELETE on them); the projections are the fold
 * of the events ({@link LedgerState} over {@link SqlTables}), written in the same transaction as the
 * events they follow from, and rebuildable from them ({@link #rebuildProjections()}).
 *
 * <p>The writer keeps one connection and its prepared statements while the store is open: a new
 * PostgreSQL connection per transaction (its TCP connection, its statements prepared again) made a
 * 1,000-case court write 581 events/s against 1,447 with one kept.
 *
 * <p>Writes are serialised: within the process by this object, across processes by the database
 * (SQLite's {@code BEGIN IMMEDIATE}; a row lock on PostgreSQL). Each write decides against the state
 * read inside its own transaction, so two processes never apply one idempotent command twice.
 * Every event read back is decoded strictly and checked against its stored hash.
 *
 * <p>A store that {@linkplain #snapshot() reads one snapshot} (and every store opened read-only,
 * {@link SqlLedger#sqliteReadOnly}) reads everything, events and projections alike, in one read
 * transaction held until it is closed, and writes nothing. The others read the last commit at each
 * query.
 *
 * <p>This class is thread-safe.
 */
public final class SqlJournalStore implements JournalStore {
    /** How many events a rebuild folds before it writes its summed balances. */
    private static final int REBUILD_FLUSH_EVENTS = 10_000;
    /** How many rows a reader fetches at a time. */
    private static final int FETCH_ROWS = 1_000;

    private final Database database;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** The readers' connection: shared and reading the last commit, or the snapshot's. */
    private final ConnectionProvider readers;
    private final DSLContext readerContext;
    /** The snapshot every read of this store sees; null for a store that reads the last commit. */
    private final ReadSnapshot snapshot;
    /** Whether closing this store ends {@link #snapshot} (a view of another store's snapshot does not). */
    private final boolean ownsSnapshot;
    private Connection writer;
    private Statements writerStatements;
    /**
     * What the writer decides with, kept across its transactions on {@link #writerStatements}; see
     * {@link SqlTables}. Made again with the writer's connection.
     */
    private SqlTables workingSet;
    private boolean closed;
    /** Whether the projections were compared with the journal before this store's first write. */
    private boolean projectionsChecked;
    /** How many times the projections were compared with the journal before writing (for tests). */
    private int projectionChecks;
    /** Whether this store is a fold's ({@link #forFold}): its writer stores projections, not events. */
    private boolean folds;

    SqlJournalStore(Database database) {
        this.database = database;
        this.readers = new SharedConnection(database);
        this.readerContext = database.readerContext(readers);
        this.snapshot = null;
        this.ownsSnapshot = false;
    }

    /** A store that reads {@code snapshot} only, and ends it on close if it {@code owns} it. */
    private SqlJournalStore(Database database, ReadSnapshot snapshot, boolean owns) {
        this.database = database;
        this.readers = snapshot;
        this.readerContext = snapshot.context();
        this.snapshot = snapshot;
        this.ownsSnapshot = owns;
    }

    /**
     * A store over {@code database} that reads one snapshot of it, taken now; for the read-only
     * stores of {@link SqlLedger}, which check it is a ledger in the snapshot before handing it out.
     */
    static SqlJournalStore snapshotOf(Database database, Consumer<DSLContext> check) {
        ReadSnapshot taken = ReadSnapshot.begin(database);
        try {
            check.accept(taken.context());
            taken.sequence();
            return new SqlJournalStore(database, taken, true);
        } catch (RuntimeException e) {
            taken.close();
            throw SqlErrors.translate(e, "opening " + database.describe());
        }
    }

    /**
     * A store that reads one snapshot of this one, taken now, until it is closed: every read through
     * it (events, postings, projections, reports, its audit) sees the same commit, while writers go on
     * beside it, neither blocked nor seen half-way. It writes nothing. On a store that already reads
     * one snapshot, a view of that same snapshot, which closing leaves open.
     */
    public SqlJournalStore snapshot() {
        checkOpen();
        if (snapshot != null) {
            return new SqlJournalStore(database, snapshot, false);
        }
        return snapshotOf(database, context -> { });
    }

    /**
     * The last event of the snapshot this store reads (0 for an empty journal); empty for a store
     * that reads the last commit at each query.
     */
    public OptionalLong snapshotSequence() {
        checkOpen();
        return snapshot == null ? OptionalLong.empty() : OptionalLong.of(snapshot.sequence());
    }

    /** Whether this store only reads: it was opened read-only, or reads one snapshot. */
    public boolean readOnly() {
        return snapshot != null || database.readOnly();
    }

    /**
     * A new SQLite file that a journal is folded into to check another ledger's projections: it
     * trusts its own rows (it wrote them all), favours speed over durability (it is thrown away) and
     * keeps the projections only: the events appended to it are folded, not stored again.
     */
    static SqlJournalStore forFold(Path file) {
        Database.Sqlite database = Database.Sqlite.scratch(file);
        SqlLedger.prepare(database);
        SqlJournalStore fold = new SqlJournalStore(database);
        fold.projectionsChecked = true;
        fold.folds = true;
        return fold;
    }

    /**
     * Compares every projection row with the journal folded afresh, reading both in one
     * transaction; see {@link ProjectionCheck}.
     */
    public ProjectionCheck.Result checkProjections() {
        return readWith(context -> {
            try (Stream<Event> events = events(context, 1)) {
                return ProjectionCheck.compare(context, events.iterator());
            }
        });
    }

    /** Runs {@code work} with a context on a connection of its own, in one read transaction. */
    <T> T readWith(java.util.function.Function<DSLContext, T> work) {
        checkOpen();
        Connection connection = null;
        try {
            connection = database.connect();
            connection.setAutoCommit(false);
            return work.apply(database.context(connection));
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e, "reading " + location());
        } finally {
            if (connection != null) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    // Nothing was written; closing the connection below is what matters.
                }
                closeQuietly(null, connection);
            }
        }
    }

    /**
     * Before the first decision of this store: the projections the decisions read must be the
     * journal's. A row changed outside the ledger stops every write until it is dealt with. The check
     * reads one snapshot of the database and holds none of its locks, so that other processes go on
     * writing while a long journal is folded (a minute at a million events); one that appends before
     * this store's first write is a ledger keeping the tables with its events, and the writer reads
     * what it appended as it does at every transaction. Called with the write lock held.
     */
    private void requireProjectionsChecked(LongConsumer eventsFolded) {
        if (projectionsChecked) {
            return;
        }
        projectionChecks++;
        ProjectionCheck.Result result;
        try (ReadSnapshot snapshot = ReadSnapshot.begin(database)) {
            // The snapshot's own connection, read by this thread alone: a reader's context would
            // take turns on it query by query and listen to every row.
            DSLContext context = database.context(snapshot.connection());
            try (Stream<Event> events = events(context, 1)) {
                result = ProjectionCheck.compare(context, events.peek(event -> eventsFolded.accept(
                        event.sequence())).iterator());
            }
            if (result.ok()) {
                // The sets of keys that exist, read from the snapshot just checked: the first command
                // would otherwise read them (a quarter of a second at 200,000 events).
                workingSet().readKeySets(context);
            }
        } catch (SQLException failure) {
            throw SqlErrors.translate(failure, "connecting the writer of " + location());
        }
        if (!result.ok()) {
            throw new StorageException(ErrorCode.INTEGRITY_VIOLATION, "ledger", location(),
                    "its tables differ from its journal (" + result.describe() + "); nothing was written. Someone"
                            + " changed the file outside the ledger: keep it for the inquiry, and restore the"
                            + " ledger from a backup or rebuild its tables from the journal");
        }
        projectionsChecked = true;
    }

    /**
     * Does now what the store otherwise does before its first write: compares every projection row
     * with the journal folded afresh, so that no decision rests on a row edited outside the ledger.
     * On a journal of 200,000 events that takes seconds, on a million about a minute, and without
     * this call the first command waits for it. Call it where waiting is expected: when the court's
     * system starts, or before a tool applies a file. It reads one snapshot of the database and
     * takes none of its locks: other processes go on writing, while this store's own commands wait
     * for it. Once the check has passed, a call returns at once.
     *
     * @param eventsFolded told, on the calling thread, the sequence of each event as it is read for
     *     the fold, from 1 to the journal's last (the row comparison follows the last); told nothing
     *     when the store has checked already. It is called with this store's write lock held: keep
     *     it quick
     * @throws StorageException {@link ErrorCode#INTEGRITY_VIOLATION} naming the first differences
     *     when the tables differ from the journal, the refusal every write of this store then gets
     *     until the ledger is restored or its tables rebuilt; {@link ErrorCode#STORAGE_READ_ONLY} for
     *     a store opened read-only; what a read gets when the database fails
     * @throws IllegalStateException when called inside a write of this store, or after it was closed
     */
    public void checkBeforeWriting(LongConsumer eventsFolded) {
        Checks.required(eventsFolded, "eventsFolded");
        requireWriterOutsideAWrite(() -> "the tables of " + location() + " were to be checked inside a write of"
                + " the same store; check them before writing");
        writeLock.lock();
        try {
            checkOpen();
            requireProjectionsChecked(eventsFolded);
        } catch (RuntimeException failure) {
            throw damaged(SqlErrors.translate(failure, "checking the tables of " + location()));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Refuses a closed store, a store opened read-only, and a call from inside a write of this store
     * (whose thread holds the write lock), with {@code insideAWrite} as the message.
     */
    private void requireWriterOutsideAWrite(Supplier<String> insideAWrite) {
        checkOpen();
        if (readOnly()) {
            throw Database.readOnlyRefusal(location());
        }
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(insideAWrite.get());
        }
    }

    /** For tests: how many sets of keys that exist this store's commands read whole (not its check). */
    int keySetsReadByCommands() {
        writeLock.lock();
        try {
            return workingSet == null ? 0 : workingSet.keySetReads();
        } finally {
            writeLock.unlock();
        }
    }

    /** For tests: how many times this store has compared its tables with the journal before writing. */
    int projectionChecks() {
        writeLock.lock();
        try {
            return projectionChecks;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Forgets what the writer keeps in memory between its transactions (the rows it decides with and
     * the sets of keys that exist); the next write reads again what it needs. For a store that stays
     * open but idle while its process needs the memory for other work.
     */
    public void releaseWorkingSet() {
        writeLock.lock();
        try {
            workingSet = null;
        } finally {
            writeLock.unlock();
        }
    }

    /** Where the store is: the SQLite file or the PostgreSQL schema. */
    public String location() {
        return database.describe();
    }

    @Override
    public <T> T write(Work<T> work) {
        requireWriterOutsideAWrite(() -> "a write to " + location() + " was started inside another write of the"
                + " same store; run it after that write returns");
        Queued<T> mine = new Queued<>(work);
        // Group commit: the write at the head of the queue leads. It runs every write queued by then in
        // one transaction, one durable commit for them all, and stays at the head until that is done;
        // the others wait for their outcome, not for the lock, and those queued meanwhile form the next
        // group under the next head.
        boolean leads;
        synchronized (queue) {
            queue.addLast(mine);
            if (gathering != null && queue.size() >= lastGroupSize) {
                LockSupport.unpark(gathering);
            }
            boolean interrupted = false;
            while (!mine.done && queue.peekFirst() != mine) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            leads = !mine.done;
        }
        if (leads) {
            lead(gather());
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /**
     * The group the head of the queue runs: the writes queued once as many are queued as the group
     * before held, or once the head has waited as long as a write of that group took on average
     * (at most {@link #GATHERING_MAX_NANOS}), whichever comes first.
     *
     * <p>The callers a group answers come back with their next writes while the next group runs, and
     * without the wait they made a group of their own behind it: groups alternated at about half the
     * callers each (eight callers of one store on FULL: 4.6 writes a group, against 7.5 with the wait,
     * and about a fifth more commands a second). A caller who comes within that time would otherwise
     * cost a commit of its own; one caller never waits, as its group held one write.
     */
    private List<Queued<?>> gather() {
        long deadline;
        synchronized (queue) {
            if (queue.size() >= lastGroupSize) {
                return new ArrayList<>(queue);
            }
            long averageWrite = lastGroupNanos / lastGroupSize;
            long wait = gatheringWait >= 0 ? gatheringWait : Math.min(GATHERING_MAX_NANOS, averageWrite);
            deadline = System.nanoTime() + wait;
            gathering = Thread.currentThread();
            gatherings++;
        }
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                synchronized (queue) {
                    if (left <= 0 || queue.size() >= lastGroupSize || Thread.currentThread().isInterrupted()) {
                        return new ArrayList<>(queue);
                    }
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            synchronized (queue) {
                gathering = null;
            }
        }
    }

    /** Runs {@code group} (the head of the queue and those behind it) and hands the head on. */
    private void lead(List<Queued<?>> group) {
        long ran = 0;
        try {
            writeLock.lock();
            long started = System.nanoTime();
            try {
                runGroup(group);
            } finally {
                ran = System.nanoTime() - started;
                writeLock.unlock();
            }
        } finally {
            synchronized (queue) {
                for (Queued<?> each : group) {
                    if (!each.done) {
                        each.failure = new StorageException(ErrorCode.STORAGE_FAILURE, null, null, "writing to "
                                + location() + " stopped before this write ran; nothing of it was written");
                        each.done = true;
                    }
                    queue.removeFirst();
                }
                lastGroupSize = group.size();
                lastGroupNanos = ran;
                queue.notifyAll();
            }
        }
    }

    /** How many writes are queued, the running group's included: for tests that order writers. */
    int queuedWrites() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** The writes waiting, in the order they came: the head's group is running. */
    private final java.util.ArrayDeque<Queued<?>> queue = new java.util.ArrayDeque<>();
    /** The longest a head of the queue waits for writes to join its group: see {@link #gather}. */
    private static final long GATHERING_MAX_NANOS = 1_000_000;
    /** How many writes the last group held, and how long it took to run them (under the queue's lock). */
    private int lastGroupSize = 1;
    private long lastGroupNanos;
    /** A head of the queue waiting for writes to join its group, woken when enough are queued; or null. */
    private Thread gathering;
    /** How many times a head of the queue waited for writes to join its group. */
    private int gatherings;
    /** A fixed bound of that wait in nanoseconds instead of the group before's average, or negative. */
    private long gatheringWait = -1;

    /** For tests: bounds every wait for writes to join a group by {@code wait}, whatever groups took. */
    void gatheringWait(java.time.Duration wait) {
        synchronized (queue) {
            gatheringWait = wait.toNanos();
        }
    }

    /** For tests: how many times a head of the queue has waited for writes to join its group. */
    int gatherings() {
        synchronized (queue) {
            return gatherings;
        }
    }

    /**
     * One caller's write, waiting for the group that runs it, then its outcome. The leader sets the
     * outcome, then {@code done}, which is volatile: a caller that sees it done (woken by the leader's
     * notification or by chance) sees the outcome too.
     */
    private static final class Queued<T> {
        private final Work<T> work;
        private T result;
        private RuntimeException failure;
        private volatile boolean done;

        Queued(Work<T> work) {
            this.work = work;
        }

        void run(Writer writer) {
            result = work.run(writer);
        }
    }

    /**
     * Runs {@code group} in one transaction, in order, each write seeing the ones before it. A write
     * refused before it appended anything fails alone; one that fails after appending rolls the
     * transaction back, and the others run again without it. A failure of the database, or of the
     * commit, is every write's: nothing was written. Each is done (and its caller may go on) only
     * once the transaction that holds it has committed, or failed.
     */
    private void runGroup(List<Queued<?>> group) {
        List<Queued<?>> running = new ArrayList<>(group);
        while (!running.isEmpty()) {
            Queued<?>[] partial = new Queued<?>[1];
            List<Queued<?>> attempt = running;
            try {
                transaction((statements, tables) -> {
                    for (Queued<?> each : attempt) {
                        each.failure = null;
                        each.result = null;
                        SqlWriter writer = new SqlWriter(statements, tables);
                        try {
                            each.run(writer);
                        } catch (RuntimeException refused) {
                            if (writer.appended > 0 || SqlErrors.fromDatabase(refused)) {
                                partial[0] = each;
                                throw refused;
                            }
                            each.failure = refused;
                        }
                    }
                    return null;
                });
                attempt.forEach(each -> each.done = true);
                return;
            } catch (RuntimeException failure) {
                if (partial[0] == null || SqlErrors.fromDatabase(failure)) {
                    for (Queued<?> each : attempt) {
                        each.failure = failure;
                        each.done = true;
                    }
                    return;
                }
                partial[0].failure = failure;
                partial[0].done = true;
                running = new ArrayList<>(attempt);
                running.remove(partial[0]);
            } catch (Error failure) {
                for (Queued<?> each : attempt) {
                    each.failure = new StorageException(ErrorCode.STORAGE_FAILURE, null, null, "writing to "
                            + location() + " failed (" + failure + "); nothing was written", failure);
                    each.done = true;
                }
                throw failure;
            }
        }
    }

    /** What one write transaction does with the writer's statements and the state's tables. */
    @FunctionalInterface
    private interface Body<T> {
        T run(Statements statements, SqlTables tables);
    }

    /** Tells nothing. */
    private static final LongConsumer NO_PROGRESS = sequence -> { };

    /**
     * Runs {@code body} in one write transaction, alone: all of it is committed, or none. The store's
     * first checks its tables before it begins.
     */
    private <T> T transaction(Body<T> body) {
        if (readOnly()) {
            throw Database.readOnlyRefusal(location());
        }
        writeLock.lock();
        Connection connection = null;
        Statements statements = null;
        SqlTables tables = null;
        boolean begun = false;
        try {
            checkOpen();
            requireProjectionsChecked(NO_PROGRESS);
            connection = writerConnection();
            statements = writerStatements(connection);
            try {
                database.begin(connection, statements.context());
            } catch (SQLException | RuntimeException stale) {
                // A kept connection may have been ended by the server while the store was idle (the
                // driver then closes it); nothing was written yet, so the transaction starts once
                // more on a new connection. A busy or failing database is not tried again.
                if (!connection.isClosed()) {
                    throw stale;
                }
                closeQuietly(writerStatements, writer);
                writer = null;
                writerStatements = null;
                workingSet = null;
                connection = writerConnection();
                statements = writerStatements(connection);
                database.begin(connection, statements.context());
            }
            begun = true;
            tables = workingSet();
            tables.startTransaction();
            T result = body.run(statements, tables);
            tables.flush();
            database.commit(connection);
            begun = false;
            if (checkpointer != null) {
                checkpointer.committed();
            }
            tables.committed();
            return result;
        } catch (RuntimeException failure) {
            rollback(connection, begun, tables, failure);
            throw damaged(SqlErrors.translate(failure, "writing to " + location()));
        } catch (Error failure) {
            rollback(connection, begun, tables, failure);
            throw failure;
        } catch (SQLException failure) {
            rollback(connection, begun, tables, failure);
            throw damaged(SqlErrors.translate(failure, "writing to " + location()));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A write that found a damaged page records it beside the SQLite file ({@link IntegrityRecord}),
     * so that no later write appends to the file until it is restored; {@code failure} is returned.
     */
    private RuntimeException damaged(RuntimeException failure) {
        if (failure instanceof StorageException && ((StorageException) failure).code() == ErrorCode.STORAGE_CORRUPT
                && database instanceof Database.Sqlite) {
            IntegrityRecord.record(((Database.Sqlite) database).file(), "a write found a damaged page: "
                    + failure.getMessage());
        }
        return failure;
    }

    private void rollback(Connection connection, boolean begun, SqlTables tables, Throwable failure) {
        if (tables != null) {
            tables.discard();
        }
        if (connection == null) {
            return;
        }
        boolean reusable = true;
        if (begun) {
            try {
                database.rollback(connection);
            } catch (SQLException e) {
                failure.addSuppressed(e);
                reusable = false;
            }
        }
        // After the database itself failed (full, locked, broken), its prepared statements may be
        // unusable: start the next write on a fresh connection. A refusal leaves them intact.
        boolean databaseFailed = SqlErrors.fromDatabase(failure);
        if (!reusable || databaseFailed) {
            closeQuietly(writerStatements, writer);
            writer = null;
            writerStatements = null;
            workingSet = null;
        }
    }

    /** The writer's working set, made on its connection (connected if need be). Under the write lock. */
    private SqlTables workingSet() throws SQLException {
        if (workingSet == null) {
            Statements statements = writerStatements(writerConnection());
            workingSet = folds ? SqlTables.forFold(statements) : SqlTables.forWriter(statements);
        }
        return workingSet;
    }

    private Connection writerConnection() throws SQLException {
        if (writer == null) {
            Connection connection = database.connectWriter();
            if (checkpointer == null) {
                try {
                    checkpointer = database.startCheckpointer();
                } catch (SQLException | RuntimeException failure) {
                    closeQuietly(null, connection);
                    throw failure;
                }
            }
            writer = connection;
        }
        return writer;
    }

    /** What copies the writer's log into the database, once the writer has connected; or null. */
    private Checkpointer checkpointer;

    /** For tests: the store's checkpointer, or null. */
    Checkpointer checkpointer() {
        writeLock.lock();
        try {
            return checkpointer;
        } finally {
            writeLock.unlock();
        }
    }

    private Statements writerStatements(Connection connection) {
        if (writerStatements == null) {
            writerStatements = Statements.kept(connection, database.context(connection));
        }
        return writerStatements;
    }

    /** The writer of one transaction. */
    private static final class SqlWriter implements Writer {
        private final Statements statements;
        private final SqlTables tables;
        private final LedgerState state;
        /** How many events this writer appended. */
        private int appended;

        SqlWriter(Statements statements, SqlTables tables) {
            this.statements = statements;
            this.tables = tables;
            this.state = LedgerState.over(tables);
        }

        @Override
        public LedgerView view() {
            return state;
        }

        @Override
        public Optional<Event> findByKey(String idempotencyKey) {
            // An event appended lately is in memory (so is every one waiting to be written); a key
            // never appended costs no read; the database is asked about the others.
            Optional<Event> recent = tables.recentEvent(idempotencyKey);
            if (recent.isPresent() || !tables.mayHaveKey(idempotencyKey)) {
                return recent;
            }
            return SqlJournalStore.findByKey(statements, idempotencyKey);
        }

        @Override
        public void append(Event event) {
            appended++;
            tables.append(event);
            state.apply(event);
        }
    }

    private static Optional<Event> findByKey(Statements statements, String idempotencyKey) {
        Optional<Event> found = statements.get("eventByKey", context -> {
            org.casefunds.ledger.sql.schema.tables.Event previous = EVENT.as("previous");
            return context.select(EVENT.SEQUENCE, EVENT.KEY_DIGEST, EVENT.KIND, EVENT.EFFECTIVE_DATE, EVENT.ID,
                    EVENT.REQUEST_DIGEST, EVENT.BODY, EVENT.HASH, previous.HASH).from(EVENT).leftJoin(previous)
                    .on(previous.SEQUENCE.eq(EVENT.SEQUENCE.minus(inline(1L))))
                    .where(EVENT.KEY_DIGEST.eq(param("key", Long.class)));
        }).bind("key", StoredEvent.keyDigest(idempotencyKey)).fetchOptional(SqlJournalStore::decode);
        // Another key with the same digest (one chance in 2^64 per pair) is not this key: nothing was
        // recorded under it, and recording it is refused by the digest's uniqueness.
        return found.filter(event -> event.idempotencyKey().equals(idempotencyKey));
    }

    /**
     * Decodes the event in the current row of {@code row}: sequence, key_digest, kind, effective_date,
     * id, request_digest, body and hash, then the hash of the row before it (null if there is none);
     * see {@link #decode(long, long, long, long, byte[], byte[], byte[], byte[], byte[])}.
     */
    static Event decode(ResultSet row) throws SQLException {
        return decode(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getBytes(5),
                row.getBytes(6), row.getBytes(7), row.getBytes(8), row.getBytes(9));
    }

    /**
     * Decodes a stored event (its row's sequence, key digest, kind code, effective day, id, request
     * digest, packed body and hash, and the hash of the row before, null if there is none) and
     * checks it against its stored hash: the canonical text is put back together from them ({@link
     * StoredEvent}) and must hash to it; the key digest and the kind must be those of the event.
     *
     * @throws IntegrityException naming the event, if its row or the row before was changed after
     *     it was written
     */
    static Event decode(long sequence, long keyDigest, long kind, long day, byte[] id, byte[] requestDigest,
            byte[] body, byte[] hash, byte[] previousHash) {
        Event event;
        try {
            event = Event.decodeStored(StoredEvent.canonicalBytes(sequence, id, requestDigest, day, body,
                    previousHash), StoredEvent.hex(hash, sequence));
            if (StoredEvent.keyDigest(event.idempotencyKey()) != keyDigest) {
                throw new IllegalArgumentException("its row's key_digest " + keyDigest + " is not the digest of its"
                        + " key '" + event.idempotencyKey() + "'");
            }
            if (StoredEvent.kindCode(event.kind()) != kind) {
                throw new IllegalArgumentException("its row's kind " + kind + " is not the code of its kind "
                        + event.kind() + " (" + StoredEvent.kindCode(event.kind()) + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, "event", sequence,
                    "the stored event does not read back (" + e.getMessage() + "); it was changed after it was"
                            + " written", e);
        }
        if (event.sequence() != sequence) {
            throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, "event", sequence,
                    "the stored event says it is event " + event.sequence() + "; it was changed after it was written");
        }
        return event;
    }

    @Override
    public Stream<Event> read(long fromSequence) {
        return read(fromSequence, null);
    }

    /**
     * The events from {@code fromSequence} of the given kinds only, in sequence order: for readers
     * that look at a few kinds (the bank's lines, say) and need not decode the others. Close the stream.
     */
    @Override
    public Stream<Event> read(long fromSequence, Set<EventKind> kinds) {
        checkOpen();
        // In a snapshot the events are read in its transaction, on its connection, which stays open.
        boolean own = snapshot == null;
        Connection connection = null;
        try {
            connection = own ? database.connect() : snapshot.connection();
            if (own) {
                // PostgreSQL streams a cursor only inside a transaction; SQLite streams either way.
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            if (own && connection != null) {
                closeQuietly(null, connection);
            }
            throw SqlErrors.translate(e, "reading " + location());
        }
        return events(connection, own, fromSequence, kinds);
    }

    /**
     * The hash column alone, in sequence order: 32 bytes a row, not the packed texts, so that a
     * report names a million-event journal in well under a second.
     */
    @Override
    public Stream<String> storedHashes(long fromSequence) {
        checkOpen();
        boolean own = snapshot == null;
        Connection connection = null;
        PreparedStatement statement = null;
        try {
            connection = own ? database.connect() : snapshot.connection();
            if (own) {
                connection.setAutoCommit(false);
            }
            DSLContext context = database.context(connection);
            statement = connection.prepareStatement(context.render(context.select(EVENT.SEQUENCE, EVENT.HASH)
                    .from(EVENT).where(EVENT.SEQUENCE.ge(org.jooq.impl.DSL.val(fromSequence)))
                    .orderBy(EVENT.SEQUENCE)));
            statement.setLong(1, fromSequence);
            statement.setFetchSize(FETCH_ROWS);
            ResultSet rows = statement.executeQuery();
            PreparedStatement prepared = statement;
            Connection used = connection;
            Spliterator<String> hashes = new Spliterators.AbstractSpliterator<String>(Long.MAX_VALUE,
                    Spliterator.ORDERED | Spliterator.NONNULL) {
                @Override
                public boolean tryAdvance(java.util.function.Consumer<? super String> action) {
                    try {
                        if (!rows.next()) {
                            return false;
                        }
                        long sequence = rows.getLong(1);
                        try {
                            action.accept(StoredEvent.hex(rows.getBytes(2), sequence));
                        } catch (IllegalArgumentException damaged) {
                            throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, "event", sequence,
                                    damaged.getMessage() + "; it was changed after it was written: run the"
                                            + " ledger's verification", damaged);
                        }
                        return true;
                    } catch (SQLException e) {
                        throw SqlErrors.translate(e, "reading " + location());
                    }
                }
            };
            return StreamSupport.stream(hashes, false).onClose(() -> {
                try {
                    rows.close();
                    prepared.close();
                    if (own) {
                        used.rollback();
                    }
                } catch (SQLException e) {
                    // Nothing was written on a reading connection; closing it below is what matters.
                } finally {
                    if (own) {
                        closeQuietly(null, used);
                    }
                }
            });
        } catch (SQLException | RuntimeException e) {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // The failure below is what is reported.
                }
            }
            if (own && connection != null) {
                closeQuietly(null, connection);
            }
            throw SqlErrors.translate(e, "reading " + location());
        }
    }

    /** The events from {@code fromSequence} read through {@code context}'s connection and transaction. */
    Stream<Event> events(DSLContext context, long fromSequence) {
        return events(context.configuration().connectionProvider().acquire(), false, fromSequence, null);
    }

    /**
     * The events from {@code fromSequence} (of {@code kinds}, or all when null) on {@code connection};
     * closing the stream ends its transaction and closes it when the stream {@code owns} it.
     */
    private Stream<Event> events(Connection connection, boolean owns, long fromSequence, Set<EventKind> kinds) {
        PreparedStatement statement;
        ResultSet rows;
        try {
            DSLContext context = database.context(connection);
            org.jooq.Condition which = EVENT.SEQUENCE.ge(org.jooq.impl.DSL.val(fromSequence));
            if (kinds != null) {
                which = which.and(EVENT.KIND.in(kinds.stream().map(StoredEvent::kindCode).map(org.jooq.impl.DSL::inline)
                        .collect(Collectors.toList())));
            }
            // Rendered by jOOQ, read through plain JDBC: a million rows through jOOQ's records cost a fifth
            // of the time of reading the journal.
            // Each row with the hash of the row before it, which its canonical text holds.
            org.casefunds.ledger.sql.schema.tables.Event previous = EVENT.as("previous");
            org.jooq.ResultQuery<?> query = context.select(EVENT.SEQUENCE, EVENT.KEY_DIGEST, EVENT.KIND,
                    EVENT.EFFECTIVE_DATE, EVENT.ID, EVENT.REQUEST_DIGEST, EVENT.BODY, EVENT.HASH, previous.HASH)
                    .from(EVENT).leftJoin(previous).on(previous.SEQUENCE.eq(EVENT.SEQUENCE.minus(inline(1L))))
                    .where(which).orderBy(EVENT.SEQUENCE);
            statement = connection.prepareStatement(context.render(query));
            statement.setLong(1, fromSequence);
            statement.setFetchSize(FETCH_ROWS);
            rows = statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            if (owns) {
                closeQuietly(null, connection);
            }
            throw SqlErrors.translate(e, "reading " + location());
        }
        EventReader reader = new EventReader(rows, location());
        Spliterator<Event> events = Spliterators.spliteratorUnknownSize(reader,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(events, false).onClose(() -> {
            reader.cancel();
            try {
                rows.close();
                statement.close();
                if (owns) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                // Nothing was written on a reading connection; closing it below is what matters.
            }
            if (owns) {
                closeQuietly(null, connection);
            }
        });
    }

    @Override
    public Optional<Event> findByKey(String idempotencyKey) {
        checkOpen();
        try {
            return findByKey(Statements.fresh(readers, readerContext), idempotencyKey);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e, "reading " + location());
        }
    }

    /**
     * The state as of the last commit, or of the snapshot this store reads. Each call of the view
     * reads the database, on a connection shared by the readers of this store.
     */
    @Override
    public LedgerView view() {
        checkOpen();
        return LedgerState.over(SqlTables.live(Statements.fresh(readers, readerContext)));
    }

    /** A context whose queries run on the store's reading connection (its snapshot's, if it reads one). */
    org.jooq.DSLContext readerContext() {
        checkOpen();
        return readerContext;
    }

    /**
     * The connection of the snapshot this store reads, for reading large tables through plain JDBC;
     * the caller closes what it prepares on it, never the connection.
     *
     * @throws IllegalStateException if this store reads the last commit instead of one snapshot
     */
    Connection snapshotConnection() {
        checkOpen();
        if (snapshot == null) {
            throw new IllegalStateException("the store of " + location() + " reads no snapshot; take one with"
                    + " snapshot()");
        }
        return snapshot.connection();
    }

    /** Every account's balance at the end of {@code date}, from the index of daily changes. */
    @Override
    public List<AccountBalance> balances(LocalDate date) {
        return SqlReportSource.of(this).balances(date);
    }

    /**
     * Drops every projection and folds them again from the events, in one transaction: all of the
     * rebuild is committed, or the old projections stay. Memory stays bounded: summed balances are
     * written every {@value #REBUILD_FLUSH_EVENTS} events.
     *
     * @return how many events were folded
     */
    public long rebuildProjections() {
        writeLock.lock();
        boolean checkedBefore = projectionsChecked;
        try {
            // Folded afresh from the journal, the projections are the journal's by construction; a
            // rebuild that fails leaves the old ones, as unchecked as they were.
            projectionsChecked = true;
            return transaction((statements, tables) -> {
                dropProjections(statements.context());
                tables.forgetRows();
                LedgerState state = LedgerState.over(tables);
                long folded = 0;
                try (Stream<Event> events = read(1)) {
                    for (Iterator<Event> each = events.iterator(); each.hasNext();) {
                        state.apply(each.next());
                        if (++folded % REBUILD_FLUSH_EVENTS == 0) {
                            tables.flush();
                            tables.trim();
                        }
                    }
                }
                return folded;
            });
        } catch (RuntimeException | Error failed) {
            projectionsChecked = checkedBefore;
            throw failed;
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes the projection rows; the journal tables are untouched (and refuse it). */
    private static void dropProjections(DSLContext context) {
        context.deleteFrom(BALANCE).execute();
        context.deleteFrom(DAILY_CHANGE).execute();
        context.deleteFrom(LOT).execute();
        context.deleteFrom(RECEIPT).execute();
        context.deleteFrom(CASE_RECORD).execute();
        context.deleteFrom(BANK_ACCOUNT).execute();
        context.deleteFrom(DISBURSEMENT).execute();
        context.deleteFrom(REVERSAL).execute();
        context.deleteFrom(DEFERRAL).execute();
        context.deleteFrom(LOT_MOVEMENT).execute();
        context.deleteFrom(DISBURSEMENT_CHANGE).execute();
        context.deleteFrom(DEFERRAL_CHANGE).execute();
        context.deleteFrom(CASE_CHANGE).execute();
        context.deleteFrom(COURT_RULE).execute();
        context.deleteFrom(STAFF_CHANGE).execute();
        context.update(LEDGER_INFO).set(LEDGER_INFO.COURT_CODE, (String) null).set(LEDGER_INFO.COURT_NAME, (String) null)
                .set(LEDGER_INFO.OPENED_ON, (Long) null).set(LEDGER_INFO.LAST_SEQUENCE, 0L)
                .set(LEDGER_INFO.LAST_HASH, Event.GENESIS_HASH).set(LEDGER_INFO.CLOSED_THROUGH, (Long) null)
                .where(LEDGER_INFO.ID.eq(inline(1L))).execute();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store of " + location() + " is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (checkpointer != null) {
                checkpointer.close();
                checkpointer = null;
            }
            closeQuietly(writerStatements, writer);
            writer = null;
            writerStatements = null;
            workingSet = null;
            if (readers instanceof SharedConnection) {
                ((SharedConnection) readers).close();
            }
            if (ownsSnapshot) {
                snapshot.close();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Statements statements, Connection connection) {
        if (statements != null) {
            statements.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing after the work is done or failed; the work's own outcome is what is reported.
            }
        }
    }

    Database database() {
        return database;
    }

    /**
     * Limits the SQLite file to {@code pages} pages on the writer's connection, so that a test can
     * make the disk "full" (SQLITE_FULL) without filling a disk.
     */
    void limitPagesForTest(long pages) {
        writeLock.lock();
        try (java.sql.Statement statement = writerConnection().createStatement()) {
            statement.execute("PRAGMA max_page_count = " + pages);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "limiting " + location());
        } finally {
            writeLock.unlock();
        }
    }
}
