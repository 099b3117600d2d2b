package org.casefunds.examples.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Passwords and tokens: passwords kept as bcrypt hashes (cost {@value #COST}), API tokens and session
 * ids as 256 random bits, tokens kept as their SHA-256.
 */
public final class Passwords {
    /** bcrypt's cost: 2^10 rounds, about a tenth of a second a check on a court's server. */
    public static final int COST = 10;
    /** The shortest password a person may set. */
    public static final int LENGTH_MIN = 10;
    /** The longest: bcrypt reads at most 72 bytes. */
    public static final int LENGTH_MAX = 64;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked when no person of that id has a password, so that a wrong id takes as long as a wrong password. */
    private static final String NOBODY = BCrypt.withDefaults().hashToString(COST, "no one has this password".toCharArray());

    private Passwords() {
    }

    /**
     * The bcrypt hash of {@code password}.
     *
     * @throws IllegalArgumentException naming the rule a password breaks (too short, too long, blank)
     */
    public static String hash(char[] password) {
        if (password.length < LENGTH_MIN) {
            throw new IllegalArgumentException("the password has " + password.length + " characters; give at least "
                    + LENGTH_MIN);
        }
        if (new String(password).getBytes(StandardCharsets.UTF_8).length > 72 || password.length > LENGTH_MAX) {
            throw new IllegalArgumentException("the password is longer than bcrypt reads (72 bytes); give at most "
                    + LENGTH_MAX + " characters");
        }
        if (new String(password).isBlank()) {
            throw new IllegalArgumentException("the password is blank");
        }
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    /** Whether {@code password} is the one {@code hash} was made from; an absent hash takes as long and fails. */
    public static boolean matches(char[] password, java.util.Optional<String> hash) {
        boolean verified = BCrypt.verifyer().verify(password, hash.orElse(NOBODY)).verified;
        return verified && hash.isPresent();
    }

    /** A new random secret: 256 bits in URL-safe Base64 (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of {@code token}, in lower-case hex: what the logins file keeps of a token. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether two texts are equal, in time that does not depend on where they differ. */
    public static boolean sameSecret(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
