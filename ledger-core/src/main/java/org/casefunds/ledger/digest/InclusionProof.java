package org.casefunds.ledger.digest;

import java.util.Arrays;
import java.util.List;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;

/**
 * The proof that one leaf is in a Merkle tree (RFC 6962 section 2.1.1, the audit path): the hashes
 * of the subtrees beside the path from the leaf up to the root, lowest first. Whoever holds the
 * tree's root checks it with the leaf alone, without the tree ({@link #verifyLeaf}, the algorithm
 * of RFC 9162 section 2.1.3.2).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param leafIndex the leaf's position, from 0
 * @param treeSize the number of leaves of the tree whose root the proof leads to
 * @param auditPath the hashes, 64 lower-case hex digits each, lowest first
 */
public record InclusionProof(long leafIndex, long treeSize, List<String> auditPath) {
    /** Checks the numbers and the hashes' form, and copies the path. */
    public InclusionProof {
        Checks.argument(treeSize > 0, "treeSize", treeSize, "must be at least 1: an empty tree holds no leaf");
        Checks.argument(leafIndex >= 0 && leafIndex < treeSize, "leafIndex", leafIndex,
                "must be from 0 to the tree size less one (" + (treeSize - 1) + ")");
        Checks.required(auditPath, "auditPath");
        Checks.size(auditPath, "auditPath", Limits.MERKLE_PROOF_HASHES_MAX);
        for (int i = 0; i < auditPath.size(); i++) {
            MerkleTree.parseHash(auditPath.get(i), "auditPath[" + i + "]");
        }
        auditPath = List.copyOf(auditPath);
    }

    /**
     * Whether the leaf whose bytes are {@code leaf} is leaf {@link #leafIndex()} of the tree of
     * {@link #treeSize()} leaves whose root is {@code root}.
     *
     * @throws InvalidInputException if {@code root} is not a hash
     */
    public boolean verifyLeaf(byte[] leaf, String root) {
        Checks.required(leaf, "leaf");
        return verifyLeafHash(MerkleTree.leafHashOf(leaf), MerkleTree.parseHash(root, "root"));
    }

    /**
     * RFC 9162 section 2.1.3.2: walks from the leaf's hash up the path, each hash on the left or the
     * right as the leaf's position says, and must reach the root exactly when the path ends.
     */
    private boolean verifyLeafHash(byte[] leafHash, byte[] root) {
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (String each : auditPath) {
            byte[] p = MerkleTree.parseHash(each, "auditPath");
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }
}
