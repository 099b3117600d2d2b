package org.casefunds.ledger.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/*
 * Goal: for any leaves and any cut points m <= n, the tree's roots and proofs are those RFC 6962
 * defines, its proofs verify, and a proof never survives a change to the history it vouches for:
 * one leaf changed, removed, inserted, or two swapped, before the cut.
 *
 * Method: QuickTheories over random lists of 1 to 70 distinct leaves (sizes around powers of two
 * included) and random cuts, against a reference written here straight from the RFC's recursive
 * definitions of MTH, PATH and PROOF over byte lists, slow and obviously right. The mutations are
 * applied to the later tree; the earlier root is the digest an auditor kept. Raise the number of
 * examples with -Dproperty.examples=2000.
 */
class MerkleTreePropertiesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static QuickTheory examples() {
        return qt().withExamples(Integer.getInteger("property.examples", 200));
    }

    /** Distinct leaves: a random value and the leaf's position, 8 bytes. */
    private static Gen<List<byte[]>> leafLists() {
        return lists().of(integers().all()).ofSizeBetween(1, 70).map(values -> {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                leaves.add(ByteBuffer.allocate(8).putInt(values.get(i)).putInt(i).array());
            }
            return leaves;
        });
    }

    @Test
    void rootsAndProofsAreThoseTheRfcDefines() {
        examples().forAll(leafLists(), integers().between(0, 1000), integers().between(0, 1000))
                .checkAssert((leaves, a, b) -> {
                    MerkleTree tree = MerkleTree.ofLeaves(leaves);
                    int n = 1 + a % leaves.size();
                    int m = b % (n + 1);
                    List<byte[]> later = leaves.subList(0, n);
                    assertEquals(hex(mth(later)), tree.root(n), "MTH of " + n);
                    assertEquals(hex(mth(leaves.subList(0, m))), tree.root(m), "MTH of " + m);
                    int index = b % n;
                    assertEquals(hexes(path(index, later)), tree.inclusionProof(index, n).auditPath(), "PATH");
                    List<String> expected = m == 0 || m == n ? List.of() : hexes(subproof(m, later, true));
                    assertEquals(expected, tree.consistencyProof(m, n).path(), "PROOF(" + m + ", " + n + ")");
                });
    }

    @Test
    void everyProofVerifies() {
        examples().forAll(leafLists(), integers().between(0, 1000), integers().between(0, 1000))
                .checkAssert((leaves, a, b) -> {
                    MerkleTree tree = MerkleTree.ofLeaves(leaves);
                    int n = 1 + a % leaves.size();
                    int m = b % (n + 1);
                    assertTrue(tree.consistencyProof(m, n).verify(tree.root(m), tree.root(n)), m + " to " + n);
                    for (int i = 0; i < n; i++) {
                        assertTrue(tree.inclusionProof(i, n).verifyLeaf(leaves.get(i), tree.root(n)),
                                "leaf " + i + " of " + n);
                    }
                });
    }

    /** What is done to the later tree: each changes what came before the cut. */
    private enum Mutation {
        CHANGE, REMOVE, INSERT, SWAP
    }

    @Test
    void anyChangeBeforeTheCutBreaksTheProofs() {
        examples().forAll(leafLists(), integers().between(0, 1000), integers().between(0, 1000),
                integers().between(0, 4000)).checkAssert((leaves, a, b, choice) -> {
                    int kind = choice % Mutation.values().length;
                    int where = choice / Mutation.values().length;
                    int size = leaves.size();
                    int m = 1 + a % size;
                    String kept = MerkleTree.ofLeaves(leaves).root(m);
                    Mutation mutation = Mutation.values()[kind];
                    if (mutation == Mutation.SWAP && m < 2) {
                        mutation = Mutation.CHANGE;
                    }
                    List<byte[]> changed = new ArrayList<>(leaves);
                    int at = where % m;
                    switch (mutation) {
                        case CHANGE:
                            changed.set(at, ByteBuffer.allocate(9).put(leaves.get(at)).put((byte) 1).array());
                            break;
                        case REMOVE:
                            changed.remove(at);
                            break;
                        case INSERT:
                            changed.add(at, ByteBuffer.allocate(4).putInt(-1 - at).array());
                            break;
                        case SWAP:
                            int other = (at + 1 + b % (m - 1)) % m;
                            Collections.swap(changed, at, other);
                            break;
                        default:
                            throw new AssertionError(mutation);
                    }
                    MerkleTree later = MerkleTree.ofLeaves(changed);
                    int n = (int) later.size();
                    if (n < m) {
                        // The later tree is shorter than the digest: no consistency proof exists.
                        assertFalse(later.root().equals(kept), mutation + " at " + at);
                        return;
                    }
                    int to = m + b % (n - m + 1);
                    ConsistencyProof proof = later.consistencyProof(m, to);
                    assertFalse(proof.verify(kept, later.root(to)), mutation + " at " + at + ", " + m + " to " + to);
                    assertFalse(later.root(m).equals(kept), "the first " + m + " leaves' root");
                    // The leaf now at the changed position is not the kept tree's leaf there.
                    assertFalse(later.inclusionProof(at, m).verifyLeaf(changed.get(at), kept),
                            mutation + " at " + at + ": the leaf there proven against the kept root");
                });
    }

    @Test
    void aTamperedProofFails() {
        examples().forAll(leafLists(), integers().between(0, 1000), integers().between(0, 1000))
                .checkAssert((leaves, a, b) -> {
                    MerkleTree tree = MerkleTree.ofLeaves(leaves);
                    int n = 1 + a % leaves.size();
                    int index = b % n;
                    InclusionProof proof = tree.inclusionProof(index, n);
                    String root = tree.root(n);
                    if (!proof.auditPath().isEmpty()) {
                        List<String> path = new ArrayList<>(proof.auditPath());
                        int which = b % path.size();
                        path.set(which, flip(path.get(which)));
                        assertFalse(new InclusionProof(index, n, path).verifyLeaf(leaves.get(index), root), "flipped");
                        assertFalse(new InclusionProof(index, n, path.subList(0, path.size() - 1))
                                .verifyLeaf(leaves.get(index), root), "too short");
                    }
                    List<String> longer = new ArrayList<>(proof.auditPath());
                    longer.add(root);
                    assertFalse(new InclusionProof(index, n, longer).verifyLeaf(leaves.get(index), root), "too long");
                    if (n > 1) {
                        int other = (index + 1) % n;
                        assertFalse(proof.verifyLeaf(leaves.get(other), root), "another leaf");
                        assertFalse(new InclusionProof(other, n, proof.auditPath()).verifyLeaf(leaves.get(index), root),
                                "another index");
                    }
                    int m = b % (n + 1);
                    ConsistencyProof consistency = tree.consistencyProof(m, n);
                    if (!consistency.path().isEmpty()) {
                        List<String> path = new ArrayList<>(consistency.path());
                        int which = a % path.size();
                        path.set(which, flip(path.get(which)));
                        assertFalse(new ConsistencyProof(m, n, path).verify(tree.root(m), root), "flipped " + which);
                    }
                });
    }

    private static String flip(String hash) {
        char first = hash.charAt(0);
        return (first == '0' ? '1' : '0') + hash.substring(1);
    }

    // ------------------------------------------------------------------ the reference, from RFC 6962 section 2.1

    private static byte[] sha256(byte prefix, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prefix);
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            try {
                return MessageDigest.getInstance("SHA-256").digest();
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
        if (n == 1) {
            return sha256((byte) 0, d.get(0));
        }
        int k = k(n);
        return sha256((byte) 1, mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> result = new ArrayList<>();
        if (n == 1) {
            return result;
        }
        int k = k(n);
        if (m < k) {
            result.addAll(path(m, d.subList(0, k)));
            result.add(mth(d.subList(k, n)));
        } else {
            result.addAll(path(m - k, d.subList(k, n)));
            result.add(mth(d.subList(0, k)));
        }
        return result;
    }

    static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> result = new ArrayList<>();
        if (m == n) {
            if (!b) {
                result.add(mth(d));
            }
            return result;
        }
        int k = k(n);
        if (m <= k) {
            result.addAll(subproof(m, d.subList(0, k), b));
            result.add(mth(d.subList(k, n)));
        } else {
            result.addAll(subproof(m - k, d.subList(k, n), false));
            result.add(mth(d.subList(0, k)));
        }
        return result;
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static List<String> hexes(List<byte[]> hashes) {
        return hashes.stream().map(MerkleTreePropertiesTest::hex).toList();
    }
}
