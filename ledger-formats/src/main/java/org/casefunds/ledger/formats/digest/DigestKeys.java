package org.casefunds.ledger.formats.digest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.Limits;

/**
 * The Ed25519 keys that sign digests, with the JDK's own implementation, kept as PEM files: the
 * private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), the public key as X.509
 * SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), the forms OpenSSL writes and reads
 * ({@code openssl pkey -in private.pem -pubout} gives the public key of a private one).
 *
 * <p>A key is named by its fingerprint: the SHA-256 of its X.509 encoding, 64 hex digits.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class DigestKeys {
    /** The signature algorithm, as the JDK and the digest file name it. */
    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END ([A-Z0-9 ]+)-----");
    private static final int LINE_LENGTH = 64;

    private DigestKeys() {
    }

    /** A new key pair from the JDK's strongest random source. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
    }

    /** The private key as PEM text (PKCS#8). */
    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE_LABEL, key.getEncoded());
    }

    /** The public key as PEM text (X.509 SubjectPublicKeyInfo). */
    public static String publicPem(PublicKey key) {
        return pem(PUBLIC_LABEL, key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder text = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
            text.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
        }
        return text.append("-----END ").append(label).append("-----\n").toString();
    }

    /**
     * Reads an Ed25519 private key from PEM text; {@code field} and {@code source} (an option and a
     * file, say) name it in a refusal.
     *
     * @throws InvalidInputException naming {@code field} and {@code source}, saying what is wrong
     */
    public static PrivateKey parsePrivate(String pem, String field, String source) {
        byte[] der = der(pem, PRIVATE_LABEL, field, source);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw notAKey(field, source, "private", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
    }

    /**
     * Reads an Ed25519 public key from PEM text; {@code field} and {@code source} name it in a refusal.
     *
     * @throws InvalidInputException naming {@code field} and {@code source}, saying what is wrong
     */
    public static PublicKey parsePublic(String pem, String field, String source) {
        return publicKey(der(pem, PUBLIC_LABEL, field, source), field, source);
    }

    /** The Ed25519 public key whose X.509 encoding is {@code der}. */
    static PublicKey publicKey(byte[] der, String field, String source) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw notAKey(field, source, "public", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
    }

    private static InvalidInputException notAKey(String field, String source, String which, Exception e) {
        return new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "is not an " + ALGORITHM + " "
                + which + " key (" + e.getMessage() + "); make a key pair with `casefunds keygen`", e);
    }

    /** The bytes inside the one PEM block labelled {@code label}. */
    private static byte[] der(String pem, String label, String field, String source) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidInputException(ErrorCode.MISSING_VALUE, field, source, "is empty; a PEM file holds"
                    + " -----BEGIN " + label + "----- base64 lines -----END " + label + "-----");
        }
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "is not a PEM file: it has no"
                    + " -----BEGIN " + label + "----- ... -----END " + label + "----- block of base64 lines");
        }
        String begin = matcher.group(1);
        String base64 = matcher.group(2).replaceAll("\\s", "");
        if (!begin.equals(matcher.group(3))) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "is not a PEM file: it begins a "
                    + begin + " and ends a " + matcher.group(3));
        }
        if (!begin.equals(label)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "holds a " + begin + " where a "
                    + label + " is needed" + (begin.equals(PRIVATE_LABEL) ? "; give the public key, never the"
                    + " private one" : begin.equals(PUBLIC_LABEL) ? "; give the private key that signs" : ""));
        }
        if (matcher.find()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "holds more than one PEM block;"
                    + " give a file with the one key");
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            if (der.length == 0) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "has an empty " + label
                        + " block");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, source, "is not a PEM file: its base64"
                    + " does not decode (" + e.getMessage() + ")", e);
        }
    }

    /** The fingerprint of {@code key}: SHA-256 of its X.509 encoding, 64 lower-case hex digits. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no call for it, but its key pair
     * generator takes the 32 bytes of the private key from the random source it is given: given
     * exactly those bytes, it computes the public key beside them. The signer checks the result by
     * verifying what it signed.
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey) || ((EdECPrivateKey) key).getBytes().isEmpty()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "key", key.getAlgorithm(),
                    "is not an " + ALGORITHM + " private key whose bytes can be read");
        }
        byte[] seed = ((EdECPrivateKey) key).getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedOnce(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!MessageDigest.isEqual(pair.getPrivate().getEncoded(), key.getEncoded())) {
                throw new IllegalStateException("this Java platform's Ed25519 generator does not take the private key"
                        + " from the random source it is given");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
    }

    /** A random source that gives the same bytes once: the private key's. */
    private static final class SeedOnce extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedOnce(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " random bytes, not the key's "
                        + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }

    // ------------------------------------------------------------------ files

    /**
     * Reads the private key of the PEM file {@code file}; {@code field} (the option that named it)
     * names it in a refusal.
     *
     * @throws InvalidInputException naming {@code field} and the file if it is missing or not an
     *     Ed25519 private key
     */
    public static PrivateKey readPrivate(Path file, String field) {
        return parsePrivate(readPem(file, field), field, file.toString());
    }

    /** Reads the public key of the PEM file {@code file}; as {@link #readPrivate}. */
    public static PublicKey readPublic(Path file, String field) {
        return parsePublic(readPem(file, field), field, file.toString());
    }

    private static String readPem(Path file, String field) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "there is no such file");
            }
            if (Files.size(file) > Limits.KEY_FILE_BYTES_MAX) {
                throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "is " + Files.size(file)
                        + " bytes long, far more than a PEM key; give the key file");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new key pair: the private key readable by its owner only where the file system has
     * permissions. Neither file may exist: a key is never overwritten, as the digests it signed would
     * lose the key that checks them.
     *
     * @throws InvalidInputException naming {@code privateField} or {@code publicField} if its file
     *     exists, or both name the same file; nothing is written then
     */
    public static void writeNew(KeyPair pair, Path privateFile, String privateField, Path publicFile,
            String publicField) {
        if (privateFile.toAbsolutePath().normalize().equals(publicFile.toAbsolutePath().normalize())) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, publicField, publicFile,
                    "is the same file as " + privateField + "; give two files");
        }
        refuseExisting(privateFile, privateField);
        refuseExisting(publicFile, publicField);
        writeNewFile(privateFile, privateField, privatePem(pair.getPrivate()), true);
        try {
            writeNewFile(publicFile, publicField, publicPem(pair.getPublic()), false);
        } catch (RuntimeException failed) {
            try {
                Files.deleteIfExists(privateFile);
            } catch (IOException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }

    private static void refuseExisting(Path file, String field) {
        if (Files.exists(file)) {
            throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, field, file, "exists; a key is never"
                    + " overwritten: choose a new file, or move the old one away if you mean to replace it");
        }
    }

    /** Writes {@code text} to a new file, refusing an existing one. */
    static void writeNewFile(Path file, String field, String text, boolean secret) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "its folder " + folder
                    + " does not exist; create it or choose a file in an existing folder");
        }
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // The private key is created readable by its owner only, never for a moment by anyone else.
        FileAttribute<?>[] attributes = secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(EnumSet.of(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        FileChannel channel;
        try {
            channel = FileChannel.open(file, options, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, field, file, "exists; it is never overwritten:"
                    + " choose a new file", e);
        } catch (IOException e) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, field, file, "cannot be written: " + e.getMessage(),
                    e);
        }
        try (channel) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            InvalidInputException failed = new InvalidInputException(ErrorCode.INVALID_VALUE, field, file,
                    "cannot be written: " + e.getMessage() + "; nothing was kept", e);
            try {
                Files.deleteIfExists(file);
            } catch (IOException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }
}
