package org.elephas.catalog.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;

/**
 * {@code GRANT {CREATE | CONNECT | TEMPORARY | TEMP} [, ...] | ALL [PRIVILEGES] ON DATABASE
 * name [, ...] TO {role | PUBLIC | CURRENT_USER ...} [, ...] [GRANTED BY role]} and the
 * matching {@code REVOKE ... FROM ... [CASCADE | RESTRICT]}: PostgreSQL's
 * {@code ExecGrant_Database}. The owner (or a superuser) grants and revokes; a role that only
 * holds some privilege on the database gets PostgreSQL's warning that nothing was granted;
 * anyone else gets {@code permission denied}. Grant options are not kept, and GRANT or REVOKE
 * on anything but databases (tables, schemas, functions, role membership) is not supported.
 */
public final class GrantDatabase implements UtilityCommand {

    /** The command. */
    public GrantDatabase() {
    }
    /** Privileges that exist in PostgreSQL but not on databases. */
    private static final Set<String> OTHER_PRIVILEGES = Set.of("select", "insert", "update", "delete", "truncate",
            "references", "trigger", "execute", "usage", "set", "maintain");
    private static final String ONLY_DATABASES = "Elephas keeps privileges on databases only: CONNECT, CREATE and"
            + " TEMPORARY.";

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Caller caller = Caller.current();
        boolean grant = statement.lexed().word(0).equals("grant");
        Cursor c = new Cursor(statement.lexed(), 1);
        boolean grantOptionFor = false;
        if (!grant && c.peekWord().equals("grant") && c.peekWord(1).equals("option") && c.peekWord(2).equals("for")) {
            c.next();
            c.next();
            c.next();
            grantOptionFor = true;
        }
        List<String> privilegeWords = privileges(c);
        if (!c.acceptWord("on")) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "role membership is not supported")
                    .withHint(ONLY_DATABASES);
        }
        if (!c.acceptWord("database")) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "privileges on " + objectKind(c) + " are not supported").withHint(ONLY_DATABASES);
        }
        List<String> databaseNames = new ArrayList<>();
        do {
            databaseNames.add(c.name());
        } while (c.accept(","));
        c.expectWord(grant ? "to" : "from");
        List<RoleSpec> grantees = new ArrayList<>();
        do {
            grantees.add(RoleSpec.parse(c, caller, true));
        } while (c.accept(","));
        boolean withGrantOption = false;
        if (grant && c.acceptWord("with")) {
            c.expectWord("grant");
            c.expectWord("option");
            withGrantOption = true;
        }
        RoleSpec grantor = null;
        if (c.acceptWord("granted")) {
            c.expectWord("by");
            grantor = RoleSpec.parse(c, caller, false);
        }
        if (!grant && !c.acceptWord("cascade")) {
            c.acceptWord("restrict");
        }
        c.expectEnd();

        Catalog catalog = caller.catalog();
        if (grantor != null && grantor.resolve(catalog).oid() != caller.role().oid()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "grantor must be current user");
        }
        List<DatabaseInfo> databases = new ArrayList<>();
        for (String name : databaseNames) {
            databases.add(catalog.database(name).orElseThrow(() -> PgException.error(SqlState.INVALID_CATALOG_NAME,
                    "database \"" + name + "\" does not exist")));
        }
        Set<Integer> granteeOids = new LinkedHashSet<>();
        for (RoleSpec g : grantees) {
            granteeOids.add(g.isPublic() ? Catalog.PUBLIC : g.resolve(catalog).oid());
        }
        Set<Character> privileges = letters(privilegeWords);
        if (withGrantOption) {
            throw PgException.error(granteeOids.contains(Catalog.PUBLIC) ? States.INVALID_GRANT_OPERATION
                    : SqlState.FEATURE_NOT_SUPPORTED, granteeOids.contains(Catalog.PUBLIC)
                            ? "grant options can only be granted to roles" : "grant options are not supported");
        }
        List<DatabaseInfo> allowed = new ArrayList<>();
        for (DatabaseInfo db : databases) {
            if (caller.owns(db)) {
                allowed.add(db);
            } else if (holdsAny(catalog, caller.role(), db)) {
                caller.warning(grant ? States.PRIVILEGE_NOT_GRANTED : States.PRIVILEGE_NOT_REVOKED,
                        (grant ? "no privileges were granted for \"" : "no privileges could be revoked for \"")
                                + db.name() + "\"");
            } else {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database " + db.name());
            }
        }
        if (!allowed.isEmpty() && !grantOptionFor) {
            catalog.change(conn -> {
                for (DatabaseInfo db : allowed) {
                    for (int grantee : granteeOids) {
                        for (char p : privileges) {
                            if (grant) {
                                CatalogRows.grant(conn, db.oid(), grantee, p);
                            } else {
                                CatalogRows.revoke(conn, db.oid(), grantee, p);
                            }
                        }
                    }
                }
            });
        }
        qc.set(grant ? "GRANT" : "REVOKE");
    }

    /** {@code ALL [PRIVILEGES]} or a list of privilege names, lower case; column lists are refused. */
    private static List<String> privileges(Cursor c) {
        List<String> words = new ArrayList<>();
        if (c.acceptWord("all")) {
            c.acceptWord("privileges");
            words.add("all");
            refuseColumns(c);
            return words;
        }
        do {
            String word = c.name().toLowerCase(Locale.ROOT);
            if (word.equals("alter") && c.acceptWord("system")) {
                word = "alter system";
            }
            words.add(word);
            refuseColumns(c);
        } while (c.accept(","));
        return words;
    }

    private static void refuseColumns(Cursor c) {
        if (c.peek() != null && c.peek().is("(")) {
            throw PgException.error(States.INVALID_GRANT_OPERATION, "column privileges are only valid for relations");
        }
    }

    /** The catalog's privilege letters: C (CREATE), c (CONNECT), T (TEMPORARY). */
    private static Set<Character> letters(List<String> words) {
        Set<Character> letters = new LinkedHashSet<>();
        for (String w : words) {
            switch (w) {
                case "all" -> letters.addAll(List.of('C', 'c', 'T'));
                case "create" -> letters.add('C');
                case "connect" -> letters.add('c');
                case "temporary", "temp" -> letters.add('T');
                default -> {
                    if (OTHER_PRIVILEGES.contains(w) || w.equals("alter system")) {
                        throw PgException.error(States.INVALID_GRANT_OPERATION,
                                "invalid privilege type " + w.toUpperCase(Locale.ROOT) + " for database");
                    }
                    throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + w + "\"");
                }
            }
        }
        return letters;
    }

    private static boolean holdsAny(Catalog catalog, RoleInfo role, DatabaseInfo db) {
        return catalog.hasDatabasePrivilege(role, db, 'C') || catalog.hasDatabasePrivilege(role, db, 'c')
                || catalog.hasDatabasePrivilege(role, db, 'T');
    }

    /** What follows ON in a GRANT this command does not handle, for the message. */
    private static String objectKind(Cursor c) {
        String word = c.peekWord();
        return switch (word) {
            case "table", "sequence", "function", "procedure", "routine", "schema", "language", "type", "domain",
                    "tablespace", "parameter" -> plural(word);
            case "all" -> "all " + c.peekWord(1) + " in schema";
            case "foreign" -> "foreign " + (c.peekWord(1).equals("server") ? "servers" : "data wrappers");
            case "large" -> "large objects";
            default -> "tables";
        };
    }

    private static String plural(String word) {
        return word.endsWith("y") && !word.endsWith("ay") ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }
}
