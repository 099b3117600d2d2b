package org.casefunds.ledger.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.sql.schema.Tables;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Every projection table, every row, every column, against the journal: the journal is folded into
 * a new SQLite file by the same code that keeps the projections, and each table of the ledger is
 * compared with that file's, row by row in key order. A difference names the table, the row by its
 * key and the column, with both values.
 *
 * <p>The fold writes to a temporary file, so memory stays bounded whatever the journal's length and
 * the ledger itself is only read. It is what {@code verify} reports as "every projection row", and
 * what a store checks before it decides its first command: a row changed outside the ledger (a
 * payee added, two sub-accounts swapped, a retired account made active) is found before any
 * decision rests on it.
 */
final class ProjectionCheck {
    /** The most differences a result names; it counts them all. */
    static final int DIFFERENCES_NAMED_MAX = 10;
    /** How many events one transaction of the fold appends (they wait in memory till then). */
    private static final int EVENTS_PER_TRANSACTION = 5_000;

    /** The projection tables, in the order they are compared: everything but the journal itself. */
    static final List<Table<?>> TABLES = List.of(Tables.LEDGER_INFO, Tables.BANK_ACCOUNT, Tables.CASE_RECORD,
            Tables.CASE_CHANGE, Tables.RECEIPT, Tables.LOT, Tables.LOT_MOVEMENT, Tables.BALANCE, Tables.DAILY_CHANGE,
            Tables.DISBURSEMENT, Tables.DISBURSEMENT_CHANGE, Tables.REVERSAL, Tables.DEFERRAL, Tables.DEFERRAL_CHANGE,
            Tables.COURT_RULE, Tables.STAFF_CHANGE);

    /**
     * The outcome.
     *
     * @param rows how many rows were compared
     * @param differenceCount how many differ (rows only on one side, or columns)
     * @param named the first differences, each naming table, row, column and both values
     */
    record Result(long rows, long differenceCount, List<String> named) {
        boolean ok() {
            return differenceCount == 0;
        }

        /** One line for a report. */
        String describe() {
            return ok() ? rows + " rows of " + TABLES.size() + " tables equal the journal folded afresh, column by column"
                    : differenceCount + " difference(s) from the journal folded afresh, e.g. " + String.join("; ", named);
        }
    }

    private final List<String> named = new ArrayList<>();
    private long differences;
    private long rows;

    private ProjectionCheck() {
    }

    /**
     * Folds {@code events} (the whole journal, in order) into a new file and compares every
     * projection table of {@code ledger} with it. Read {@code ledger} and the events in one
     * transaction, so that both are the same moment of the ledger.
     */
    static Result compare(DSLContext ledger, Iterator<Event> events) {
        try (Fold fold = Fold.start()) {
            events.forEachRemaining(fold::add);
            return fold.compareWith(ledger);
        }
    }

    /**
     * The journal folded afresh into a new file, event by event, as a reader hands them over (an
     * audit folds the events it reads for its replay, so that the journal is read and decoded once):
     * only the projections are kept, the events themselves are the ledger's. Events are folded in
     * batches on a thread of the fold's own, while the reader goes on reading; at most two batches
     * are held. Closing it deletes the file. This class is not thread-safe: one reader feeds it.
     */
    static final class Fold implements AutoCloseable {
        private final Path folder;
        private final SqlJournalStore store;
        private final ExecutorService folding = Workers.oneInOrder("casefunds-projection-fold");
        private List<Event> waiting = new ArrayList<>(EVENTS_PER_TRANSACTION);
        /** The batch being folded, or null. */
        private Future<?> batch;

        private Fold(Path folder, SqlJournalStore store) {
            this.folder = folder;
            this.store = store;
        }

        /** A new fold of an empty journal, in a new temporary folder. */
        static Fold start() {
            Path folder;
            try {
                folder = Files.createTempDirectory("casefunds-projections-");
            } catch (IOException e) {
                throw new UncheckedIOException("creating a folder for the projections folded afresh", e);
            }
            try {
                return new Fold(folder, SqlJournalStore.forFold(folder.resolve("fold.db")));
            } catch (RuntimeException failure) {
                deleteQuietly(folder);
                throw failure;
            }
        }

        /**
         * Folds {@code event}, the one after the last added (the journal's first, to begin with).
         *
         * @throws RuntimeException what folding an earlier batch threw: the events contradict each
         *     other, or the fold's file failed
         */
        void add(Event event) {
            waiting.add(event);
            if (waiting.size() == EVENTS_PER_TRANSACTION) {
                handOver();
            }
        }

        /** Folds every event added, and returns when they are folded (or throws what folding threw). */
        void flush() {
            handOver();
            awaitBatch();
        }

        /** Starts folding the waiting events, once the batch before them is folded. */
        private void handOver() {
            awaitBatch();
            if (waiting.isEmpty()) {
                return;
            }
            List<Event> events = waiting;
            waiting = new ArrayList<>(EVENTS_PER_TRANSACTION);
            batch = folding.submit(() -> store.write(writer -> {
                events.forEach(writer::append);
                return null;
            }));
        }

        private void awaitBatch() {
            if (batch == null) {
                return;
            }
            Future<?> folded = batch;
            batch = null;
            try {
                folded.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while folding the journal afresh", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                        : new IllegalStateException("folding the journal afresh failed", e.getCause());
            }
        }

        /**
         * Compares every projection table of {@code ledger} with the journal folded so far. Read
         * {@code ledger} in the transaction the events were read in, so that both are the same moment.
         */
        Result compareWith(DSLContext ledger) {
            flush();
            ProjectionCheck check = new ProjectionCheck();
            store.readWith(folded -> {
                for (Table<?> table : TABLES) {
                    check.compare(table, ledger, folded);
                }
                return null;
            });
            return new Result(check.rows, check.differences, List.copyOf(check.named));
        }

        @Override
        public void close() {
            folding.shutdownNow();
            try {
                // A batch on its way (the audit stopped early) is interrupted and awaited: the file is
                // closed and deleted after it.
                folding.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                store.close();
            } finally {
                deleteQuietly(folder);
            }
        }
    }

    private void compare(Table<?> table, DSLContext ledger, DSLContext folded) {
        List<Field<?>> key = table.getPrimaryKey() != null ? table.getPrimaryKey().getFields().stream()
                .<Field<?>>map(field -> field).toList() : List.of(table.fields());
        try (Cursor<? extends Record> inFile = ledger.selectFrom(table).orderBy(order(key, ledger)).fetchLazy();
                Cursor<? extends Record> fromJournal = folded.selectFrom(table).orderBy(order(key, folded))
                        .fetchLazy()) {
            Record a = next(inFile);
            Record b = next(fromJournal);
            while (a != null || b != null) {
                int side = a == null ? 1 : b == null ? -1 : compareKeys(a, b, key);
                if (side < 0) {
                    differ(table.getName() + " row " + describeKey(a, key) + ": in the file, not in the journal");
                    a = next(inFile);
                } else if (side > 0) {
                    differ(table.getName() + " row " + describeKey(b, key) + ": in the journal, missing from the file");
                    b = next(fromJournal);
                } else {
                    rows++;
                    for (Field<?> field : table.fields()) {
                        if (sameValue(a.get(field), b.get(field))) {
                            continue;
                        }
                        String stored = text(a.get(field));
                        String expected = text(b.get(field));
                        if (!Objects.equals(stored, expected)) {
                            differ(table.getName() + " row " + describeKey(a, key) + " column " + field.getName()
                                    + ": the file holds " + abbreviate(stored) + ", the journal gives "
                                    + abbreviate(expected));
                        }
                    }
                    a = next(inFile);
                    b = next(fromJournal);
                }
            }
        }
    }

    /** Key order by code points' UTF-8 bytes on both databases: PostgreSQL sorts text by the "C" collation. */
    @SuppressWarnings("unchecked")
    private static List<SortField<?>> order(List<Field<?>> key, DSLContext context) {
        boolean postgres = context.dialect().family() == SQLDialect.POSTGRES;
        List<SortField<?>> order = new ArrayList<>();
        for (Field<?> field : key) {
            order.add(postgres && field.getType() == String.class ? ((Field<String>) field).collate(DSL.collation(DSL.quotedName("C"))).asc()
                    : field.asc());
        }
        return order;
    }

    private static Record next(Cursor<? extends Record> cursor) {
        return cursor.hasNext() ? cursor.fetchNext() : null;
    }

    private static int compareKeys(Record a, Record b, List<Field<?>> key) {
        for (Field<?> field : key) {
            Object x = a.get(field);
            Object y = b.get(field);
            int order;
            if (x instanceof Long left && y instanceof Long right) {
                order = Long.compare(left, right);
            } else {
                order = Objects.compare(text(x), text(y), (p, q) -> p == null ? (q == null ? 0 : -1)
                        : q == null ? 1 : compareText(p, q));
            }
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Text in the order both databases sort it with their binary collation: by UTF-8 bytes. */
    private static int compareText(String p, String q) {
        if (p.equals(q)) {
            return 0;
        }
        return java.util.Arrays.compareUnsigned(p.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                q.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String describeKey(Record row, List<Field<?>> key) {
        List<String> parts = new ArrayList<>();
        for (Field<?> field : key) {
            parts.add(field.getName() + "=" + text(row.get(field)));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /**
     * Whether two values are equal without making text of them: equal values, or bodies that unpack
     * to the same bytes. Anything else is compared as text, which also names what differs.
     */
    private static boolean sameValue(Object x, Object y) {
        if (x instanceof byte[] p && y instanceof byte[] q) {
            if (java.util.Arrays.equals(p, q)) {
                return true;
            }
            try {
                return java.util.Arrays.equals(PackedText.unpack(p), PackedText.unpack(q));
            } catch (IllegalArgumentException damaged) {
                return false;
            }
        }
        return Objects.equals(x, y);
    }

    private static String text(Object value) {
        // A packed body is compared as the canonical text it holds, and named by it.
        return value == null ? null : value instanceof byte[] ? SqlTables.text((byte[]) value) : value.toString();
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "nothing";
        }
        String oneLine = value.replace("\n", "\\n");
        return "'" + (oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine) + "'";
    }

    private void differ(String difference) {
        differences++;
        if (named.size() < DIFFERENCES_NAMED_MAX) {
            named.add(difference);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path each : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(each);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // A temporary file left behind is harmless; the check's result stands.
        }
    }
}
