package org.casefunds.ledger.formats.digest;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.digest.InclusionProof;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.MerkleTree;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.config.ConfigFiles;
import org.casefunds.ledger.journal.CanonicalCodec;
import org.casefunds.ledger.journal.Event;

/**
 * The proof that one event is among those a digest covered, in a file that is checked offline,
 * without the ledger: the event (its sequence, its hash and its canonical text, which hashes to
 * it), the RFC 6962 audit path from its leaf to the digest's root, and the digest itself with its
 * signature.
 * <pre>{@code
 * {
 *   "format": "casefunds-inclusion-proof v1",
 *   "event": {"sequence": 17, "hash": "5c1e...", "text": "casefunds-event v1\nsequence=17\n..."},
 *   "leafIndex": 16,
 *   "treeSize": 1234,
 *   "root": "51a0...",
 *   "auditPath": ["...", "..."],
 *   "digest": {"format": "casefunds-digest v1", "court": "京02", "sequence": 1234, ..., "signature": {...}}
 * }
 * }</pre>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sequence the event's sequence, from 1
 * @param eventHash the event's hash: the leaf's bytes, as hex
 * @param eventText the event's canonical text, whose SHA-256 is {@code eventHash}, if the proof carries it
 * @param proof the audit path, with the leaf's index and the tree's size
 * @param root the root the path leads to: the digest's
 * @param digest the digest the proof refers to, without its event hashes
 */
public record ProofFile(long sequence, String eventHash, Optional<String> eventText, InclusionProof proof, String root,
        DigestFile digest) {
    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "casefunds-inclusion-proof v1";

    /** Checks the form of every field; whether they agree is {@link #check}'s to say. */
    public ProofFile {
        Checks.argument(sequence >= 1, "event.sequence", sequence, "must be at least 1");
        MerkleTree.parseHash(eventHash, "event.hash");
        Checks.required(eventText, "event.text");
        Checks.required(proof, "proof");
        MerkleTree.parseHash(root, "root");
        Checks.required(digest, "digest");
        digest = digest.withoutEventHashes();
    }

    /**
     * The proof that {@code event} is in {@code digest}'s tree, with the path {@code proof} (from
     * {@code JournalTree.inclusionProof}).
     *
     * @throws InvalidInputException naming {@code event} if its text does not hash to its hash
     */
    public static ProofFile of(Event event, InclusionProof proof, DigestFile digest) {
        String text = event.canonicalText();
        Checks.argument(CanonicalCodec.sha256(text).equals(event.hash()), "event", event.sequence(),
                "its canonical text does not hash to its hash: the journal does not verify");
        return new ProofFile(event.sequence(), event.hash(), Optional.of(text), proof, digest.digest().merkleRoot(),
                digest);
    }

    /** The event, decoded from the text the proof carries, if it carries one that decodes. */
    public Optional<Event> event() {
        try {
            return eventText.map(text -> Event.decode(text, eventHash));
        } catch (IllegalArgumentException notAnEvent) {
            return Optional.empty();
        }
    }

    /**
     * Checks the proof: the digest's signature (against {@code expected}, the key the auditor trusts,
     * when given; {@code keyField} names it), that the proof leads to the digest's root over its
     * events, that the event's text hashes to the event's hash, and that the audit path leads from the
     * event's leaf to the root.
     *
     * @return every check, in that order; the proof holds if all do
     * @throws InvalidInputException as {@link DigestFile#checkSignature} does
     */
    public List<FileCheck> check(Optional<PublicKey> expected, String keyField) {
        List<FileCheck> checks = new ArrayList<>();
        checks.add(digest.checkSignature(expected, keyField));
        JournalDigest pinned = digest.digest();
        List<String> mismatches = new ArrayList<>();
        if (!root.equals(pinned.merkleRoot())) {
            mismatches.add("root '" + root + "' is not the digest's root " + pinned.merkleRoot());
        }
        if (proof.treeSize() != pinned.sequence()) {
            mismatches.add("treeSize '" + proof.treeSize() + "' is not the number of events the digest covers, "
                    + pinned.sequence());
        }
        if (proof.leafIndex() != sequence - 1) {
            mismatches.add("leafIndex '" + proof.leafIndex() + "' is not event " + sequence + "'s leaf, "
                    + (sequence - 1));
        }
        checks.add(new FileCheck("digest", mismatches.isEmpty(), mismatches.isEmpty() ? "the proof leads to the"
                + " root of the digest of court " + pinned.court() + " over events 1 to " + pinned.sequence()
                : String.join("; ", mismatches)));
        checks.add(textCheck());
        boolean included = proof.verifyLeaf(MerkleTree.parseHash(eventHash, "event.hash"), root);
        checks.add(new FileCheck("inclusion", included, included ? "the audit path of " + proof.auditPath().size()
                + " hashes leads from event " + sequence + "'s hash to the root " + root
                : "the audit path does not lead from event.hash '" + eventHash + "' at leaf " + proof.leafIndex()
                        + " to the root " + root + ": the event, the path or the root was changed"));
        return checks;
    }

    private FileCheck textCheck() {
        if (eventText.isEmpty()) {
            return new FileCheck("event", true, "the proof carries no text: only the event's hash is proven");
        }
        String computed = CanonicalCodec.sha256(eventText.get());
        if (!computed.equals(eventHash)) {
            return new FileCheck("event", false, "event.text hashes to " + computed + ", not to event.hash '"
                    + eventHash + "': the text was changed");
        }
        try {
            Event event = Event.decode(eventText.get(), eventHash);
            if (event.sequence() != sequence) {
                return new FileCheck("event", false, "event.text is event " + event.sequence() + ", not event.sequence '"
                        + sequence + "'");
            }
            return new FileCheck("event", true, "event " + sequence + " (" + event.idempotencyKey() + ", "
                    + event.kind() + ", effective " + event.effectiveDate() + ") hashes to " + eventHash);
        } catch (IllegalArgumentException notAnEvent) {
            return new FileCheck("event", false, "event.text is not an event: " + notAnEvent.getMessage());
        }
    }

    /** Whether every check passes. */
    public static boolean allHold(List<FileCheck> checks) {
        return checks.stream().allMatch(FileCheck::ok);
    }

    // ------------------------------------------------------------------ JSON

    /** The file's JSON document. */
    @JsonPropertyOrder({"format", "event", "leafIndex", "treeSize", "root", "auditPath", "digest"})
    record Document(String format, EventDocument event, Long leafIndex, Long treeSize, String root,
            List<String> auditPath, DigestFile.Document digest) {
    }

    /** The event as the proof writes it. */
    @JsonPropertyOrder({"sequence", "hash", "text"})
    record EventDocument(Long sequence, String hash, String text) {
    }

    /** The file's text: indented JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(new Document(FORMAT, new EventDocument(sequence, eventHash,
                    eventText.orElse(null)), proof.leafIndex(), proof.treeSize(), root, proof.auditPath(),
                    digest.document())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a proof is always written", e);
        }
    }

    /**
     * Reads the text of a proof file; {@code source} names it in a refusal.
     *
     * @throws InvalidInputException naming the field, its value and {@code source}
     */
    public static ProofFile parse(String json, String source) {
        Document document = ConfigFiles.parseDocument(json, source, Document.class);
        try {
            Checks.required(document.format(), "format");
            Checks.argument(document.format().equals(FORMAT), "format", document.format(),
                    "is not an inclusion proof; its format is " + FORMAT);
            EventDocument event = Checks.required(document.event(), "event");
            Checks.required(document.digest(), "digest");
            InclusionProof proof = new InclusionProof(Checks.required(document.leafIndex(), "leafIndex"),
                    Checks.required(document.treeSize(), "treeSize"), document.auditPath());
            return new ProofFile(Checks.required(event.sequence(), "event.sequence"), event.hash(),
                    Optional.ofNullable(event.text()), proof, document.root(),
                    DigestFile.fromDocument(document.digest(), "digest.", source));
        } catch (InvalidInputException refused) {
            throw DigestFile.located(refused, "", source);
        }
    }

    /** Reads the proof file {@code file}; {@code field} names it when it cannot be read. */
    public static ProofFile read(Path file, String field) {
        return parse(DigestFile.readText(file, field, Limits.PROOF_FILE_BYTES_MAX), file.toString());
    }

    /** Writes the file to {@code file}, which must not exist. */
    public void writeNew(Path file, String field) {
        DigestKeys.writeNewFile(file, field, toJson(), false);
    }
}
