package org.casefunds.ledger.sql;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.journal.Event;

/**
 * An event as its row keeps it (schema 4). Five values of the event's canonical text are kept in
 * the row's columns, or in the row before, rather than in its packed text: {@code sequence}, {@code
 * id} (16 bytes), {@code requestDigest} (32 bytes), {@code effectiveDate}, and {@code previousHash}
 * (the {@code hash} of the row before). The stored {@code body} is the canonical text with these
 * lines left empty ({@code sequence=}, ...), packed ({@link PackedText}). Reading puts the values
 * back from the columns and gets the exact canonical text, whose SHA-256 must be the row's {@code
 * hash} (32 bytes). An id or request digest that is not in the form these columns hold (a UUID; 64
 * lower-case hex digits) stays in the text and its column is null.
 *
 * <p>The idempotency key is in the text only; the row keeps its {@linkplain #keyDigest digest}, to
 * find it, and the {@linkplain #kindCode code} of its kind, to read a few kinds only. Reading checks
 * both against the text. So the hash covers every column: an edited date, id, digest, kind or
 * previous row breaks the event where it stands, as an edited body does.
 *
 * <p>This class is thread-safe: it has no state.
 */
final class StoredEvent {
    private static final HexFormat HEX = HexFormat.of();
    private static final String HEADER_LINE = Event.CANONICAL_HEADER + "\n";
    private static final String PREVIOUS_HASH = "previousHash";

    /**
     * The code of each kind of event in the column {@code kind}: its position here, from 1, as the
     * table {@code event_kind} lists them. A code is never changed or given to another kind; a new
     * kind is added at the end, here and in {@code event_kind} by a migration.
     */
    private static final List<String> KINDS = List.of("LEDGER_OPENED", "BANK_ACCOUNT_REGISTERED",
            "BANK_ACCOUNT_RETIRED", "CASE_OPENED", "CASE_HANDED_OVER", "PAYEE_CONFIRMED", "RECEIPT_RECORDED",
            "UNIDENTIFIED_CLAIMED", "PAYOUT_NOTICE_ISSUED", "SURPLUS_REFUND_ISSUED", "DEPOSIT_ISSUED",
            "UNIDENTIFIED_REFUND_ISSUED", "DISTRIBUTION_ISSUED", "DISBURSEMENT_SETTLED", "DISBURSEMENT_RETURNED",
            "EXECUTION_FEE_CHARGED", "FEES_SWEPT", "CASE_FUNDS_TRANSFERRED", "EVENT_REVERSED", "PERIOD_CLOSED",
            "DEFERRAL_GRANTED", "DEFERRAL_RENEWED", "DEFERRAL_LIFTED", "CALENDAR_YEAR_ADOPTED", "POLICY_ADOPTED",
            "STAFF_REGISTERED", "ROLE_GRANTED", "ROLE_REVOKED");

    /** What an event's row keeps besides its sequence, key digest, kind and date. */
    record Packed(byte[] id, byte[] requestDigest, byte[] body) {
    }

    private StoredEvent() {
    }

    /** The code of {@code kind} in the column {@code kind}. */
    static long kindCode(EventKind kind) {
        return kindCode(kind.name());
    }

    /**
     * The code of the kind named {@code name}.
     *
     * @throws IllegalArgumentException naming it, if it has no code
     */
    static long kindCode(String name) {
        int at = KINDS.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("the kind of event '" + name + "' has no code in the column kind");
        }
        return at + 1L;
    }

    /** Every kind's name, in the order of their codes from 1: what the table event_kind holds. */
    static List<String> kindNames() {
        return KINDS;
    }

    /**
     * The {@code key_digest} of the event whose idempotency key is {@code idempotencyKey}: the first 8
     * bytes of the SHA-256 of its UTF-8 bytes, as a signed big-endian number. The row keeps it, unique,
     * to find an event by its key; the key itself is in the text.
     */
    static long keyDigest(String idempotencyKey) {
        return Long.parseUnsignedLong(CanonicalCodec.sha256(idempotencyKey).substring(0, 16), 16);
    }

    /** What {@code event}'s row keeps of it besides its sequence, key digest, kind and date. */
    static Packed pack(Event event) {
        return pack(event.canonicalText(), event.sequence(), event.effectiveDate(), event.previousHash());
    }

    /**
     * What the row of the event whose canonical text is {@code text} keeps of it besides its
     * sequence, key digest, kind and date.
     *
     * @throws IllegalArgumentException naming the line, if {@code text} does not hold {@code
     *     sequence}, {@code effectiveDate} and {@code previousHash} where an event's canonical text
     *     holds them
     */
    static Packed pack(String text, long sequence, LocalDate effectiveDate, String previousHash) {
        if (!text.startsWith(HEADER_LINE)) {
            throw new IllegalArgumentException("the text of event " + sequence + " does not begin with '"
                    + Event.CANONICAL_HEADER + "'");
        }
        StringBuilder emptied = new StringBuilder(text.length());
        int[] at = {HEADER_LINE.length() - 1};
        emptied.append(HEADER_LINE, 0, at[0]);
        String sequenceValue = take(text, at, "sequence", sequence, emptied);
        if (!sequenceValue.equals(Long.toString(sequence))) {
            throw new IllegalArgumentException("the text of event " + sequence + " has 'sequence=" + sequenceValue
                    + "'");
        }
        String idValue = take(text, at, "id", sequence, emptied);
        byte[] id = uuidBytes(idValue);
        emptied.append(id == null ? idValue : "");
        String digestValue = take(text, at, "requestDigest", sequence, emptied);
        byte[] requestDigest = hexBytes(digestValue);
        emptied.append(requestDigest == null ? digestValue : "");
        String dateValue = take(text, at, "effectiveDate", sequence, emptied);
        if (!dateValue.equals(effectiveDate.toString())) {
            throw new IllegalArgumentException("the text of event " + sequence + " has 'effectiveDate=" + dateValue
                    + "', not 'effectiveDate=" + effectiveDate + "'");
        }
        String previousLine = "\n" + PREVIOUS_HASH + "=" + previousHash + "\n";
        if (!text.endsWith(previousLine)) {
            throw new IllegalArgumentException("the text of event " + sequence + " does not end with the line"
                    + " 'previousHash=" + previousHash + "'");
        }
        emptied.append(text, at[0], text.length() - previousLine.length()).append('\n').append(PREVIOUS_HASH)
                .append("=\n");
        return new Packed(id, requestDigest, PackedText.pack(emptied.toString()));
    }

    /**
     * Finds the top-level line {@code name=} at or after {@code at[0]} (the line feed before it), copies
     * the text up to its value into {@code emptied} (the line with its value left out), moves {@code
     * at[0]} to the line feed that ends it and returns its value.
     */
    private static String take(String text, int[] at, String name, long sequence, StringBuilder emptied) {
        String marker = "\n" + name + "=";
        int line = text.indexOf(marker, at[0]);
        if (line < 0) {
            throw new IllegalArgumentException("the text of event " + sequence + " has no line '" + name + "='");
        }
        int end = text.indexOf('\n', line + marker.length());
        if (end < 0) {
            throw new IllegalArgumentException("the text of event " + sequence + " does not end its line '" + name
                    + "='");
        }
        emptied.append(text, at[0], line).append(marker);
        at[0] = end;
        return text.substring(line + marker.length(), end);
    }

    /** The 16 bytes of {@code value} if it is a UUID in its one canonical form, else null. */
    private static byte[] uuidBytes(String value) {
        UUID id;
        try {
            id = UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!id.toString().equals(value)) {
            return null;
        }
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    /** The 32 bytes of {@code value} if it is 64 lower-case hex digits, else null. */
    private static byte[] hexBytes(String value) {
        if (value.length() != 64 || !value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null;
        }
        return HEX.parseHex(value);
    }

    /**
     * The UTF-8 bytes of the canonical text of the event in the row {@code sequence}, {@code id},
     * {@code requestDigest} (each null if the text keeps it), {@code day}, {@code body}, after the
     * row whose hash is {@code previousHash} (null if there is none).
     *
     * @throws IllegalArgumentException saying what is wrong, if the body does not unpack to a text
     *     with the lines the columns fill left empty, or the row before is missing
     */
    static byte[] canonicalBytes(long sequence, byte[] id, byte[] requestDigest, long day, byte[] body,
            byte[] previousHash) {
        String previous;
        if (previousHash == null) {
            if (sequence != 1) {
                throw new IllegalArgumentException("event " + (sequence - 1) + ", the one before it, is missing");
            }
            previous = Event.GENESIS_HASH;
        } else {
            previous = hex(previousHash, sequence - 1);
        }
        byte[] emptied = PackedText.unpack(body);
        byte[] header = HEADER_LINE.getBytes(StandardCharsets.US_ASCII);
        if (!startsWith(emptied, header, 0)) {
            throw new IllegalArgumentException("its stored text does not begin with '" + Event.CANONICAL_HEADER + "'");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(emptied.length + 160);
        int[] at = {header.length - 1};
        text.write(emptied, 0, at[0]);
        fill(emptied, at, "sequence", Long.toString(sequence), text);
        fill(emptied, at, "id", id == null ? null : uuid(id, sequence), text);
        fill(emptied, at, "requestDigest", requestDigest == null ? null : hex(requestDigest, sequence), text);
        fill(emptied, at, "effectiveDate", LocalDate.ofEpochDay(day).toString(), text);
        byte[] last = ("\n" + PREVIOUS_HASH + "=\n").getBytes(StandardCharsets.US_ASCII);
        int end = emptied.length - last.length;
        if (end < at[0] || !startsWith(emptied, last, end)) {
            throw new IllegalArgumentException("its stored text does not end with an empty line 'previousHash='");
        }
        text.write(emptied, at[0], end - at[0]);
        text.writeBytes(("\n" + PREVIOUS_HASH + "=" + previous + "\n").getBytes(StandardCharsets.US_ASCII));
        return text.toByteArray();
    }

    /**
     * Copies {@code emptied} from {@code at[0]} through the top-level line {@code name=} into {@code
     * text}, filled with {@code value} (which the line must wait for, empty) or kept as it is when
     * {@code value} is null; moves {@code at[0]} to the line feed that ends it.
     */
    private static void fill(byte[] emptied, int[] at, String name, String value, ByteArrayOutputStream text) {
        byte[] marker = ("\n" + name + "=").getBytes(StandardCharsets.US_ASCII);
        int line = indexOf(emptied, marker, at[0]);
        if (line < 0) {
            throw new IllegalArgumentException("its stored text has no line '" + name + "='");
        }
        int valueStart = line + marker.length;
        int end = valueStart;
        while (end < emptied.length && emptied[end] != '\n') {
            end++;
        }
        if (value != null && end != valueStart) {
            throw new IllegalArgumentException("its stored text holds a value on the line '" + name + "=' that its"
                    + " column fills");
        }
        text.write(emptied, at[0], valueStart - at[0]);
        if (value != null) {
            text.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        } else {
            text.write(emptied, valueStart, end - valueStart);
        }
        at[0] = end;
    }

    private static String uuid(byte[] id, long sequence) {
        if (id.length != 16) {
            throw new IllegalArgumentException("the stored id of event " + sequence + " is " + id.length
                    + " bytes long, not 16");
        }
        ByteBuffer bytes = ByteBuffer.wrap(id);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    /** The 32 bytes of a hash written as 64 lower-case hex digits. */
    static byte[] hashBytes(String hash, long sequence) {
        byte[] bytes = hash == null ? null : hexBytes(hash);
        if (bytes == null) {
            throw new IllegalArgumentException("the hash of event " + sequence + " is '" + hash + "', not 64"
                    + " lower-case hex digits");
        }
        return bytes;
    }

    /** 32 stored bytes (a hash, a digest) as 64 lower-case hex digits. */
    static String hex(byte[] hash, long sequence) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("a stored hash or digest of event " + sequence + " is " + (hash == null
                    ? "missing" : hash.length + " bytes long") + ", not 32 bytes");
        }
        return HEX.formatHex(hash);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        if (at < 0 || at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = Math.max(0, from); i + part.length <= bytes.length; i++) {
            if (startsWith(bytes, part, i)) {
                return i;
            }
        }
        return -1;
    }
}
