package org.elephas.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks a plain-text password against a role's stored password ({@code plain_crypt_verify}):
 * what the {@code password} authentication method does, and what CREATE ROLE uses to see
 * that a hashed password is the hash of the empty string. The MD5 and SCRAM exchanges of the
 * wire protocol work on the stored forms directly ({@link ScramSecret#parse}).
 */
public final class PasswordVerifier {
    private PasswordVerifier() {
    }

    /**
     * @param password the password the client sent, in plain text
     * @param stored the role's stored password ({@code rolpassword}), or null for none
     * @param roleName the role (the MD5 hash is salted with it)
     * @return whether the password is right; always false for a role without a password
     */
    public static boolean verify(String password, String stored, String roleName) {
        if (password == null || stored == null) {
            return false;
        }
        return switch (PasswordType.of(stored)) {
            case SCRAM_SHA_256 -> ScramSecret.parse(stored).orElseThrow().verify(password);
            case MD5 -> constantTimeEquals(PasswordEncryption.md5(password, roleName), stored);
            // PostgreSQL no longer stores plain text, but compares it if it finds some.
            case PLAINTEXT -> constantTimeEquals(password, stored);
        };
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
