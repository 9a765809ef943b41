package org.elephas.auth;

/**
 * How a stored password is kept ({@code get_password_type}): a SCRAM-SHA-256 verifier, an MD5
 * hash ({@code md5} and 32 lower-case hex digits), or anything else, which PostgreSQL treats
 * as plain text.
 */
public enum PasswordType {
    /** Not a recognised hash: plain text. */
    PLAINTEXT,
    /** {@code md5} + {@code md5hex(password + rolename)}. */
    MD5,
    /** A SCRAM-SHA-256 verifier. */
    SCRAM_SHA_256;

    private static final int MD5_LENGTH = 35;

    /**
     * @param stored a password as given or stored
     * @return its type
     */
    public static PasswordType of(String stored) {
        if (isMd5(stored)) {
            return MD5;
        }
        return ScramSecret.parse(stored).isPresent() ? SCRAM_SHA_256 : PLAINTEXT;
    }

    private static boolean isMd5(String s) {
        if (s == null || s.length() != MD5_LENGTH || !s.startsWith("md5")) {
            return false;
        }
        for (int i = 3; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
