package org.elephas.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code encrypt_password}: what CREATE/ALTER ROLE ... PASSWORD stores. A password given
 * already hashed (a SCRAM verifier or an MD5 hash) is stored as it is; a plain one is hashed
 * with the method {@code password_encryption} names.
 */
public final class PasswordEncryption {
    /** {@code password_encryption = 'scram-sha-256'} (the default). */
    public static final String SCRAM_SHA_256 = "scram-sha-256";
    /** {@code password_encryption = 'md5'}. */
    public static final String MD5 = "md5";

    private PasswordEncryption() {
    }

    /**
     * @param password the password as given in the statement
     * @param roleName the role (MD5 salts with it)
     * @param method {@link #SCRAM_SHA_256} or {@link #MD5}
     * @return what to store
     */
    public static String encrypt(String password, String roleName, String method) {
        if (PasswordType.of(password) != PasswordType.PLAINTEXT) {
            return password;
        }
        return switch (method.toLowerCase(Locale.ROOT)) {
            case MD5 -> md5(password, roleName);
            case SCRAM_SHA_256 -> ScramSecret.generate(password).encode();
            default -> throw new IllegalArgumentException("unknown password_encryption " + method);
        };
    }

    /**
     * PostgreSQL's MD5 password hash.
     *
     * @param password the plain-text password
     * @param roleName the role
     * @return {@code md5} + {@code md5hex(password + roleName)}
     */
    public static String md5(String password, String roleName) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(roleName.getBytes(StandardCharsets.UTF_8));
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
