package org.casefunds.ledger.digest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.IntegrityException;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.journal.Event;
import org.casefunds.ledger.state.LedgerView;
import org.casefunds.ledger.store.JournalStore;

/**
 * A court's journal as a Merkle tree: leaf {@code i} (from 0) is event {@code i + 1}, and its
 * bytes are the 32 bytes of that event's hash (the 64 hex digits of {@link Event#hash()} decoded).
 * The event's hash already covers its whole canonical text and, through its previous hash, every
 * event before it; the tree adds what a chain cannot give: short proofs that an event is in the
 * journal and that a later journal begins with an earlier one.
 *
 * <p>It keeps every event's hash and the tree's nodes: about 96 bytes an event.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class JournalTree {
    private final String court;
    private final byte[] eventHashes;
    private final MerkleTree tree;

    private JournalTree(String court, byte[] eventHashes, MerkleTree tree) {
        this.court = court;
        this.eventHashes = eventHashes;
        this.tree = tree;
    }

    /**
     * The tree of the events in {@code store}, from the first to the last one recorded when this is
     * called (events appended meanwhile are left out), read once in order through the store's port.
     *
     * @throws IntegrityException if the events are not numbered 1, 2, ... or one's previous hash is
     *     not the hash of the event before it: the chain is broken, and {@code casefunds verify} names
     *     where
     */
    public static JournalTree read(JournalStore store) {
        return collect(store, (collector, last) -> {
            try (Stream<Event> events = store.read(1)) {
                Iterator<Event> each = events.iterator();
                String previous = Event.GENESIS_HASH;
                while (collector.size < last && each.hasNext()) {
                    Event event = each.next();
                    long expected = collector.size + 1;
                    if (event.sequence() != expected || !event.previousHash().equals(previous)) {
                        throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, "sequence", expected,
                                "the journal's hash chain breaks at this event (" + event.idempotencyKey()
                                        + "); no digest is made of a broken chain: run the ledger's verification");
                    }
                    collector.add(event.hash(), "hash");
                    previous = event.hash();
                }
            }
        });
    }

    /**
     * The tree of the events in {@code store}, from the first to the last one recorded when this is
     * called, built from the hashes as the store holds them ({@link JournalStore#storedHashes}),
     * without reading the events: what a report names the journal it was computed from by. It does
     * not check the hashes against the events' texts or each other; {@link #read} and the ledger's
     * verification do.
     *
     * @throws IntegrityException if the store holds fewer hashes than its recorded last event
     */
    public static JournalTree fromStoredHashes(JournalStore store) {
        return collect(store, (collector, last) -> {
            try (Stream<String> hashes = store.storedHashes(1)) {
                Iterator<String> each = hashes.iterator();
                while (collector.size < last && each.hasNext()) {
                    collector.add(each.next(), "hash");
                }
            }
        });
    }

    /** How a store's hashes are gathered, up to its recorded last event. */
    @FunctionalInterface
    private interface Gathering {
        void gather(Collector collector, long last);
    }

    /** The tree of {@code store}'s events up to its recorded last one, their hashes gathered by {@code gathering}. */
    private static JournalTree collect(JournalStore store, Gathering gathering) {
        Checks.required(store, "store");
        LedgerView view = store.view();
        long last = view.lastSequence();
        Checks.invariant(last <= MerkleTree.SIZE_MAX, "a journal of at most " + MerkleTree.SIZE_MAX
                + " events has a Merkle tree");
        Collector collector = new Collector((int) last);
        gathering.gather(collector, last);
        if (collector.size < last) {
            throw new IntegrityException(ErrorCode.INTEGRITY_VIOLATION, "lastSequence", last,
                    "the journal ends at event " + collector.size + ", before its recorded last event");
        }
        return collector.build(view.courtCode().orElse(null));
    }

    /**
     * The tree of the events whose hashes are {@code eventHashes}, in order from event 1: for hashes
     * an auditor kept, and for tests.
     *
     * @throws InvalidInputException naming {@code eventHashes[i]} if one is not a hash
     */
    public static JournalTree of(String court, List<String> eventHashes) {
        Checks.required(eventHashes, "eventHashes");
        Checks.argument(eventHashes.size() <= MerkleTree.SIZE_MAX, "eventHashes", eventHashes.size() + " hashes",
                "a tree holds at most " + MerkleTree.SIZE_MAX);
        Collector collector = new Collector(eventHashes.size());
        for (int i = 0; i < eventHashes.size(); i++) {
            collector.add(eventHashes.get(i), "eventHashes[" + i + "]");
        }
        return collector.build(court);
    }

    /** Gathers the hashes and the tree's leaves in one pass. */
    private static final class Collector {
        private byte[] hashes;
        private final MerkleTree.Builder builder;
        private int size;

        Collector(int expected) {
            hashes = new byte[Math.max(1, Math.min(expected, 1 << 20)) * MerkleTree.HASH_BYTES];
            builder = MerkleTree.builder(expected);
        }

        void add(String hash, String field) {
            byte[] bytes = MerkleTree.parseHash(hash, field);
            if ((size + 1) * MerkleTree.HASH_BYTES > hashes.length) {
                hashes = Arrays.copyOf(hashes, (int) Math.min((long) hashes.length * 2,
                        (long) MerkleTree.SIZE_MAX * MerkleTree.HASH_BYTES));
            }
            System.arraycopy(bytes, 0, hashes, size * MerkleTree.HASH_BYTES, MerkleTree.HASH_BYTES);
            builder.add(bytes);
            size++;
        }

        JournalTree build(String court) {
            return new JournalTree(court, Arrays.copyOf(hashes, size * MerkleTree.HASH_BYTES), builder.build());
        }
    }

    /** The court code, once the ledger is opened. */
    public Optional<String> court() {
        return Optional.ofNullable(court);
    }

    /** How many events the tree holds: the sequence of the last. */
    public long size() {
        return tree.size();
    }

    /** The Merkle tree itself. */
    public MerkleTree tree() {
        return tree;
    }

    /** The hash of event {@code sequence}, from 1; 64 zeros for 0. */
    public String eventHash(long sequence) {
        if (sequence == 0) {
            return Event.GENESIS_HASH;
        }
        if (sequence < 0 || sequence > size()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "sequence", sequence,
                    "the journal holds events 1 to " + size());
        }
        int from = (int) (sequence - 1) * MerkleTree.HASH_BYTES;
        return MerkleTree.hex(Arrays.copyOfRange(eventHashes, from, from + MerkleTree.HASH_BYTES));
    }

    /** The hash of the last event; 64 zeros for an empty journal. */
    public String headHash() {
        return eventHash(size());
    }

    /**
     * The digest of the whole tree, made at {@code madeAt}.
     *
     * @throws InvalidInputException naming {@code court} if the ledger is not opened yet
     */
    public JournalDigest digest(Instant madeAt) {
        if (court == null) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, "court", null,
                    "the ledger is not opened yet, so it has no court to make a digest of; open it first");
        }
        return new JournalDigest(court, size(), headHash(), tree.root(), madeAt);
    }

    /**
     * The proof that event {@code sequence} is among the events {@code digest} covered, leading to
     * the digest's root. This tree must still begin with those events: check it first.
     *
     * @throws InvalidInputException naming {@code sequence} if the digest does not cover that event
     */
    public InclusionProof inclusionProof(long sequence, JournalDigest digest) {
        Checks.required(digest, "digest");
        if (sequence < 1 || sequence > digest.sequence()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "sequence", sequence, digest.sequence() == 0
                    ? "the digest covers no event"
                    : "the digest covers events 1 to " + digest.sequence() + "; a later event is proven against a"
                            + " later digest");
        }
        Checks.argument(digest.sequence() <= size(), "sequence", digest.sequence(),
                "the journal holds only " + size() + " events, fewer than the digest covered");
        return tree.inclusionProof(sequence - 1, digest.sequence());
    }

    /**
     * Checks that this journal still begins with exactly the events {@code digest} covered: the root
     * of its first {@code digest.sequence()} events must be the digest's, which the RFC 6962
     * consistency proof from the digest's tree to this one shows. When it is not, the first event
     * that differs is named if the auditor kept the digest's event hashes ({@code kept}); a root
     * alone cannot say which event changed.
     *
     * @param kept the event hashes kept with the digest, if any; they must lead to the digest's root
     * @throws InvalidInputException naming {@code court} if the digest is of another court, or
     *     {@code eventHashes} if the kept hashes are not the digest's
     */
    public DigestCheck check(JournalDigest digest, Optional<JournalTree> kept) {
        Checks.required(digest, "digest");
        Checks.required(kept, "kept");
        if (court == null || !court.equals(digest.court())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "court", digest.court(),
                    "the digest is of court " + digest.court() + ", this ledger is "
                            + (court == null ? "not opened yet" : "of court " + court)
                            + "; check the digest against its own court's ledger");
        }
        kept.ifPresent(hashes -> hashes.requireLeadsTo(digest));
        long m = digest.sequence();
        long n = size();
        if (m <= n) {
            ConsistencyProof proof = tree.consistencyProof(m, n);
            if (proof.verify(digest.merkleRoot(), tree.root()) && eventHash(m).equals(digest.headHash())) {
                String detail = m == n
                        ? "the journal holds exactly the " + m + " events the digest covered (root " + digest.merkleRoot()
                                + ")"
                        : "the journal's first " + m + " events are those the digest covered (root "
                                + digest.merkleRoot() + "): a consistency proof of " + proof.path().size()
                                + " hashes leads from the digest's tree to today's tree of " + n + " events (root "
                                + tree.root() + ")";
                return new DigestCheck(digest, n, headHash(), true, OptionalLong.empty(), detail);
            }
        }
        OptionalLong first = kept.map(this::firstDifference).orElse(OptionalLong.empty());
        String detail;
        if (first.isPresent() && first.getAsLong() > n) {
            detail = "the journal holds " + n + " events, the digest covered " + m + ": events " + (n + 1) + " to "
                    + m + " were removed";
        } else if (first.isPresent()) {
            long at = first.getAsLong();
            detail = "event " + at + " is not the event the digest covered: its hash is " + eventHash(at)
                    + ", the digest's journal had " + kept.get().eventHash(at) + (at < m ? ", and every later hash"
                    + " follows from it" : "");
        } else if (m > n) {
            detail = "the journal holds " + n + " events, the digest covered " + m + ": events were removed";
        } else {
            detail = "the root of the journal's first " + m + " events is " + tree.root(m) + ", the digest's is "
                    + digest.merkleRoot() + ": the journal no longer begins with the events the digest covered;"
                    + " the digest keeps no event hashes, so the first event that differs cannot be named";
        }
        return new DigestCheck(digest, n, headHash(), false, first, detail);
    }

    /**
     * Throws unless this tree is the one {@code digest} was made of: as many events, the same head,
     * the same root. For event hashes kept with a digest.
     *
     * @throws InvalidInputException naming {@code eventHashes} if it is not
     */
    public void requireLeadsTo(JournalDigest digest) {
        if (size() != digest.sequence() || !headHash().equals(digest.headHash())
                || !tree.root().equals(digest.merkleRoot())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "eventHashes", size() + " hashes, root "
                    + tree.root(), "the event hashes kept with the digest do not lead to its root " + digest.merkleRoot()
                    + " over " + digest.sequence() + " events: the file was changed; use the digest as it was made");
        }
    }

    /** The first event (from 1) whose hash differs from {@code kept}'s, or the first one missing from either. */
    private OptionalLong firstDifference(JournalTree kept) {
        long common = Math.min(size(), kept.size());
        for (long i = 0; i < common; i++) {
            if (!tree.sameLeaf(i, kept.tree, i)) {
                return OptionalLong.of(i + 1);
            }
        }
        return size() == kept.size() ? OptionalLong.empty() : OptionalLong.of(common + 1);
    }
}
