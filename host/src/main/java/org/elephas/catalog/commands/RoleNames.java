package org.elephas.catalog.commands;

import org.elephas.api.PgException;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/** Rules for role names: PostgreSQL's reserved names and prefix. */
final class RoleNames {
    private RoleNames() {
    }

    /**
     * Read a role name for CREATE ROLE or RENAME TO: {@code public} and {@code none} are
     * reserved, and the special role words are not names.
     *
     * @param c the statement, at the name
     * @return the name
     */
    static String newName(Cursor c) {
        Token t = c.peek();
        int position = c.position();
        if (t != null && t.kind() == TokenKind.IDENTIFIER) {
            switch (t.text()) {
                case "public", "none" -> throw reserved(t.text()).withPosition(position);
                case "current_user", "current_role", "session_user", "user" -> throw c.syntaxError();
                default -> {
                }
            }
        }
        return c.name();
    }

    /** @throws PgException 42939 for a name in the reserved {@code pg_} namespace */
    static void checkNotReserved(String name) {
        if (name.startsWith("pg_")) {
            throw reserved(name).withDetail("Role names starting with \"pg_\" are reserved.");
        }
    }

    private static PgException reserved(String name) {
        return PgException.error(States.RESERVED_NAME, "role name \"" + name + "\" is reserved");
    }
}
