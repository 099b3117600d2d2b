package org.casefunds.ledger.sql;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import org.casefunds.ledger.journal.Event;

/**
 * An event as its row keeps it (schema 4). The columns {@code sequence} and {@code effective_date}
 * hold two values of the event's canonical text, and the {@code hash} of the row before holds a
 * third, its {@code previousHash}: the stored {@code body} is the canonical text with these three
 * lines left empty ({@code sequence=}, {@code effectiveDate=}, {@code previousHash=}), packed
 * ({@link PackedText}). Reading puts the three values back from the columns and gets the exact
 * canonical text, whose SHA-256 must be the row's {@code hash} (32 bytes).
 *
 * <p>So the hash covers the columns too: an edited date, sequence or previous row breaks the event
 * where it stands, as an edited body does.
 *
 * <p>This class is thread-safe: it has no state.
 */
final class StoredEvent {
    private static final HexFormat HEX = HexFormat.of();
    private static final String HEADER_LINE = Event.CANONICAL_HEADER + "\n";
    private static final String SEQUENCE = "sequence=";
    private static final String EFFECTIVE_DATE = "\neffectiveDate=";
    private static final String PREVIOUS_HASH = "\npreviousHash=";
    private static final byte[] EMPTIED_SEQUENCE = (HEADER_LINE + SEQUENCE + "\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTIED_DATE = (EFFECTIVE_DATE + "\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTIED_PREVIOUS = (PREVIOUS_HASH + "\n").getBytes(StandardCharsets.UTF_8);

    private StoredEvent() {
    }

    /** The {@code body} of {@code event}'s row. */
    static byte[] body(Event event) {
        return body(event.canonicalText(), event.sequence(), event.effectiveDate(), event.previousHash());
    }

    /**
     * The {@code body} of the row of the event whose canonical text is {@code text}, with the three
     * values the columns and the row before hold left out.
     *
     * @throws IllegalArgumentException naming the line, if {@code text} does not hold these values
     *     where an event's canonical text holds them
     */
    static byte[] body(String text, long sequence, LocalDate effectiveDate, String previousHash) {
        String sequenceLine = HEADER_LINE + SEQUENCE + sequence + "\n";
        if (!text.startsWith(sequenceLine)) {
            throw new IllegalArgumentException("the text of event " + sequence + " does not begin with '"
                    + sequenceLine.replace("\n", "\\n") + "'");
        }
        String dateLine = EFFECTIVE_DATE + effectiveDate + "\n";
        int date = text.indexOf(EFFECTIVE_DATE);
        if (date < 0 || !text.startsWith(dateLine, date)) {
            throw new IllegalArgumentException("the text of event " + sequence + " has no line 'effectiveDate="
                    + effectiveDate + "'");
        }
        String previousLine = PREVIOUS_HASH + previousHash + "\n";
        if (!text.endsWith(previousLine)) {
            throw new IllegalArgumentException("the text of event " + sequence + " does not end with the line"
                    + " 'previousHash=" + previousHash + "'");
        }
        String emptied = HEADER_LINE + SEQUENCE + "\n" + text.substring(sequenceLine.length(), date) + EFFECTIVE_DATE
                + "\n" + text.substring(date + dateLine.length(), text.length() - previousLine.length())
                + PREVIOUS_HASH + "\n";
        return PackedText.pack(emptied);
    }

    /**
     * The UTF-8 bytes of the canonical text of the event in the row {@code sequence}, {@code day},
     * {@code body}, after the row whose hash is {@code previousHash} (null before the first event).
     *
     * @throws IllegalArgumentException saying what is wrong, if the body does not unpack to a text
     *     with the three lines emptied, or the row before is missing
     */
    static byte[] canonicalBytes(long sequence, long day, byte[] body, byte[] previousHash) {
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
        if (!startsWith(emptied, EMPTIED_SEQUENCE, 0)) {
            throw new IllegalArgumentException("its stored text does not begin with '" + HEADER_LINE.replace("\n",
                    "\\n") + "sequence=\\n'");
        }
        int date = indexOf(emptied, EMPTIED_DATE, EMPTIED_SEQUENCE.length - 1);
        int end = emptied.length - EMPTIED_PREVIOUS.length;
        if (date < 0 || date + EMPTIED_DATE.length > end) {
            throw new IllegalArgumentException("its stored text has no empty line 'effectiveDate='");
        }
        if (end < 0 || !startsWith(emptied, EMPTIED_PREVIOUS, end)) {
            throw new IllegalArgumentException("its stored text does not end with an empty line 'previousHash='");
        }
        byte[] sequenceValue = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        byte[] dateValue = LocalDate.ofEpochDay(day).toString().getBytes(StandardCharsets.US_ASCII);
        byte[] previousValue = previous.getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[emptied.length + sequenceValue.length + dateValue.length + previousValue.length];
        int at = 0;
        int sequenceEnd = EMPTIED_SEQUENCE.length - 1;
        at = copy(emptied, 0, sequenceEnd, text, at);
        at = copy(sequenceValue, 0, sequenceValue.length, text, at);
        int dateEnd = date + EMPTIED_DATE.length - 1;
        at = copy(emptied, sequenceEnd, dateEnd, text, at);
        at = copy(dateValue, 0, dateValue.length, text, at);
        int previousEnd = end + EMPTIED_PREVIOUS.length - 1;
        at = copy(emptied, dateEnd, previousEnd, text, at);
        at = copy(previousValue, 0, previousValue.length, text, at);
        copy(emptied, previousEnd, emptied.length, text, at);
        return text;
    }

    /** The 32 bytes of a hash written as 64 lower-case hex digits. */
    static byte[] hashBytes(String hash, long sequence) {
        if (hash == null || hash.length() != 64 || !hash.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("the hash of event " + sequence + " is '" + hash + "', not 64"
                    + " lower-case hex digits");
        }
        return HEX.parseHex(hash);
    }

    /** A stored hash as 64 lower-case hex digits. */
    static String hex(byte[] hash, long sequence) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("the stored hash of event " + sequence + " is " + (hash == null
                    ? "missing" : hash.length + " bytes long") + ", not 32 bytes");
        }
        return HEX.formatHex(hash);
    }

    private static int copy(byte[] from, int start, int end, byte[] to, int at) {
        System.arraycopy(from, start, to, at, end - start);
        return at + end - start;
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
