package org.elephas.catalog.commands;

import org.elephas.api.hooks.CheckPasswordHook;
import org.elephas.auth.PasswordEncryption;
import org.elephas.auth.PasswordType;
import org.elephas.auth.PasswordVerifier;

/** What CREATE/ALTER ROLE store for a PASSWORD clause. */
final class Passwords {
    private Passwords() {
    }

    /**
     * PostgreSQL's handling of a role's new password: an empty password, or a hash of the empty
     * one, clears it (with a NOTICE); a hash is stored as given; a plain password is hashed
     * with {@code password_encryption}.
     *
     * @param caller who runs the statement (its {@code password_encryption} applies)
     * @param checkPassword the {@code check_password} hooks, which see the password as given first
     * @param roleName the role (MD5 salts with the name)
     * @param password the password given, or null for PASSWORD NULL
     * @return what to store, or null for no password
     */
    static String toStore(Caller caller, CheckPasswordHook.Next checkPassword, String roleName, String password) {
        if (password == null) {
            return null;
        }
        // As PostgreSQL: the hook sees the password as given; VALID UNTIL is not kept (docs/sql.md).
        checkPassword.checkPassword(roleName, password,
                org.elephas.api.hooks.PasswordType.valueOf(PasswordType.of(password).name()), null);
        if (password.isEmpty() || (PasswordType.of(password) != PasswordType.PLAINTEXT
                && PasswordVerifier.verify("", password, roleName))) {
            caller.notice("empty string is not a valid password, clearing password");
            return null;
        }
        String method = caller.session().backend().gucSession() == null ? PasswordEncryption.SCRAM_SHA_256
                : caller.session().backend().gucSession().show("password_encryption");
        return PasswordEncryption.encrypt(password, roleName, method == null ? PasswordEncryption.SCRAM_SHA_256 : method);
    }
}
