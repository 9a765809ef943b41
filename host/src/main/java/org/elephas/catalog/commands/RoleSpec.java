package org.elephas.catalog.commands;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.RoleInfo;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * A role as a statement names it ({@code RoleSpec}): a name, {@code CURRENT_USER},
 * {@code CURRENT_ROLE}, {@code SESSION_USER}, or (as a grantee) {@code PUBLIC}. Elephas has
 * no {@code SET ROLE}, so the current and the session user are the session's role.
 *
 * @param name the role's name, or null for PUBLIC
 * @param position where it is written
 */
record RoleSpec(String name, int position) {

    /**
     * @param c the statement, at the role
     * @param caller who runs it
     * @param allowPublic whether {@code PUBLIC} may be written here
     * @return the role spec
     */
    static RoleSpec parse(Cursor c, Caller caller, boolean allowPublic) {
        int position = c.position();
        Token t = c.peek();
        if (t != null && t.kind() == TokenKind.IDENTIFIER) {
            switch (t.text()) {
                case "current_user", "current_role", "session_user" -> {
                    c.next();
                    return new RoleSpec(caller.role().name(), position);
                }
                case "public" -> {
                    if (allowPublic) {
                        c.next();
                        return new RoleSpec(null, position);
                    }
                }
                default -> {
                }
            }
        }
        return new RoleSpec(c.name(), position);
    }

    boolean isPublic() {
        return name == null;
    }

    /**
     * @param catalog the catalog
     * @return the role
     * @throws PgException 42704 when it does not exist
     */
    RoleInfo resolve(Catalog catalog) {
        return lookup(catalog, name);
    }

    /**
     * {@code get_role_oid(name, false)}.
     *
     * @param catalog the catalog
     * @param name a role name
     * @return the role
     * @throws PgException 42704 {@code role "x" does not exist}
     */
    static RoleInfo lookup(Catalog catalog, String name) {
        return catalog.role(name).orElseThrow(() -> doesNotExist(name));
    }

    static PgException doesNotExist(String name) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
    }
}
