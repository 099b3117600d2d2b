package org.casefunds.ledger.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.casefunds.ledger.accounts.Posting;
import org.casefunds.ledger.approvals.Actor;
import org.casefunds.ledger.approvals.Approval;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.events.EventPayload;

/**
 * One immutable entry of a court's journal. Everything that happens to the court's funds is an
 * event; all state is a fold over them.
 *
 * <p>The {@code hash} is the SHA-256 of the event's {@linkplain #canonicalText() canonical text},
 * which holds every other field, the previous event's hash included: changing any field of any
 * event breaks the chain at that event.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sequence the position in the journal, from 1, without gaps
 * @param id a UUID derived from the court code and the idempotency key (name-based, type 3)
 * @param idempotencyKey the key of the command that made the event, unique in the journal
 * @param requestDigest the SHA-256 of the command's canonical text, to tell a repeated command
 *     from a different one under the same key
 * @param effectiveDate the date the event takes effect: the bank value date for money
 * @param recordedAt when the ledger recorded it
 * @param actor who issued the command
 * @param approvals who approved it, possibly nobody
 * @param metadata free text fields the court's system attached to the command
 * @param payload what happened
 * @param postings the double entry: balances to zero per currency; empty for non-financial events
 * @param lotMovements how the event changed the lots of case and unidentified accounts
 * @param previousHash the hash of the previous event; 64 zeros for the first
 * @param hash the hash of this event
 */
public record Event(
        long sequence, UUID id, String idempotencyKey, String requestDigest, LocalDate effectiveDate,
        Instant recordedAt, Actor actor, List<Approval> approvals, Map<String, String> metadata,
        EventPayload payload, List<Posting> postings, List<LotMovement> lotMovements,
        String previousHash, String hash) {

    /** The header line of an event's canonical text; its version changes only with the format. */
    public static final String CANONICAL_HEADER = "casefunds-event v1";
    /** The previous hash of the first event. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** Copies the collections and checks nothing is missing. */
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestDigest, "requestDigest");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        approvals = List.copyOf(approvals);
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        postings = List.copyOf(postings);
        lotMovements = List.copyOf(lotMovements);
    }

    /** The kind of event, from its payload. */
    public EventKind kind() {
        return payload.kind();
    }

    /**
     * The last event sealed on each thread and its canonical text: a store writes the text of the
     * event just sealed, and a record has no field to keep it in, so it is not encoded twice.
     */
    private static final ThreadLocal<Object[]> LAST_SEALED = ThreadLocal.withInitial(() -> new Object[2]);

    /** The canonical text the hash is computed over: every field except the hash. */
    public String canonicalText() {
        Object[] last = LAST_SEALED.get();
        if (last[0] == this) {
            return (String) last[1];
        }
        return CanonicalCodec.encode(CANONICAL_HEADER, this, Set.of("hash"));
    }

    /** The hash this event should have: SHA-256 of its canonical text. */
    public String computeHash() {
        return CanonicalCodec.sha256(canonicalText());
    }

    /** This event with its hash computed; used when sealing a new event. */
    public Event sealed() {
        String text = canonicalText();
        Event event = new Event(sequence, id, idempotencyKey, requestDigest, effectiveDate, recordedAt, actor,
                approvals, metadata, payload, postings, lotMovements, previousHash, CanonicalCodec.sha256(text));
        // The hash is not part of the text, so the sealed event's text is the unsealed one's.
        Object[] last = LAST_SEALED.get();
        last[0] = event;
        last[1] = text;
        return event;
    }

    /**
     * Decodes an event from its canonical text and stored hash. The hash is not checked here; the
     * {@link ChainVerifier} does that.
     *
     * @throws IllegalArgumentException saying what is wrong, if the text is not a canonical event
     */
    public static Event decode(String canonicalText, String hash) {
        Map<String, Object> supplied = new HashMap<>();
        supplied.put("hash", hash);
        return CanonicalCodec.decode(canonicalText, CANONICAL_HEADER, Event.class, supplied);
    }

    /**
     * Decodes an event as a store keeps it: its text and the hash stored beside it. The text's own
     * hash is checked first, so any changed byte of the text is found; then the text is decoded
     * strictly. (It is not encoded again to compare, as {@link #decode} does: the chain holds the
     * hashes of these very bytes.)
     *
     * @throws IllegalArgumentException saying what is wrong, if the text does not match the hash or
     *     is not an event
     */
    public static Event decodeStored(String text, String hash) {
        return decodeStored(text, CanonicalCodec.sha256(text), hash);
    }

    /**
     * As {@link #decodeStored(String, String)}, from the text's UTF-8 bytes as a store holds them: the
     * hash is taken of the bytes themselves, without encoding the text again.
     */
    public static Event decodeStored(byte[] utf8, String hash) {
        return decodeStored(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), CanonicalCodec.sha256(utf8),
                hash);
    }

    private static Event decodeStored(String text, String computed, String hash) {
        if (!computed.equals(hash)) {
            throw new IllegalArgumentException("its text does not match its stored hash (stored " + hash
                    + ", computed " + computed + ")");
        }
        Map<String, Object> supplied = new HashMap<>();
        supplied.put("hash", hash);
        return CanonicalCodec.decodeHashed(text, CANONICAL_HEADER, Event.class, supplied);
    }

    /** The name-based id of the event with {@code idempotencyKey} in the journal of {@code courtCode}. */
    public static UUID idFor(String courtCode, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((courtCode + "\n" + idempotencyKey)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
