package org.elephas.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * Password hashes against ones PostgreSQL 15 made: {@code rolpassword} read from
 * {@code pg_authid} of a scratch cluster after {@code CREATE ROLE ... PASSWORD}.
 */
class PasswordVerifierTest {
    /** {@code CREATE ROLE alice PASSWORD 'secret'} (password_encryption = scram-sha-256). */
    private static final String ALICE_SCRAM = "SCRAM-SHA-256$4096:rlIsBEYKEEGpBepkE0jYaQ==$"
            + "53JZSgtlY+4aAjiU4VehM5N2r4m2pbZKRWljN0FfiCg=:lZZ2ruomFL3ykUL1SX2XvDH+1uXwiOybv5esE3fsQ3M=";
    /** {@code SET password_encryption = md5; CREATE ROLE bob PASSWORD 'secret'}. */
    private static final String BOB_MD5 = "md521f3163f8f86fa10bdefbfbd502a8f06";
    /** {@code CREATE ROLE nonascii PASSWORD 'pässwörd'}: SASLprep leaves it as is (NFKC). */
    private static final String NONASCII_SCRAM = "SCRAM-SHA-256$4096:u13clQaxCh3DM9boq9pNzQ==$"
            + "vpa07BVNFszEl0BAMGgeflKzl79nSsgKI/say2fJR0o=:QNd/yui3PR2d9jbHIJfTwZAz3YLUPw3JxJyJtocN3m0=";
    /** {@code CREATE ROLE nbsp PASSWORD E'a\u00A0b'}: SASLprep maps the no-break space to a space. */
    private static final String NBSP_SCRAM = "SCRAM-SHA-256$4096:nsraDDH+GlcBuMDPURjrig==$"
            + "qEAXYYFQk0J/F6T83F2lRSE+Zlo8UF+7lypXgFAzAHQ=:TWcQvYufpXTjXEDdjBpPd1lmVr1l8xkbu3bj4Yd08yw=";

    @Test
    void acceptsTheRightPasswordForPostgresScramVerifiers() {
        assertTrue(PasswordVerifier.verify("secret", ALICE_SCRAM, "alice"));
        assertFalse(PasswordVerifier.verify("Secret", ALICE_SCRAM, "alice"));
        assertFalse(PasswordVerifier.verify("", ALICE_SCRAM, "alice"));
        assertTrue(PasswordVerifier.verify("pässwörd", NONASCII_SCRAM, "nonascii"));
        assertFalse(PasswordVerifier.verify("passwort", NONASCII_SCRAM, "nonascii"));
        assertTrue(PasswordVerifier.verify("a\u00A0b", NBSP_SCRAM, "nbsp"));
        assertTrue(PasswordVerifier.verify("a b", NBSP_SCRAM, "nbsp"), "SASLprep maps U+00A0 to a space");
    }

    @Test
    void acceptsTheRightPasswordForPostgresMd5Hashes() {
        assertTrue(PasswordVerifier.verify("secret", BOB_MD5, "bob"));
        assertFalse(PasswordVerifier.verify("secret", BOB_MD5, "alice"), "the hash is salted with the role name");
        assertFalse(PasswordVerifier.verify("wrong", BOB_MD5, "bob"));
        assertEquals(BOB_MD5, PasswordEncryption.md5("secret", "bob"));
    }

    @Test
    void noStoredPasswordMatchesNothing() {
        assertFalse(PasswordVerifier.verify("secret", null, "alice"));
        assertFalse(PasswordVerifier.verify(null, ALICE_SCRAM, "alice"));
    }

    @Test
    void generatedVerifiersHavePostgresFormatAndVerify() {
        String stored = PasswordEncryption.encrypt("hunter2", "carol", PasswordEncryption.SCRAM_SHA_256);
        assertTrue(stored.matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}"),
                stored);
        ScramSecret secret = ScramSecret.parse(stored).orElseThrow();
        assertEquals(ScramSecret.SALT_LENGTH, secret.salt().length);
        assertEquals(4096, secret.iterations());
        assertEquals(stored, secret.encode());
        assertTrue(PasswordVerifier.verify("hunter2", stored, "carol"));
        assertFalse(PasswordVerifier.verify("hunter3", stored, "carol"));
        assertNotEquals(stored, PasswordEncryption.encrypt("hunter2", "carol", PasswordEncryption.SCRAM_SHA_256),
                "a fresh salt each time");
    }

    @Test
    void reproducesPostgresVerifierFromItsSalt() {
        ScramSecret pg = ScramSecret.parse(ALICE_SCRAM).orElseThrow();
        assertEquals(ALICE_SCRAM, ScramSecret.generate("secret", pg.salt(), pg.iterations()).encode());
    }

    @Test
    void hashedPasswordsAreStoredAsGiven() {
        assertEquals(ALICE_SCRAM, PasswordEncryption.encrypt(ALICE_SCRAM, "x", PasswordEncryption.MD5));
        assertEquals(BOB_MD5, PasswordEncryption.encrypt(BOB_MD5, "x", PasswordEncryption.SCRAM_SHA_256));
        assertEquals("md5" + "0".repeat(32), PasswordEncryption.encrypt("md5" + "0".repeat(32), "x", "md5"));
        // Upper-case hex is not an MD5 hash to PostgreSQL: it is hashed like any password.
        String upper = "md5" + "A".repeat(32);
        assertEquals(PasswordEncryption.md5(upper, "x"), PasswordEncryption.encrypt(upper, "x", "md5"));
    }

    @Test
    void recognisesStoredForms() {
        assertEquals(PasswordType.SCRAM_SHA_256, PasswordType.of(ALICE_SCRAM));
        assertEquals(PasswordType.MD5, PasswordType.of(BOB_MD5));
        assertEquals(PasswordType.PLAINTEXT, PasswordType.of("SCRAM-SHA-256$4096:abc"));
        String shortKey = "SCRAM-SHA-256$4096:" + Base64.getEncoder().encodeToString(new byte[16]) + "$"
                + Base64.getEncoder().encodeToString(new byte[31]) + ":" + Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(PasswordType.PLAINTEXT, PasswordType.of(shortKey));
    }
}
