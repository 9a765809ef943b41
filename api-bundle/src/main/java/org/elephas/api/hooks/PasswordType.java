package org.elephas.api.hooks;

/** PostgreSQL's {@code PasswordType}: how a password was given to CREATE/ALTER ROLE. */
public enum PasswordType {
    /** Plain text. */
    PLAINTEXT,
    /** An MD5 hash ({@code md5} and 32 hex digits). */
    MD5,
    /** A SCRAM-SHA-256 verifier. */
    SCRAM_SHA_256
}
