package org.elephas.api.hooks;

import java.time.Instant;

/**
 * {@code check_password_hook}: sees every password given to CREATE ROLE or ALTER ROLE, before
 * it is stored; reject it by throwing a {@link org.elephas.api.PgException} (ERROR). The
 * standard implementation accepts everything.
 */
@FunctionalInterface
public interface CheckPasswordHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param username the role
         * @param shadowPass the password as given (plain text or a hash)
         * @param passwordType which of the two it is
         * @param validUntil the role's VALID UNTIL, or null when none is given
         */
        void checkPassword(String username, String shadowPass, PasswordType passwordType, Instant validUntil);
    }

    /**
     * @param username the role
     * @param shadowPass the password as given (plain text or a hash)
     * @param passwordType which of the two it is
     * @param validUntil the role's VALID UNTIL, or null when none is given
     * @param next the rest of the chain
     */
    void checkPassword(String username, String shadowPass, PasswordType passwordType, Instant validUntil, Next next);
}
