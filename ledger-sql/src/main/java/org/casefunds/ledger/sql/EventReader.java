package org.casefunds.ledger.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.casefunds.ledger.journal.Event;

/**
 * Reads stored events in order and decodes them ahead on other threads: decoding (unpacking each
 * text, checking it against its hash and parsing it) is most of the cost of reading a journal, and a reader that
 * verifies, reconciles or exports a million events would otherwise do it on one core. Rows are
 * fetched on the caller's thread, in chunks; each chunk is decoded by the pool; events come out in
 * sequence order, and a row that does not decode fails exactly where it stands.
 *
 * <p>Memory is bounded: at most {@value #CHUNKS_AHEAD} chunks of {@value #CHUNK_ROWS} rows are read
 * ahead. This class is not thread-safe: one stream uses it.
 */
final class EventReader implements Iterator<Event> {
    /** Rows decoded by one task. */
    static final int CHUNK_ROWS = 256;
    /** Chunks read ahead of the one being handed out. */
    static final int CHUNKS_AHEAD = 4;

    /** Decoding threads shared by every reader: one fewer than the processors, at least one. */
    private static final ExecutorService DECODERS = Workers.besideTheCaller("casefunds-event-decoder");

    /** What one row decoded to: the event, or why it did not decode. */
    private record Decoded(Event event, RuntimeException failure) {
    }

    /** A row as stored, with the hash of the row before it (null if there is none). */
    private record Row(long sequence, long keyDigest, long kind, long day, byte[] id, byte[] requestDigest,
            byte[] body, byte[] hash, byte[] previousHash) {
    }

    private final ResultSet rows;
    private final String location;
    private final Deque<Future<List<Decoded>>> ahead = new ArrayDeque<>();
    private Iterator<Decoded> current = Collections.emptyIterator();
    private boolean exhausted;

    /**
     * Reads {@code rows} of sequence, key digest, kind, effective day, id, request digest, body, hash
     * and the hash of the row before, as {@link SqlJournalStore#decode(ResultSet)} reads them.
     */
    EventReader(ResultSet rows, String location) {
        this.rows = rows;
        this.location = location;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            fill();
            if (ahead.isEmpty()) {
                return false;
            }
            current = take(ahead.removeFirst()).iterator();
        }
        return true;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Decoded decoded = current.next();
        if (decoded.failure() != null) {
            throw decoded.failure();
        }
        return decoded.event();
    }

    /** Reads rows until {@value #CHUNKS_AHEAD} chunks are on their way or the rows end. */
    private void fill() {
        while (!exhausted && ahead.size() < CHUNKS_AHEAD) {
            List<Row> chunk = new ArrayList<>(CHUNK_ROWS);
            try {
                while (chunk.size() < CHUNK_ROWS && rows.next()) {
                    chunk.add(new Row(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getBytes(5), rows.getBytes(6), rows.getBytes(7), rows.getBytes(8), rows.getBytes(9)));
                }
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "reading " + location);
            }
            exhausted = chunk.size() < CHUNK_ROWS;
            if (!chunk.isEmpty()) {
                ahead.addLast(DECODERS.submit(() -> decode(chunk)));
            }
        }
    }

    private static List<Decoded> decode(List<Row> chunk) {
        List<Decoded> decoded = new ArrayList<>(chunk.size());
        for (Row row : chunk) {
            try {
                decoded.add(new Decoded(SqlJournalStore.decode(row.sequence(), row.keyDigest(), row.kind(), row.day(),
                        row.id(), row.requestDigest(), row.body(), row.hash(), row.previousHash()), null));
            } catch (RuntimeException failure) {
                decoded.add(new Decoded(null, failure));
            }
        }
        return decoded;
    }

    private static List<Decoded> take(Future<List<Decoded>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the journal", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding events failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the chunks still on their way; the caller closes the rows. */
    void cancel() {
        ahead.forEach(chunk -> chunk.cancel(false));
        ahead.clear();
    }
}
