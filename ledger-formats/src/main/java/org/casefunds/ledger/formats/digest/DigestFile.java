package org.casefunds.ledger.formats.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;
import org.casefunds.ledger.digest.JournalDigest;
import org.casefunds.ledger.digest.JournalTree;
import org.casefunds.ledger.formats.Json;
import org.casefunds.ledger.formats.config.ConfigFiles;

/**
 * A digest as an auditor keeps it: a JSON file with the digest's fields, optionally its
 * {@linkplain DigestSignature signature}, and optionally the hashes of every event it covers, which
 * let a later check name the first event that changed (a root alone cannot).
 * <pre>{@code
 * {
 *   "format": "casefunds-digest v1",
 *   "court": "京02",
 *   "sequence": 1234,
 *   "headHash": "9f3c...",
 *   "merkleRoot": "51a0...",
 *   "madeAt": "2025-12-31T08:00:00Z",
 *   "signature": {"algorithm": "Ed25519", "keyFingerprint": "c0ff...", "publicKey": "MCowBQYDK2VwAyEA...",
 *                 "value": "base64 of 64 bytes"},
 *   "eventHashes": ["hash of event 1", "hash of event 2", "..."]
 * }
 * }</pre>
 * The signature covers the digest's fields only (its {@linkplain JournalDigest#canonicalText()
 * canonical text}); the event hashes need none of their own, as they must lead to the signed root
 * and are refused when they do not.
 *
 * <p>Reading is strict: an unknown or missing field, a malformed hash or key, a fingerprint that is
 * not the key's, hashes that do not lead to the root: each is refused naming the field and value.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param digest the digest
 * @param signature its signature, if it was signed
 * @param eventHashes the hashes of events 1 to {@code digest.sequence()}, if they were kept
 */
public record DigestFile(JournalDigest digest, Optional<DigestSignature> signature,
        Optional<List<String>> eventHashes) {
    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "casefunds-digest v1";

    /** Checks nothing is missing, and that kept hashes are the digest's. */
    public DigestFile {
        Checks.required(digest, "digest");
        Checks.required(signature, "signature");
        Checks.required(eventHashes, "eventHashes");
        eventHashes = eventHashes.map(List::copyOf);
        eventHashes.ifPresent(hashes -> JournalTree.of(digest.court(), hashes).requireLeadsTo(digest));
    }

    /** A file of {@code digest} alone: unsigned, without event hashes. */
    public static DigestFile of(JournalDigest digest) {
        return new DigestFile(digest, Optional.empty(), Optional.empty());
    }

    /** This file signed with {@code key}. */
    public DigestFile signedWith(PrivateKey key) {
        return new DigestFile(digest, Optional.of(DigestSignature.sign(digest, key)), eventHashes);
    }

    /** This file with the hashes of the events the digest covers, from {@code tree}. */
    public DigestFile withEventHashes(JournalTree tree) {
        Checks.argument(tree.size() >= digest.sequence(), "eventHashes", tree.size() + " hashes",
                "fewer than the digest's " + digest.sequence() + " events");
        List<String> hashes = new ArrayList<>((int) digest.sequence());
        for (long sequence = 1; sequence <= digest.sequence(); sequence++) {
            hashes.add(tree.eventHash(sequence));
        }
        return new DigestFile(digest, signature, Optional.of(hashes));
    }

    /** This file without the event hashes: the digest and its signature, as a proof file carries it. */
    public DigestFile withoutEventHashes() {
        return new DigestFile(digest, signature, Optional.empty());
    }

    /** The kept event hashes as a tree, to check a journal against ({@link JournalTree#check}). */
    public Optional<JournalTree> keptTree() {
        return eventHashes.map(hashes -> JournalTree.of(digest.court(), hashes));
    }

    // ------------------------------------------------------------------ the signature

    /**
     * Checks the signature, against {@code expected} when the auditor gives the key they trust
     * ({@code keyField}, such as {@code --key}, names it in a refusal). An unsigned digest passes
     * when no key is given, saying so; a signature that does not verify fails: the digest was
     * changed after it was signed.
     *
     * @throws InvalidInputException naming {@code signature} if a key is given and the digest is not
     *     signed, or {@code signature.keyFingerprint} if it was signed by another key
     */
    public FileCheck checkSignature(Optional<PublicKey> expected, String keyField) {
        Checks.required(expected, "expected");
        if (signature.isEmpty()) {
            if (expected.isPresent()) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, "signature", null, "the digest is not"
                        + " signed, so " + keyField + " has nothing to check; sign digests with `casefunds digest"
                        + " --sign PRIVATE.pem`, or check this one without " + keyField);
            }
            return new FileCheck("signature", true, "the digest is not signed: it is only as good as the copy you"
                    + " kept");
        }
        DigestSignature signed = signature.get();
        if (expected.isPresent() && !DigestKeys.fingerprint(expected.get()).equals(signed.keyFingerprint())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "signature.keyFingerprint",
                    signed.keyFingerprint(), "the digest was signed by another key than " + keyField
                            + " (fingerprint " + DigestKeys.fingerprint(expected.get()) + "); check it with the"
                            + " public key of the one that signed it");
        }
        if (!signed.verifies(digest)) {
            return new FileCheck("signature", false, "signature.value '" + DigestSignature.abbreviated(signed.value())
                    + "' does not verify for this digest under key " + signed.keyFingerprint() + ": the digest was"
                    + " changed after it was signed");
        }
        return new FileCheck("signature", true, "signed with " + DigestKeys.ALGORITHM + " by key "
                + signed.keyFingerprint() + (expected.isPresent() ? ", the key given with " + keyField
                        : ", the key the file names; give " + keyField + " PUBLIC.pem to check it is one you trust"));
    }

    // ------------------------------------------------------------------ JSON

    /** The file's JSON document. */
    @JsonPropertyOrder({"format", "court", "sequence", "headHash", "merkleRoot", "madeAt", "signature", "eventHashes"})
    record Document(String format, String court, Long sequence, String headHash, String merkleRoot, Instant madeAt,
            SignatureDocument signature, List<String> eventHashes) {
    }

    /** A signature as the file writes it. */
    @JsonPropertyOrder({"algorithm", "keyFingerprint", "publicKey", "value"})
    record SignatureDocument(String algorithm, String keyFingerprint, String publicKey, String value) {
    }

    /** The file's document, to write it or embed it in another (a proof). */
    Document document() {
        SignatureDocument signed = signature.map(each -> new SignatureDocument(each.algorithm(), each.keyFingerprint(),
                each.publicKey(), each.value())).orElse(null);
        return new Document(FORMAT, digest.court(), digest.sequence(), digest.headHash(), digest.merkleRoot(),
                digest.madeAt(), signed, eventHashes.orElse(null));
    }

    /** The file's text: indented JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(document()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a digest is always written", e);
        }
    }

    /**
     * Reads the text of a digest file; {@code source} names it in a refusal.
     *
     * @throws InvalidInputException naming the field, its value and {@code source}
     */
    public static DigestFile parse(String json, String source) {
        return fromDocument(ConfigFiles.parseDocument(json, source, Document.class), "", source);
    }

    /** The digest file of {@code document}; {@code prefix} is where it sits in its file (such as {@code digest.}). */
    static DigestFile fromDocument(Document document, String prefix, String source) {
        try {
            Checks.required(document.format(), "format");
            Checks.argument(document.format().equals(FORMAT), "format", document.format(),
                    "is not a digest file; its format is " + FORMAT);
            JournalDigest digest = new JournalDigest(document.court(), Checks.required(document.sequence(),
                    "sequence"), document.headHash(), document.merkleRoot(), document.madeAt());
            Optional<DigestSignature> signature = Optional.ofNullable(document.signature()).map(each ->
                    new DigestSignature(each.algorithm(), each.keyFingerprint(), each.publicKey(), each.value()));
            if (document.madeAt() != null && !document.madeAt().equals(digest.madeAt())) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, "madeAt", document.madeAt(),
                        "is written to the second in a digest");
            }
            return new DigestFile(digest, signature, Optional.ofNullable(document.eventHashes()));
        } catch (InvalidInputException refused) {
            throw located(refused, prefix, source);
        }
    }

    /**
     * {@code refused} with its field under {@code prefix} (where the object sits in its file) and the
     * file named, unless it names it already.
     */
    static InvalidInputException located(InvalidInputException refused, String prefix, String source) {
        String message = refused.getMessage();
        if (message.endsWith("(in " + source + ")")) {
            return refused;
        }
        String own = refused.field().map(name -> name + " ").orElse("");
        int colon = message.indexOf(": ");
        String reason = !own.isEmpty() && message.startsWith(own) && colon >= 0 ? message.substring(colon + 2) : message;
        return new InvalidInputException(refused.code(), refused.field().map(name -> prefix + name).orElse(null),
                refused.value().orElse(null), reason + " (in " + source + ")", refused);
    }

    /**
     * Reads the digest file {@code file}; {@code field} (the option that named it) names it when it
     * cannot be read.
     *
     * @throws InvalidInputException naming the field at fault and the file
     */
    public static DigestFile read(Path file, String field) {
        return parse(readText(file, field, Limits.DIGEST_FILE_BYTES_MAX), file.toString());
    }

    /** The text of {@code file}, refused naming {@code field} if it is missing, unreadable or too large. */
    static String readText(Path file, String field, long bytesMax) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "there is no such file");
            }
            if (Files.size(file) > bytesMax) {
                throw new InvalidInputException(ErrorCode.LIMIT_EXCEEDED, field, file, "is " + Files.size(file)
                        + " bytes long; at most " + bytesMax + " are read");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Writes the file to {@code file}, which must not exist: a digest an auditor kept is never
     * replaced by another.
     *
     * @throws InvalidInputException naming {@code field} if the file exists or cannot be written
     */
    public void writeNew(Path file, String field) {
        DigestKeys.writeNewFile(file, field, toJson(), false);
    }
}
