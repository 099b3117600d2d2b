package org.casefunds.ledger.formats.digest;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.digest.JournalDigest;

/**
 * An Ed25519 signature of a digest's {@linkplain JournalDigest#canonicalText() canonical text}
 * (its UTF-8 bytes, signed as they are), with the public key that checks it. The key in the file
 * only says which key signed; whether that is a key the auditor trusts is checked against a key
 * they hold ({@link DigestFile#checkSignature}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param algorithm always {@code Ed25519}
 * @param keyFingerprint the SHA-256 of the public key's X.509 encoding, 64 hex digits
 * @param publicKey the public key's X.509 encoding, base64
 * @param value the 64 bytes of the signature, base64
 */
public record DigestSignature(String algorithm, String keyFingerprint, String publicKey, String value) {
    /** The bytes of an Ed25519 signature. */
    private static final int SIGNATURE_BYTES = 64;

    /** Checks every field: the algorithm, the key, that the fingerprint is the key's, the signature's length. */
    public DigestSignature {
        Checks.required(algorithm, "signature.algorithm");
        Checks.argument(algorithm.equals(DigestKeys.ALGORITHM), "signature.algorithm", algorithm,
                "digests are signed with " + DigestKeys.ALGORITHM + " only");
        PublicKey key = DigestKeys.publicKey(base64(publicKey, "signature.publicKey"), "signature.publicKey",
                abbreviated(publicKey));
        Checks.required(keyFingerprint, "signature.keyFingerprint");
        String computed = DigestKeys.fingerprint(key);
        Checks.argument(keyFingerprint.equals(computed), "signature.keyFingerprint", keyFingerprint,
                "is not the fingerprint of signature.publicKey (" + computed + "): the file was changed");
        Checks.argument(base64(value, "signature.value").length == SIGNATURE_BYTES, "signature.value",
                abbreviated(value), "is not an " + DigestKeys.ALGORITHM + " signature of " + SIGNATURE_BYTES + " bytes");
    }

    /**
     * Signs {@code digest} with {@code key}; the public key is derived from it and the signature is
     * checked with it before it is returned.
     */
    public static DigestSignature sign(JournalDigest digest, PrivateKey key) {
        Checks.required(digest, "digest");
        Checks.required(key, "key");
        PublicKey publicKey = DigestKeys.publicKeyOf(key);
        try {
            Signature signer = Signature.getInstance(DigestKeys.ALGORITHM);
            signer.initSign(key);
            signer.update(digest.signedBytes());
            DigestSignature signature = new DigestSignature(DigestKeys.ALGORITHM, DigestKeys.fingerprint(publicKey),
                    Base64.getEncoder().encodeToString(publicKey.getEncoded()),
                    Base64.getEncoder().encodeToString(signer.sign()));
            Checks.invariant(signature.verifies(digest), "a signature just made verifies with the signer's public key");
            return signature;
        } catch (InvalidKeyException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "key", key.getAlgorithm(),
                    "cannot sign with this key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
    }

    /** The public key the signature names. */
    public PublicKey key() {
        return DigestKeys.publicKey(Base64.getDecoder().decode(publicKey), "signature.publicKey",
                abbreviated(publicKey));
    }

    /** Whether this is a signature of exactly {@code digest} by {@link #key()}. */
    public boolean verifies(JournalDigest digest) {
        try {
            Signature verifier = Signature.getInstance(DigestKeys.ALGORITHM);
            verifier.initVerify(key());
            verifier.update(digest.signedBytes());
            return verifier.verify(Base64.getDecoder().decode(value));
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
    }

    private static byte[] base64(String text, String field) {
        Checks.required(text, field);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, abbreviated(text),
                    "is not base64: " + e.getMessage(), e);
        }
    }

    static String abbreviated(String value) {
        return value == null || value.length() <= 24 ? value : value.substring(0, 21) + "...";
    }
}
