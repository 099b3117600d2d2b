package org.casefunds.ledger.digest;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;

/**
 * A Merkle tree as RFC 6962 (Certificate Transparency, section 2.1) defines it, over a list of
 * leaves in order: a leaf's hash is {@code SHA-256(0x00 || leaf)}, an inner node's
 * {@code SHA-256(0x01 || left || right)}, the root of no leaves {@code SHA-256()} of nothing, and a
 * list of {@code n > 1} leaves splits at the largest power of two below {@code n}. Then the root of
 * the first {@code m} leaves never changes when leaves are appended, and two short proofs exist:
 * that a leaf is in a tree ({@link InclusionProof}) and that a tree of {@code m} leaves is the
 * beginning of a tree of {@code n} ({@link ConsistencyProof}).
 *
 * <p>The tree keeps the hash of every complete, aligned subtree (two hashes a leaf), so the root of
 * any prefix and every proof take a number of steps logarithmic in the size: about 64 bytes of
 * memory a leaf, 64 MB for a million. At most {@value #SIZE_MAX} leaves.
 *
 * <p>Hashes are written as 64 lower-case hex digits, as the journal writes its own.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class MerkleTree {
    /** The most leaves one tree holds: the hashes of one level fit one Java array. */
    public static final int SIZE_MAX = Integer.MAX_VALUE / 32;
    /** The bytes of a SHA-256 hash. */
    static final int HASH_BYTES = 32;
    /** The root of a tree of no leaves: the SHA-256 of nothing. */
    public static final String EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final HexFormat HEX = HexFormat.of();
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    /** {@code levels[h]}: the hashes of the complete subtrees of 2^h leaves, left to right, packed. */
    private final byte[][] levels;
    private final int size;

    private MerkleTree(byte[][] levels, int size) {
        this.levels = levels;
        this.size = size;
    }

    /** The tree over {@code leaves}, each any bytes (the RFC's {@code d(i)}), in order; never null. */
    public static MerkleTree ofLeaves(List<byte[]> leaves) {
        Checks.required(leaves, "leaves");
        Builder builder = new Builder(leaves.size());
        leaves.forEach(builder::add);
        return builder.build();
    }

    /** A builder that takes the leaves one at a time; {@code expected} is a hint of their number. */
    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    /** Collects leaves, then builds the tree once. Not thread-safe. */
    public static final class Builder {
        private byte[] leafHashes;
        private int size;

        private Builder(int expected) {
            leafHashes = new byte[Math.max(1, Math.min(expected, 1 << 20)) * HASH_BYTES];
        }

        /** Appends a leaf: any bytes. */
        public Builder add(byte[] leaf) {
            Checks.required(leaf, "leaf");
            if (size == SIZE_MAX) {
                throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, "leaves", size + 1,
                        "a Merkle tree holds at most " + SIZE_MAX + " leaves");
            }
            if ((size + 1) * (long) HASH_BYTES > leafHashes.length) {
                long grown = Math.min((long) leafHashes.length * 2, (long) SIZE_MAX * HASH_BYTES);
                leafHashes = Arrays.copyOf(leafHashes, (int) grown);
            }
            MessageDigest digest = SHA_256.get();
            digest.reset();
            digest.update(LEAF_PREFIX);
            digest.update(leaf);
            finish(digest, leafHashes, size * HASH_BYTES);
            size++;
            return this;
        }

        /** The tree of the leaves added so far. */
        public MerkleTree build() {
            List<byte[]> levels = new ArrayList<>();
            byte[] level = Arrays.copyOf(leafHashes, size * HASH_BYTES);
            levels.add(level);
            int count = size;
            while (count > 1) {
                int pairs = count / 2;
                byte[] up = new byte[pairs * HASH_BYTES];
                for (int i = 0; i < pairs; i++) {
                    node(level, 2 * i * HASH_BYTES, level, (2 * i + 1) * HASH_BYTES, up, i * HASH_BYTES);
                }
                levels.add(up);
                level = up;
                count = pairs;
            }
            return new MerkleTree(levels.toArray(new byte[0][]), size);
        }
    }

    /** How many leaves the tree holds. */
    public long size() {
        return size;
    }

    /** The root of the whole tree. */
    public String root() {
        return HEX.formatHex(hash(0, size));
    }

    /**
     * The root of the tree of the first {@code treeSize} leaves (the RFC's {@code MTH(D[0:n])}):
     * the root this tree had when it held that many.
     *
     * @throws InvalidInputException if {@code treeSize} is negative or above {@link #size()}
     */
    public String root(long treeSize) {
        checkSize(treeSize, "treeSize");
        return HEX.formatHex(hash(0, (int) treeSize));
    }

    /** The hash of leaf {@code index} (from 0): {@code SHA-256(0x00 || leaf)}. */
    public String leafHash(long index) {
        checkIndex(index, size, "leafIndex");
        return HEX.formatHex(levels[0], (int) index * HASH_BYTES, ((int) index + 1) * HASH_BYTES);
    }

    /** Whether leaf {@code index} here and leaf {@code otherIndex} of {@code other} have the same hash. */
    public boolean sameLeaf(long index, MerkleTree other, long otherIndex) {
        checkIndex(index, size, "leafIndex");
        checkIndex(otherIndex, other.size, "leafIndex");
        int from = (int) index * HASH_BYTES;
        int otherFrom = (int) otherIndex * HASH_BYTES;
        return Arrays.equals(levels[0], from, from + HASH_BYTES, other.levels[0], otherFrom,
                otherFrom + HASH_BYTES);
    }

    /**
     * The proof that leaf {@code leafIndex} is in the tree of the first {@code treeSize} leaves (the
     * RFC's {@code PATH(m, D[0:n])}).
     *
     * @throws InvalidInputException unless {@code 0 <= leafIndex < treeSize <= size()}
     */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        checkSize(treeSize, "treeSize");
        checkIndex(leafIndex, treeSize, "leafIndex");
        List<String> path = new ArrayList<>();
        path(path, (int) leafIndex, 0, (int) treeSize);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /**
     * The proof that the tree of the first {@code fromSize} leaves is the beginning of the tree of
     * the first {@code toSize} (the RFC's {@code PROOF(m, D[0:n])}); empty when {@code fromSize} is 0
     * or equals {@code toSize}, where nothing is to prove beyond the roots themselves.
     *
     * @throws InvalidInputException unless {@code 0 <= fromSize <= toSize <= size()}
     */
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        checkSize(toSize, "toSize");
        if (fromSize < 0 || fromSize > toSize) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "fromSize", fromSize,
                    "must be from 0 to the later tree's size " + toSize);
        }
        List<String> path = new ArrayList<>();
        if (fromSize > 0 && fromSize < toSize) {
            subproof(path, (int) fromSize, 0, (int) toSize, true);
        }
        return new ConsistencyProof(fromSize, toSize, path);
    }

    // ------------------------------------------------------------------ RFC 6962 section 2.1

    /** {@code PATH(m, D[lo:hi])}, appended to {@code path}. */
    private void path(List<String> path, int m, int lo, int hi) {
        int n = hi - lo;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(path, m, lo, lo + k);
            path.add(HEX.formatHex(hash(lo + k, hi)));
        } else {
            path(path, m - k, lo + k, hi);
            path.add(HEX.formatHex(hash(lo, lo + k)));
        }
    }

    /** {@code SUBPROOF(m, D[lo:hi], b)}, appended to {@code path}. */
    private void subproof(List<String> path, int m, int lo, int hi, boolean complete) {
        int n = hi - lo;
        if (m == n) {
            if (!complete) {
                path.add(HEX.formatHex(hash(lo, hi)));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(path, m, lo, lo + k, complete);
            path.add(HEX.formatHex(hash(lo + k, hi)));
        } else {
            subproof(path, m - k, lo + k, hi, false);
            path.add(HEX.formatHex(hash(lo, lo + k)));
        }
    }

    /** {@code MTH(D[lo:hi])}: a stored node when the range is a complete aligned subtree. */
    private byte[] hash(int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return HEX.parseHex(EMPTY_ROOT);
        }
        if (Integer.bitCount(n) == 1 && lo % n == 0) {
            int level = Integer.numberOfTrailingZeros(n);
            int from = lo / n * HASH_BYTES;
            return Arrays.copyOfRange(levels[level], from, from + HASH_BYTES);
        }
        int k = split(n);
        byte[] left = hash(lo, lo + k);
        byte[] right = hash(lo + k, hi);
        byte[] parent = new byte[HASH_BYTES];
        node(left, 0, right, 0, parent, 0);
        return parent;
    }

    /** The largest power of two below {@code n}, for {@code n > 1}. */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    // ------------------------------------------------------------------ hashing

    /** {@code SHA-256(0x00 || leaf)}. */
    static byte[] leafHashOf(byte[] leaf) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(LEAF_PREFIX);
        digest.update(leaf);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    static byte[] nodeHash(byte[] left, byte[] right) {
        byte[] parent = new byte[HASH_BYTES];
        node(left, 0, right, 0, parent, 0);
        return parent;
    }

    private static void node(byte[] left, int leftFrom, byte[] right, int rightFrom, byte[] into, int intoFrom) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(NODE_PREFIX);
        digest.update(left, leftFrom, HASH_BYTES);
        digest.update(right, rightFrom, HASH_BYTES);
        finish(digest, into, intoFrom);
    }

    private static void finish(MessageDigest digest, byte[] into, int from) {
        try {
            digest.digest(into, from, HASH_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 hash is 32 bytes", e);
        }
    }

    // ------------------------------------------------------------------ checks

    private void checkSize(long treeSize, String field) {
        if (treeSize < 0 || treeSize > size) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, treeSize,
                    "must be from 0 to the tree's size " + size);
        }
    }

    private static void checkIndex(long index, long treeSize, String field) {
        if (index < 0 || index >= treeSize) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, index,
                    treeSize == 0 ? "the tree holds no leaf" : "must be from 0 to " + (treeSize - 1));
        }
    }

    /**
     * The 32 bytes of a SHA-256 hash written as 64 lower-case hex digits, as the journal and the tree
     * write them.
     *
     * @throws InvalidInputException naming {@code field} and the value, if it is not such a hash
     */
    public static byte[] parseHash(String hex, String field) {
        Checks.required(hex, field);
        if (hex.length() != 2 * HASH_BYTES || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, hex,
                    "is not a SHA-256 hash: write 64 lower-case hex digits");
        }
        return HEX.parseHex(hex);
    }

    /** {@code bytes} as lower-case hex. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
