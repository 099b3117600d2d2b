package org.casefunds.ledger.sql;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Canonical text as the tables keep it (schema 4): one byte naming the packing, then the text's
 * UTF-8 bytes, compressed or not. The packing is only how the bytes lie on disk: every reader
 * unpacks the exact text that was packed, and the hashes and checks run over that text as before.
 * See docs/design.md §7. Every packing ever written stays readable; new text is written with
 * packing {@value #ZSTD_2}.
 *
 * <p>Packing {@value #ZSTD_2}: Zstandard (RFC 8878) at level {@value #ZSTD_LEVEL}, one frame
 * without its magic number, checksum or dictionary id but with the text's size, compressed with the
 * dictionary {@code packed-text-2.dict} beside this class (32 KiB, trained by Zstandard's trainer
 * on the texts of a demonstration ledger: see {@code PackingDictionaryTrainer} in the tests). A
 * text of 1 KB packs in about 3 microseconds and unpacks in about 1.
 *
 * <p>Packing {@value #DICTIONARY_1}: DEFLATE (RFC 1951, no header) with the preset dictionary
 * {@code packed-text-1.dict}, about 8 KB of the canonical format's field names in their order and
 * common words of bank and company names: what schema 4 wrote first. It is read, never written
 * (but by tests that make such files); it took about 20 microseconds a text, most of it setting the
 * dictionary.
 *
 * <p>Packing {@value #PLAIN}: the text's UTF-8 bytes as they are, for a fold's scratch file, which
 * is written once, read once and deleted (compressing would cost it more than the bytes it saves).
 *
 * <p>Data written with a dictionary can only be read with the same bytes, so the dictionaries
 * never change (tests pin them): a better one would be another packing beside them.
 *
 * <p>This class is thread-safe: each thread keeps its own compressors and decompressors.
 */
final class PackedText {
    /** The first byte of text kept as its UTF-8 bytes, not compressed. */
    static final byte PLAIN = 0;
    /** The first byte of text packed with DEFLATE and dictionary 1 (read, no longer written). */
    static final byte DICTIONARY_1 = 1;
    /** The first byte of text packed with Zstandard and dictionary 2: what {@link #pack} writes. */
    static final byte ZSTD_2 = 2;
    /** Zstandard's level for packing 2: its default, as small as level 5 and twice as fast. */
    static final int ZSTD_LEVEL = 3;
    /** The most bytes unpacked text may have: beyond any canonical text, short of exhausting memory. */
    static final int UNPACKED_BYTES_MAX = 64 * 1024 * 1024;

    private static final byte[] DICTIONARY = dictionary("packed-text-1.dict");
    private static final byte[] DICTIONARY_2 = dictionary("packed-text-2.dict");
    /** Best compression, as packing 1 was written. */
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_COMPRESSION, true));
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private PackedText() {
    }

    private static byte[] dictionary(String name) {
        try (InputStream in = PackedText.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dictionary " + name + " is missing from the library's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the dictionary " + name + " cannot be read from the library's jar", e);
        }
    }

    /** The bytes of dictionary 1, for a test that pins them. */
    static byte[] dictionary1() {
        return DICTIONARY.clone();
    }

    /** The bytes of dictionary 2, for a test that pins them. */
    static byte[] dictionary2() {
        return DICTIONARY_2.clone();
    }

    /** {@code text} packed (packing {@value #ZSTD_2}). */
    static byte[] pack(String text) {
        return pack(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code text} kept plain: the packing byte {@value #PLAIN} and its UTF-8 bytes. Read like packed
     * text; for files that are written once, read once and deleted, where compressing costs more than
     * the bytes it saves.
     */
    static byte[] plain(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        out[0] = PLAIN;
        System.arraycopy(utf8, 0, out, 1, utf8.length);
        return out;
    }

    /** The UTF-8 text {@code utf8} packed (packing {@value #ZSTD_2}). */
    static byte[] pack(byte[] utf8) {
        try {
            return Zstandard.pack(utf8);
        } catch (LinkageError unloaded) {
            throw zstandardUnavailable(unloaded);
        }
    }

    /**
     * The UTF-8 text {@code utf8} packed with packing {@value #DICTIONARY_1}, which this library no
     * longer writes: for tests of files written before packing {@value #ZSTD_2}.
     */
    static byte[] packWithDictionary1(byte[] utf8) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setDictionary(DICTIONARY);
        deflater.setInput(utf8);
        deflater.finish();
        byte[] out = new byte[utf8.length / 2 + 64];
        out[0] = DICTIONARY_1;
        int length = 1;
        while (!deflater.finished()) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            length += deflater.deflate(out, length, out.length - length);
        }
        return Arrays.copyOf(out, length);
    }

    /**
     * The UTF-8 bytes of the text {@code stored} holds.
     *
     * @throws IllegalArgumentException saying what is wrong, if {@code stored} is not packed text
     *     (an unknown first byte, data that is not DEFLATE, that does not end where the bytes end,
     *     or that unpacks beyond {@value #UNPACKED_BYTES_MAX} bytes)
     */
    static byte[] unpack(byte[] stored) {
        if (stored != null && stored.length >= 1 && stored[0] == PLAIN) {
            return Arrays.copyOfRange(stored, 1, stored.length);
        }
        if (stored == null || stored.length < 2) {
            throw new IllegalArgumentException("the packed text is " + (stored == null ? "missing" : stored.length
                    + " byte(s) long") + "; packed text is a packing byte and compressed data");
        }
        if (stored[0] == ZSTD_2) {
            try {
                return Zstandard.unpack(stored);
            } catch (LinkageError unloaded) {
                throw zstandardUnavailable(unloaded);
            }
        }
        if (stored[0] != DICTIONARY_1) {
            throw new IllegalArgumentException("the packed text starts with byte " + (stored[0] & 0xff) + "; this"
                    + " version reads packing " + PLAIN + " (plain UTF-8), " + DICTIONARY_1
                    + " (DEFLATE with dictionary 1) and " + ZSTD_2 + " (Zstandard with dictionary 2) only");
        }
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        try {
            inflater.setDictionary(DICTIONARY);
            inflater.setInput(stored, 1, stored.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, stored.length * 4));
            byte[] chunk = new byte[Math.max(256, Math.min(stored.length * 8, 1 << 16))];
            while (!inflater.finished()) {
                int produced = inflater.inflate(chunk);
                if (produced == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("the packed text's DEFLATE data ends before its last block"
                            + " (" + stored.length + " bytes stored)");
                }
                out.write(chunk, 0, produced);
                if (out.size() > UNPACKED_BYTES_MAX) {
                    throw new IllegalArgumentException("the packed text unpacks to more than " + UNPACKED_BYTES_MAX
                            + " bytes; no canonical text is that long");
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new IllegalArgumentException("the packed text has " + inflater.getRemaining() + " byte(s) after"
                        + " the end of its DEFLATE data");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the packed text is not DEFLATE data of packing " + DICTIONARY_1 + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The text {@code stored} holds; see {@link #unpack}. */
    static String unpackText(byte[] stored) {
        return new String(unpack(stored), StandardCharsets.UTF_8);
    }

    /**
     * The text {@code stored} holds, or a description of why it holds none: for comparisons and
     * messages, which name a damaged value rather than stop at it.
     */
    static String describe(byte[] stored) {
        try {
            return unpackText(stored);
        } catch (IllegalArgumentException e) {
            return "(not packed text: " + e.getMessage() + ")";
        }
    }

    /**
     * What to do when the native library of Zstandard cannot be loaded (outside {@link Zstandard},
     * which then cannot be used at all).
     */
    private static IllegalStateException zstandardUnavailable(LinkageError unloaded) {
        return new IllegalStateException("the ledger's texts are packed with Zstandard (packing " + ZSTD_2
                + "), whose native library (zstd-jni) could not be loaded on this machine (" + unloaded
                + "). It is unpacked into the folder java.io.tmpdir names, which must be writable and allow"
                + " running programs: name another with -DZstdTempFolder=FOLDER, or the unpacked library"
                + " itself with -DZstdNativePath=FILE", unloaded);
    }

    /**
     * Packing {@value #ZSTD_2}, apart so that a machine where Zstandard's native library cannot be
     * loaded still reads packings 0 and 1 and says what is missing.
     */
    private static final class Zstandard {
        /** Dictionary 2 digested once for every thread (Zstandard's digested dictionaries are shared). */
        private static final ZstdDictCompress DICTIONARY = new ZstdDictCompress(DICTIONARY_2, ZSTD_LEVEL);
        private static final ZstdDictDecompress UNDICTIONARY = new ZstdDictDecompress(DICTIONARY_2);
        private static final ThreadLocal<ZstdCompressCtx> PACKERS = ThreadLocal.withInitial(() -> {
            ZstdCompressCtx packer = new ZstdCompressCtx();
            packer.setLevel(ZSTD_LEVEL);
            packer.setMagicless(true);
            packer.setChecksum(false);
            packer.setDictID(false);
            packer.setContentSize(true);
            packer.loadDict(DICTIONARY);
            return packer;
        });
        private static final ThreadLocal<ZstdDecompressCtx> UNPACKERS = ThreadLocal.withInitial(() -> {
            ZstdDecompressCtx unpacker = new ZstdDecompressCtx();
            unpacker.setMagicless(true);
            unpacker.loadDict(UNDICTIONARY);
            return unpacker;
        });

        private Zstandard() {
        }

        static byte[] pack(byte[] utf8) {
            byte[] out = new byte[1 + (int) Zstd.compressBound(utf8.length)];
            out[0] = ZSTD_2;
            int length = PACKERS.get().compressByteArray(out, 1, out.length - 1, utf8, 0, utf8.length);
            return Arrays.copyOf(out, 1 + length);
        }

        static byte[] unpack(byte[] stored) {
            long size = Zstd.getFrameContentSize(stored, 1, stored.length - 1, true);
            if (size < 0 || Zstd.isError(size)) {
                throw new IllegalArgumentException("the packed text is not Zstandard data of packing " + ZSTD_2
                        + " (its frame header names no size: "
                        + (Zstd.isError(size) ? Zstd.getErrorName(size) : size) + ")");
            }
            if (size > UNPACKED_BYTES_MAX) {
                throw new IllegalArgumentException("the packed text unpacks to " + size + " bytes, more than "
                        + UNPACKED_BYTES_MAX + "; no canonical text is that long");
            }
            byte[] out = new byte[(int) size];
            int produced;
            try {
                produced = UNPACKERS.get().decompressByteArray(out, 0, out.length, stored, 1, stored.length - 1);
            } catch (ZstdException e) {
                throw new IllegalArgumentException("the packed text is not Zstandard data of packing " + ZSTD_2
                        + " whose frame ends where its " + stored.length + " bytes end (" + e.getMessage() + ")", e);
            }
            if (produced != size) {
                throw new IllegalArgumentException("the packed text unpacks to " + produced + " bytes, not the "
                        + size + " its frame header names");
            }
            return out;
        }
    }
}
