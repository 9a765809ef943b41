package org.elephas.catalog.commands;

import java.util.HashMap;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * The option list of CREATE ROLE and ALTER ROLE ({@code CreateOptRoleElem} /
 * {@code AlterOptRoleElem}): what was given, each option at most once.
 *
 * <p>Kept: SUPERUSER, CREATEDB, CREATEROLE, LOGIN (and their NO forms), PASSWORD and
 * CONNECTION LIMIT. Accepted and without effect: INHERIT/NOINHERIT (Elephas has no role
 * membership), VALID UNTIL (not stored or enforced), REPLICATION and BYPASSRLS (Elephas has
 * neither replication nor row security; PostgreSQL's superuser rule for setting them is
 * kept). Role membership (IN ROLE, ROLE, ADMIN, USER) is not supported.
 */
final class RoleOptions {
    /** The option names, as PostgreSQL's {@code DefElem}s name them. */
    private final Map<String, Object> values = new HashMap<>();
    /** Where each option was written, for messages. */
    private final Map<String, Integer> positions = new HashMap<>();

    /** A {@code PASSWORD NULL}. */
    static final Object NULL_PASSWORD = new Object();

    /**
     * @param c the statement, after the role name (and WITH)
     * @param create whether this is CREATE ROLE (SYSID and membership clauses are allowed)
     * @param caller who runs it (for notices)
     * @return the options
     */
    static RoleOptions parse(Cursor c, boolean create, Caller caller) {
        RoleOptions o = new RoleOptions();
        while (!c.atEnd()) {
            int position = c.position();
            Token t = c.peek();
            if (t.kind() != TokenKind.IDENTIFIER) {
                throw c.syntaxError();
            }
            String word = c.name();
            switch (word) {
                case "superuser", "nosuperuser" -> o.put("superuser", word.equals("superuser"), position);
                case "createdb", "nocreatedb" -> o.put("createdb", word.equals("createdb"), position);
                case "createrole", "nocreaterole" -> o.put("createrole", word.equals("createrole"), position);
                case "login", "nologin" -> o.put("canlogin", word.equals("login"), position);
                case "inherit", "noinherit" -> o.put("inherit", word.equals("inherit"), position);
                case "replication", "noreplication" -> o.put("isreplication", word.equals("replication"), position);
                case "bypassrls", "nobypassrls" -> o.put("bypassrls", word.equals("bypassrls"), position);
                case "password" -> o.put("password", password(c), position);
                case "encrypted" -> {
                    c.expectWord("password");
                    o.put("password", c.string(), position);
                }
                case "unencrypted" -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "UNENCRYPTED PASSWORD is no longer supported")
                        .withHint("Remove UNENCRYPTED to store the password in encrypted form instead.")
                        .withPosition(position);
                case "connection" -> {
                    c.expectWord("limit");
                    o.put("connectionlimit", c.signedInt(1), position);
                }
                case "valid" -> {
                    c.expectWord("until");
                    o.put("validUntil", c.string(), position);
                }
                case "sysid" -> {
                    if (!create) {
                        throw syntaxErrorAt(c, t);
                    }
                    c.signedInt(1);
                    caller.notice("SYSID can no longer be specified");
                }
                case "in", "role", "admin", "user" -> {
                    if (!create && !word.equals("user")) {
                        throw syntaxErrorAt(c, t);
                    }
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "role membership is not supported")
                            .withPosition(position);
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized role option \"" + word + "\"")
                        .withPosition(position);
            }
        }
        return o;
    }

    private static Object password(Cursor c) {
        if (c.acceptWord("null")) {
            return NULL_PASSWORD;
        }
        return c.string();
    }

    private static PgException syntaxErrorAt(Cursor c, Token t) {
        return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"")
                .withPosition(t.start() + 1);
    }

    private void put(String name, Object value, int position) {
        if (values.putIfAbsent(name, value) != null) {
            throw DefElem.conflicting(position);
        }
        positions.put(name, position);
    }

    /** @return whether the option was given */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return a boolean option's value, or the default when not given */
    boolean flag(String name, boolean otherwise) {
        Object v = values.get(name);
        return v == null ? otherwise : (Boolean) v;
    }

    /** @return the connection limit given, or null */
    Integer connectionLimit() {
        return (Integer) values.get("connectionlimit");
    }

    /** @return whether PASSWORD (or PASSWORD NULL) was given */
    boolean hasPassword() {
        return values.containsKey("password");
    }

    /** @return the password given, null for PASSWORD NULL */
    String password() {
        Object v = values.get("password");
        return v == NULL_PASSWORD ? null : (String) v;
    }

    /** @return whether only a password is given (what a role may change of itself) */
    boolean onlyPassword() {
        return values.size() == 1 && hasPassword();
    }

    /** @throws PgException 22023 for a connection limit below -1 */
    void checkConnectionLimit() {
        Integer limit = connectionLimit();
        if (limit != null && limit < -1) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit);
        }
    }
}
