package org.elephas.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 verifier in PostgreSQL's stored form,
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 parts), as
 * {@code pg_authid.rolpassword} holds it.
 *
 * <p>RFC 5802: {@code SaltedPassword = PBKDF2-HMAC-SHA-256(SASLprep(password), salt, i)},
 * {@code StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key"))},
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")}. The wire server's SCRAM exchange
 * needs the parts; a plain-text password is checked by recomputing the ServerKey, as
 * PostgreSQL's {@code scram_verify_plain_password} does.
 *
 * @param iterations the PBKDF2 iteration count
 * @param salt the salt
 * @param storedKey {@code StoredKey}
 * @param serverKey {@code ServerKey}
 */
public record ScramSecret(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    /** The prefix of a stored SCRAM verifier. */
    public static final String PREFIX = "SCRAM-SHA-256$";
    /** PostgreSQL's {@code scram_iterations} default. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL's {@code SCRAM_DEFAULT_SALT_LEN}. */
    public static final int SALT_LENGTH = 16;
    private static final int KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A verifier for a password, with a fresh random salt and PostgreSQL's iteration count.
     *
     * @param password the plain-text password
     * @return the verifier
     */
    public static ScramSecret generate(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return generate(password, salt, DEFAULT_ITERATIONS);
    }

    /**
     * @param password the plain-text password
     * @param salt the salt
     * @param iterations the iteration count
     * @return the verifier
     */
    public static ScramSecret generate(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] storedKey = sha256(hmac(salted, "Client Key"));
        return new ScramSecret(iterations, salt.clone(), storedKey, hmac(salted, "Server Key"));
    }

    /**
     * Parse a stored verifier ({@code parse_scram_secret}).
     *
     * @param stored the stored text
     * @return the verifier, or empty when the text is not a well-formed SCRAM-SHA-256 verifier
     */
    public static Optional<ScramSecret> parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String[] iterationsAndSalt = parts[0].split(":", -1);
        String[] keys = parts[1].split(":", -1);
        if (iterationsAndSalt.length != 2 || keys.length != 2) {
            return Optional.empty();
        }
        try {
            int iterations = Integer.parseInt(iterationsAndSalt[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(iterationsAndSalt[1]);
            byte[] storedKey = b64.decode(keys[0]);
            byte[] serverKey = b64.decode(keys[1]);
            if (iterations <= 0 || salt.length == 0 || storedKey.length != KEY_LENGTH || serverKey.length != KEY_LENGTH) {
                return Optional.empty();
            }
            return Optional.of(new ScramSecret(iterations, salt, storedKey, serverKey));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @param password a plain-text password
     * @return whether it is the password this verifier was made from
     */
    public boolean verify(String password) {
        byte[] computed = hmac(saltedPassword(password, salt, iterations), "Server Key");
        return MessageDigest.isEqual(computed, serverKey);
    }

    /** @return the stored form */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    @Override
    public String toString() {
        return encode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramSecret s && s.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    /** {@code scram_SaltedPassword}: PBKDF2 over the SASLprep'd password's UTF-8 bytes. */
    private static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            // The JDK's PBKDF2 encodes the characters as UTF-8, as PostgreSQL hashes them.
            PBEKeySpec spec = new PBEKeySpec(SaslPrep.prepareOrRaw(password).toCharArray(), salt, iterations,
                    KEY_LENGTH * 8);
            try {
                return pbkdf2.generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
