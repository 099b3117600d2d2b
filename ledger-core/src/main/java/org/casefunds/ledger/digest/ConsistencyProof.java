package org.casefunds.ledger.digest;

import java.util.Arrays;
import java.util.List;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.base.InvalidInputException;

/**
 * The proof that a Merkle tree of {@code fromSize} leaves is the beginning of a tree of
 * {@code toSize} leaves (RFC 6962 section 2.1.2): that every leaf of the first is, unchanged and in
 * its place, in the second. Whoever holds both roots checks it without either tree
 * ({@link #verify}, the algorithm of RFC 9162 section 2.1.4.2).
 *
 * <p>When {@code fromSize} is 0 or equals {@code toSize} the proof is empty: an empty tree is the
 * beginning of any tree, and a tree is the beginning of another of its size only if their roots
 * are equal.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param fromSize the number of leaves of the earlier tree
 * @param toSize the number of leaves of the later tree
 * @param path the hashes, 64 lower-case hex digits each
 */
public record ConsistencyProof(long fromSize, long toSize, List<String> path) {

    /** Checks the numbers and the hashes' form, and copies the path. */
    public ConsistencyProof {
        Checks.argument(fromSize >= 0, "fromSize", fromSize, "must not be negative");
        Checks.argument(toSize >= fromSize, "toSize", toSize,
                "must not be below the earlier tree's size " + fromSize);
        Checks.required(path, "path");
        Checks.size(path, "path", Limits.MERKLE_PROOF_HASHES_MAX);
        for (int i = 0; i < path.size(); i++) {
            MerkleTree.parseHash(path.get(i), "path[" + i + "]");
        }
        path = List.copyOf(path);
    }

    /**
     * Whether the tree of {@link #fromSize()} leaves whose root is {@code fromRoot} is the beginning
     * of the tree of {@link #toSize()} leaves whose root is {@code toRoot}.
     *
     * @throws InvalidInputException if a root is not a hash
     */
    public boolean verify(String fromRoot, String toRoot) {
        byte[] first = MerkleTree.parseHash(fromRoot, "fromRoot");
        byte[] second = MerkleTree.parseHash(toRoot, "toRoot");
        if (fromSize == toSize) {
            return path.isEmpty() && Arrays.equals(first, second);
        }
        if (fromSize == 0) {
            return path.isEmpty() && fromRoot.equals(MerkleTree.EMPTY_ROOT);
        }
        if (path.isEmpty()) {
            return false;
        }
        return verifyPath(first, second);
    }

    /** RFC 9162 section 2.1.4.2, step by step. */
    private boolean verifyPath(byte[] first, byte[] second) {
        int from = 0;
        byte[][] hashes = new byte[path.size() + 1][];
        // Step 2: when the earlier tree is a complete subtree, its root is the path's first hash.
        if (Long.bitCount(fromSize) == 1) {
            hashes[0] = first;
        } else {
            from = 1;
        }
        for (int i = 0; i < path.size(); i++) {
            hashes[i + 1] = MerkleTree.parseHash(path.get(i), "path[" + i + "]");
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = hashes[from];
        byte[] sr = hashes[from];
        for (int i = from + 1; i < hashes.length; i++) {
            byte[] c = hashes[i];
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, first) && Arrays.equals(sr, second) && sn == 0;
    }
}
