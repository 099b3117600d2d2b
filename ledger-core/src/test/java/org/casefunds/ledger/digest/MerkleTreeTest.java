package org.casefunds.ledger.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.casefunds.ledger.base.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Goal: the tree hashes exactly as RFC 6962 says, so that any other implementation of the RFC
 * computes the same roots and accepts the same proofs.
 *
 * <p>Method: known answers. The empty root and a one-leaf root follow from the definition by hand;
 * the eight leaves below and the roots, audit paths and consistency proofs over them are the test
 * data of the Certificate Transparency reference implementation (its Merkle tree tests), which every
 * RFC 6962 implementation reproduces.
 */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The reference leaves, as hex. */
    static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** The root of the first n reference leaves, n from 1 to 8. */
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static final String LEAF_1 = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
    private static final String LEAF_4 = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
    private static final String NODE_2_4 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
    private static final String NODE_4_8 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
    private static final String NODE_6_8 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
    private static final String NODE_4_6 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";

    static MerkleTree reference(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(HEX.parseHex(LEAVES.get(i)));
        }
        return MerkleTree.ofLeaves(leaves);
    }

    private static String sha256(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HEX.formatHex(digest.digest());
    }

    @Test
    void theEmptyTreesRootIsTheHashOfNothing() throws NoSuchAlgorithmException {
        assertEquals(sha256(), MerkleTree.EMPTY_ROOT);
        assertEquals(MerkleTree.EMPTY_ROOT, MerkleTree.ofLeaves(List.of()).root());
        assertEquals(MerkleTree.EMPTY_ROOT, reference(8).root(0));
    }

    @Test
    void aOneLeafTreesRootIsTheLeafHash() throws NoSuchAlgorithmException {
        byte[] leaf = HEX.parseHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        MerkleTree tree = MerkleTree.ofLeaves(List.of(leaf));
        assertEquals(sha256(new byte[] {0}, leaf), tree.root());
        assertEquals(tree.root(), tree.leafHash(0));
        assertEquals(ROOTS.get(0), sha256(new byte[] {0}), "the reference's first leaf is empty");
    }

    @Test
    void twoLeavesHashUnderTheNodePrefix() throws NoSuchAlgorithmException {
        MerkleTree tree = reference(2);
        assertEquals(sha256(new byte[] {1}, HEX.parseHex(tree.leafHash(0)), HEX.parseHex(tree.leafHash(1))),
                tree.root());
    }

    @Test
    void theRootsOfTheReferenceLeavesAreTheKnownOnes() {
        MerkleTree all = reference(8);
        for (int n = 1; n <= 8; n++) {
            assertEquals(ROOTS.get(n - 1), reference(n).root(), "root of " + n + " leaves");
            assertEquals(ROOTS.get(n - 1), all.root(n), "root of the first " + n + " of 8 leaves");
        }
    }

    @Test
    void theAuditPathsAreTheKnownOnes() {
        assertEquals(List.of(), reference(1).inclusionProof(0, 1).auditPath());
        assertEquals(List.of(LEAF_1, NODE_2_4, NODE_4_8), reference(8).inclusionProof(0, 8).auditPath());
        assertEquals(List.of(LEAF_4, NODE_6_8, ROOTS.get(3)), reference(8).inclusionProof(5, 8).auditPath());
        assertEquals(List.of(ROOTS.get(1)), reference(8).inclusionProof(2, 3).auditPath());
        assertEquals(List.of(ROOTS.get(0), NODE_2_4, LEAF_4), reference(8).inclusionProof(1, 5).auditPath());
    }

    @Test
    void theConsistencyProofsAreTheKnownOnes() {
        MerkleTree tree = reference(8);
        assertEquals(List.of(), tree.consistencyProof(1, 1).path());
        assertEquals(List.of(LEAF_1, NODE_2_4, NODE_4_8), tree.consistencyProof(1, 8).path());
        assertEquals(List.of(NODE_4_6, NODE_6_8, ROOTS.get(3)), tree.consistencyProof(6, 8).path());
        assertEquals(List.of(NODE_2_4, LEAF_4), tree.consistencyProof(2, 5).path());
    }

    @Test
    void theKnownProofsVerifyAndWrongRootsDoNot() {
        MerkleTree tree = reference(8);
        for (int n = 1; n <= 8; n++) {
            for (int i = 0; i < n; i++) {
                InclusionProof proof = tree.inclusionProof(i, n);
                assertTrue(proof.verifyLeaf(HEX.parseHex(LEAVES.get(i)), ROOTS.get(n - 1)), "leaf " + i + " of " + n);
                assertFalse(proof.verifyLeaf(HEX.parseHex(LEAVES.get(i)), ROOTS.get(n % 8)), "another root");
            }
            for (int m = 0; m <= n; m++) {
                String from = m == 0 ? MerkleTree.EMPTY_ROOT : ROOTS.get(m - 1);
                assertTrue(tree.consistencyProof(m, n).verify(from, ROOTS.get(n - 1)), m + " to " + n);
                if (m > 0 && m < n) {
                    assertFalse(tree.consistencyProof(m, n).verify(ROOTS.get(n - 1), ROOTS.get(n - 1)),
                            "a root that is not the earlier tree's");
                }
            }
        }
    }

    @Test
    void outOfRangeRequestsAreRefusedNamingTheField() {
        MerkleTree tree = reference(5);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> tree.inclusionProof(5, 5));
        assertEquals("leafIndex", refused.field().orElseThrow());
        refused = assertThrows(InvalidInputException.class, () -> tree.root(6));
        assertEquals("treeSize", refused.field().orElseThrow());
        refused = assertThrows(InvalidInputException.class, () -> tree.consistencyProof(4, 3));
        assertEquals("fromSize", refused.field().orElseThrow());
        refused = assertThrows(InvalidInputException.class, () -> new InclusionProof(0, 2, List.of("ABC")));
        assertEquals("auditPath[0]", refused.field().orElseThrow());
        assertTrue(refused.getMessage().contains("'ABC'"), refused.getMessage());
    }
}
