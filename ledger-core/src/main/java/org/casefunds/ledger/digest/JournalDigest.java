package org.casefunds.ledger.digest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.journal.Event;

/**
 * What a journal held at one moment, in a few lines an auditor can keep: the court, how many
 * events, the last event's hash, and the root of the Merkle tree over every event's hash
 * ({@link JournalTree}). Whoever keeps a digest can later prove that the journal still begins with
 * exactly those events ({@link JournalTree#check}) and that a given event is one of them
 * ({@link InclusionProof}).
 *
 * <p>A digest is signed over its {@linkplain #canonicalText() canonical text}, the same line format
 * the journal's events are hashed in.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param court the code of the court whose journal it is, such as {@code 京02}
 * @param sequence the number of events covered: events 1 to {@code sequence}, the Merkle tree's size
 * @param headHash the hash of event {@code sequence}; 64 zeros for an empty journal
 * @param merkleRoot the root of the Merkle tree over the hashes of events 1 to {@code sequence}
 * @param madeAt when the digest was made, to the second; the caller's clock, never read here
 */
public record JournalDigest(String court, long sequence, String headHash, String merkleRoot, Instant madeAt) {
    /** The header line of a digest's canonical text; its version changes only with the format. */
    public static final String CANONICAL_HEADER = "casefunds-digest v1";

    /** Checks every field, and keeps {@code madeAt} to the second. */
    public JournalDigest {
        court = Checks.requiredText(court, "court", Limits.COURT_CODE_LENGTH_MAX);
        Checks.argument(sequence >= 0, "sequence", sequence, "must not be negative");
        MerkleTree.parseHash(headHash, "headHash");
        MerkleTree.parseHash(merkleRoot, "merkleRoot");
        Checks.argument(sequence > 0 || headHash.equals(Event.GENESIS_HASH), "headHash", headHash,
                "a digest of no events has 64 zeros as its head hash");
        Checks.argument(sequence > 0 || merkleRoot.equals(MerkleTree.EMPTY_ROOT), "merkleRoot", merkleRoot,
                "a digest of no events has the root of the empty tree, " + MerkleTree.EMPTY_ROOT);
        madeAt = Checks.required(madeAt, "madeAt").truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The text that is signed: a header line, then {@code name=value} per field in declaration
     * order, each ending in a line feed, in UTF-8:
     * <pre>{@code
     * casefunds-digest v1
     * court=京02
     * sequence=1234
     * headHash=9f3c...
     * merkleRoot=51a0...
     * madeAt=2025-12-31T08:00:00Z
     * }</pre>
     */
    public String canonicalText() {
        return CanonicalCodec.encode(CANONICAL_HEADER, this);
    }

    /** The canonical text's UTF-8 bytes: what a signature signs. */
    public byte[] signedBytes() {
        return canonicalText().getBytes(StandardCharsets.UTF_8);
    }
}
