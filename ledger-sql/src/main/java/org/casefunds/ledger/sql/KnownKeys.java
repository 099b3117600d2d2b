package org.casefunds.ledger.sql;

/**
 * A compact set of 64-bit fingerprints of texts (idempotency keys, bank references, case numbers):
 * a writer asks it whether a key may exist before it asks the database. A key it never saw is
 * certainly absent, so the common case, a new key, costs no read; a key it saw (or a fingerprint
 * shared by two keys, about one in 10^13 pairs at a million keys) is looked up in the database, which
 * stays the authority. Eight bytes per key, in one open-addressing table of longs.
 *
 * <p>This class is not thread-safe; the writer confines it.
 */
final class KnownKeys {
    private static final long EMPTY = 0L;
    private long[] slots = new long[1 << 10];
    private int size;

    /** Adds {@code key}. */
    void add(String key) {
        addFingerprint(fingerprint(key));
    }

    /** Adds a key by a 64-bit digest of it taken elsewhere (the journal's key digest). */
    void addFingerprint(long digest) {
        long fingerprint = digest == EMPTY ? 1L : digest;
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (insert(slots, fingerprint)) {
            size++;
        }
    }

    /** Whether {@code key} may have been added: false means certainly not. */
    boolean mayContain(String key) {
        return mayContainFingerprint(fingerprint(key));
    }

    /** Whether a key with this digest may have been added: false means certainly not. */
    boolean mayContainFingerprint(long digest) {
        long fingerprint = digest == EMPTY ? 1L : digest;
        int mask = slots.length - 1;
        for (int slot = (int) fingerprint & mask;; slot = (slot + 1) & mask) {
            long held = slots[slot];
            if (held == fingerprint) {
                return true;
            }
            if (held == EMPTY) {
                return false;
            }
        }
    }

    /** How many distinct fingerprints it holds. */
    int size() {
        return size;
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long held : slots) {
            if (held != EMPTY) {
                insert(larger, held);
            }
        }
        slots = larger;
    }

    private static boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int slot = (int) fingerprint & mask;; slot = (slot + 1) & mask) {
            long held = table[slot];
            if (held == fingerprint) {
                return false;
            }
            if (held == EMPTY) {
                table[slot] = fingerprint;
                return true;
            }
        }
    }

    /** A 64-bit fingerprint of the text's characters, never {@link #EMPTY}. */
    static long fingerprint(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
        }
        // Spread the bits (the finaliser of MurmurHash3), so that the low bits index the table well.
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb93fe1a85ec5L;
        hash ^= hash >>> 33;
        return hash == EMPTY ? 1L : hash;
    }

    @Override
    public String toString() {
        return "KnownKeys[" + size + " of " + slots.length + " slots]";
    }
}
