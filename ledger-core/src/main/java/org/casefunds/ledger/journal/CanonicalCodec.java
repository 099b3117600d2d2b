package org.casefunds.ledger.journal;

import static org.casefunds.ledger.journal.CodecPlan.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casefunds.ledger.base.TextValue;
import org.casefunds.ledger.journal.CanonicalText.Reader;
import org.casefunds.ledger.journal.CanonicalText.Writer;
import org.casefunds.ledger.journal.CodecPlan.RecordNode;

/**
 * The canonical text encoding of events and commands: the bytes that the hash chain and the
 * idempotency digest are computed over, and the form in which stores keep events.
 *
 * <h2>The format (version 1)</h2>
 * UTF-8 text, one field per line, each line {@code path=value} and ending in a line feed. The first
 * line is a header naming what is encoded and the version ({@code casefunds-event v1}). Then the
 * components of the record, in declaration order:
 * <ul>
 *   <li>a nested record writes its components with its path and a dot as prefix
 *       ({@code actor.id=li.ming});</li>
 *   <li>a component whose type is a sealed interface first writes {@code path.type=SimpleClassName},
 *       then the components of the actual record;</li>
 *   <li>a list or set writes {@code path.size=N}, then each element at {@code path.0},
 *       {@code path.1}, ...; a set is written in ascending order;</li>
 *   <li>a map (text to text) writes {@code path.size=N}, then {@code path.KEY=VALUE} in ascending
 *       key order;</li>
 *   <li>an empty {@link Optional} writes nothing; a present one writes its value at its path;</li>
 *   <li>scalars: text as is; integers in decimal; {@code true}/{@code false}; dates
 *       {@code 2025-03-04}; instants {@code 2025-03-04T08:15:30.120Z} ({@link Instant#toString()});
 *       money {@code CNY 1234.50}; currencies {@code CNY}; enums by name; UUIDs in their usual
 *       form; {@link TextValue}s by {@code toString()}.</li>
 * </ul>
 * In values, a backslash is written {@code \\}, a line feed {@code \n}, a carriage return
 * {@code \r}, and any other control character {@code \}{@code uXXXX}.
 *
 * <p>Decoding is strict: an unknown, missing, repeated or out-of-order line is an error, and
 * {@code encode(decode(text))} is checked to give back exactly {@code text}, so any changed byte
 * either breaks decoding or changes the hash.
 *
 * <p>Renaming or reordering a record component changes the encoding of every event that holds it
 * and so breaks the verification of journals already written: a golden-hash test guards it.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CanonicalCodec {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private CanonicalCodec() {
    }

    /** Encodes {@code value}, a record, under the given header line; never null. */
    public static String encode(String header, Record value) {
        return encode(header, value, Set.of());
    }

    /** Encodes {@code value} leaving out the named top-level components. */
    public static String encode(String header, Record value, Set<String> excludedComponents) {
        Writer writer = new Writer();
        writer.out.append(header).append('\n');
        ((RecordNode) node(value.getClass())).writeComponents(writer, value, excludedComponents);
        return writer.out.toString();
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(bytes));
    }

    /**
     * Decodes text written by {@link #encode(String, Record, Set)} back into a record of {@code type};
     * components left out when encoding are given by {@code supplied}.
     *
     * @throws IllegalArgumentException saying which line is wrong, if the text is not canonical
     */
    public static <T extends Record> T decode(
            String text, String header, Class<T> type, Map<String, Object> supplied) {
        Reader reader = Reader.parse(text, header);
        T value = type.cast(((RecordNode) node(type)).readComponents(reader, supplied));
        reader.requireAllUsed();
        // Strict decoding alone would accept values that a constructor normalises; encoding the
        // result again and comparing proves the text is the one canonical form of the value.
        String again = encode(header, value, supplied.keySet());
        if (!again.equals(text)) {
            throw new IllegalArgumentException("the text decodes but is not in canonical form "
                    + "(first difference at character " + firstDifference(again, text) + ")");
        }
        return value;
    }

    /**
     * Decodes like {@link #decode} but without encoding the result again to compare: for text whose
     * hash has just been checked against a stored hash, where any changed byte has already been found.
     */
    static <T extends Record> T decodeHashed(String text, String header, Class<T> type, Map<String, Object> supplied) {
        Reader reader = Reader.parse(text, header);
        T value = type.cast(((RecordNode) node(type)).readComponents(reader, supplied));
        reader.requireAllUsed();
        return value;
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

}
