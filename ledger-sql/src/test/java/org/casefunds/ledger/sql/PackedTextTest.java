package org.casefunds.ledger.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.journal.Event;
import org.junit.jupiter.api.Test;

/**
 * Goal: packed text (packing 2, packing 1 of older files, or text kept plain) unpacks to exactly
 * the text given, the dictionaries it depends on never change, and bytes that are not packed text
 * are refused with a message that says what they are; an event's row gives back its exact
 * canonical text from its body and columns.
 *
 * <p>Method: round trips of texts of every shape (empty lines, Chinese, a long text), the
 * dictionaries' SHA-256 pinned, bytes written by the version before packing 2, damaged packings of
 * each kind, and an event text emptied and filled again.
 */
class PackedTextTest {
    /** The SHA-256 of packed-text-1.dict: data packed with it is read only with these very bytes. */
    private static final String DICTIONARY_1_SHA256 = "adc38f6a2caa8279c64aa67d6a155ee21c149fc0dda1efaa65b4eb0b5caf7498";
    /** The SHA-256 of packed-text-2.dict, likewise. */
    private static final String DICTIONARY_2_SHA256 = "39783b3204dcc64917a8972e727479bb144cf8a62162b3ef16f30d8bc8864ac9";
    /**
     * A receipt's text as packing 1 kept it, the bytes written by the version before packing 2:
     * files written then read the same forever.
     */
    private static final String RECEIPT_IN_PACKING_1 = "01c39fca0dad82fd20b9099a169f36ec7adab5f0c9ae5d865c00";
    private static final String RECEIPT = "casefunds-receipt v1\nkey=bank:1:SN1\npayer.name=债务人1\n";

    @Test
    void theDictionariesNeverChange() {
        assertEquals(DICTIONARY_1_SHA256, CanonicalCodec.sha256(PackedText.dictionary1()),
                "packed-text-1.dict was changed: every ledger written with it would no longer read");
        assertEquals(DICTIONARY_2_SHA256, CanonicalCodec.sha256(PackedText.dictionary2()),
                "packed-text-2.dict was changed: every ledger written with it would no longer read; add a"
                        + " packing 3 beside it instead");
    }

    @Test
    void textPackedBeforePacking2StillReads() {
        assertEquals(RECEIPT, PackedText.unpackText(HexFormat.of().parseHex(RECEIPT_IN_PACKING_1)));
    }

    @Test
    void textUnpacksToExactlyWhatWasPacked() {
        for (String text : new String[] {"", "\n", "casefunds-case v1\ncaseNumber=（2025）京02执1号\nhandler=judge.li\n",
                "payee.holder=北京某某有限公司\\n第二行\n", "x".repeat(200_000) + "\n"}) {
            byte[] packed = PackedText.pack(text);
            assertEquals(PackedText.ZSTD_2, packed[0]);
            assertEquals(text, PackedText.unpackText(packed));
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), PackedText.unpack(packed));
            byte[] first = PackedText.packWithDictionary1(text.getBytes(StandardCharsets.UTF_8));
            assertEquals(PackedText.DICTIONARY_1, first[0]);
            assertEquals(text, PackedText.unpackText(first), "packing 1");
            byte[] plain = PackedText.plain(text);
            assertEquals(PackedText.PLAIN, plain[0]);
            assertEquals(text, PackedText.unpackText(plain), "kept plain");
        }
    }

    @Test
    void whatIsNotPackedTextIsRefusedSayingWhatItIs() {
        byte[] packed = PackedText.pack("casefunds-receipt v1\nkey=bank:1:SN1\n");
        byte[] otherPacking = packed.clone();
        otherPacking[0] = 7;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PackedText.unpack(otherPacking));
        assertTrue(refused.getMessage().contains("starts with byte 7"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class, () -> PackedText.unpack(new byte[] {1}));
        assertTrue(refused.getMessage().contains("1 byte(s) long"), refused.getMessage());
        assertTrue(PackedText.describe(otherPacking).startsWith("(not packed text: "));

        // Packing 2: cut short, with bytes after its frame, or not Zstandard at all.
        refused = assertThrows(IllegalArgumentException.class,
                () -> PackedText.unpack(Arrays.copyOf(packed, packed.length - 3)));
        assertTrue(refused.getMessage().contains("not Zstandard data of packing 2"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class,
                () -> PackedText.unpack(Arrays.copyOf(packed, packed.length + 2)));
        assertTrue(refused.getMessage().contains("not Zstandard data of packing 2"), refused.getMessage());
        byte[] notZstd = ("\u0002" + "casefunds-receipt v1\n").getBytes(StandardCharsets.UTF_8);
        refused = assertThrows(IllegalArgumentException.class, () -> PackedText.unpack(notZstd));
        assertTrue(refused.getMessage().contains("not Zstandard data of packing 2"), refused.getMessage());

        // Packing 1, likewise.
        byte[] first = PackedText.packWithDictionary1("casefunds-receipt v1\nkey=bank:1:SN1\n"
                .getBytes(StandardCharsets.UTF_8));
        refused = assertThrows(IllegalArgumentException.class,
                () -> PackedText.unpack(Arrays.copyOf(first, first.length - 3)));
        assertTrue(refused.getMessage().contains("ends before its last block"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class,
                () -> PackedText.unpack(Arrays.copyOf(first, first.length + 2)));
        assertTrue(refused.getMessage().contains("2 byte(s) after the end"), refused.getMessage());
        byte[] notDeflate = ("\u0001" + "casefunds-receipt v1\n").getBytes(StandardCharsets.UTF_8);
        refused = assertThrows(IllegalArgumentException.class, () -> PackedText.unpack(notDeflate));
        assertTrue(refused.getMessage().contains("not DEFLATE data") || refused.getMessage().contains("ends before"),
                refused.getMessage());
    }

    @Test
    void anEventsRowGivesBackItsExactCanonicalText() {
        String previous = "ab".repeat(32);
        String id = "0ac3bd66-f826-3495-aa4f-ec957b7f1e3a";
        String digest = "5c".repeat(32);
        String text = Event.CANONICAL_HEADER + "\nsequence=12\nid=" + id + "\nidempotencyKey=k\\\\ey\nrequestDigest="
                + digest + "\neffectiveDate=2025-03-04\nrecordedAt=2025-03-04T08:00:00Z\nactor.id=li\n"
                + "payload.effectiveDate=2025-01-01\npreviousHash=" + previous + "\n";
        StoredEvent.Packed packed = StoredEvent.pack(text, 12, LocalDate.of(2025, 3, 4), previous);
        String emptied = PackedText.unpackText(packed.body());
        assertEquals(Event.CANONICAL_HEADER + "\nsequence=\nid=\nidempotencyKey=k\\\\ey\nrequestDigest=\n"
                + "effectiveDate=\nrecordedAt=2025-03-04T08:00:00Z\nactor.id=li\npayload.effectiveDate=2025-01-01\n"
                + "previousHash=\n", emptied);
        assertEquals(16, packed.id().length);
        assertEquals(32, packed.requestDigest().length);
        long day = LocalDate.of(2025, 3, 4).toEpochDay();
        assertEquals(text, new String(StoredEvent.canonicalBytes(12, packed.id(), packed.requestDigest(), day,
                packed.body(), StoredEvent.hashBytes(previous, 11)), StandardCharsets.UTF_8));

        // An id or request digest in another form than the columns hold stays in the text.
        String odd = text.replace("requestDigest=" + digest, "requestDigest=not-hex");
        StoredEvent.Packed kept = StoredEvent.pack(odd, 12, LocalDate.of(2025, 3, 4), previous);
        assertEquals(null, kept.requestDigest());
        assertTrue(PackedText.unpackText(kept.body()).contains("\nrequestDigest=not-hex\n"));
        assertEquals(odd, new String(StoredEvent.canonicalBytes(12, kept.id(), null, day, kept.body(),
                StoredEvent.hashBytes(previous, 11)), StandardCharsets.UTF_8));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoredEvent.pack(text, 12, LocalDate.of(2025, 3, 5), previous));
        assertTrue(refused.getMessage().contains("event 12 has 'effectiveDate=2025-03-04', not"
                + " 'effectiveDate=2025-03-05'"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class,
                () -> StoredEvent.pack(text, 12, LocalDate.of(2025, 3, 4), "cd".repeat(32)));
        assertTrue(refused.getMessage().contains("does not end with the line 'previousHash=cdcd"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class,
                () -> StoredEvent.canonicalBytes(12, packed.id(), packed.requestDigest(), day, packed.body(), null));
        assertTrue(refused.getMessage().contains("event 11, the one before it, is missing"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class,
                () -> StoredEvent.canonicalBytes(12, packed.id(), packed.requestDigest(), day, kept.body(),
                        StoredEvent.hashBytes(previous, 11)));
        assertTrue(refused.getMessage().contains("holds a value on the line 'requestDigest='"), refused.getMessage());
        refused = assertThrows(IllegalArgumentException.class, () -> StoredEvent.hashBytes("AB".repeat(32), 3));
        assertTrue(refused.getMessage().contains("the hash of event 3 is 'ABAB"), refused.getMessage());
    }

    @Test
    void everyKindOfEventHasItsCodeAndTheTableListsTheSame() throws Exception {
        for (EventKind kind : EventKind.values()) {
            assertEquals(kind.name(), StoredEvent.kindNames().get((int) StoredEvent.kindCode(kind) - 1));
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoredEvent.kindCode("RECEIPT_FORGED"));
        assertTrue(refused.getMessage().contains("'RECEIPT_FORGED' has no code"), refused.getMessage());
        try (SqlJournalStore store = TemporaryLedgers.newStore()) {
            List<String> table = store.readerContext().fetch("SELECT name FROM event_kind ORDER BY code")
                    .getValues(0, String.class);
            assertEquals(StoredEvent.kindNames(), table);
        }
    }
}
