package org.elephas.catalog.commands;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;

/**
 * The database privileges statements other than GRANT need, checked as PostgreSQL's
 * {@code pg_database_aclcheck} does: CREATE on the current database for
 * {@code CREATE SCHEMA} and {@code CREATE EXTENSION}, TEMPORARY for temporary tables.
 * Superusers and the database's owner hold every privilege.
 */
public final class DatabasePrivileges {
    private DatabasePrivileges() {
    }

    /**
     * Require CREATE on the session's database (CREATE SCHEMA, CREATE EXTENSION).
     *
     * @param session the session
     * @throws PgException 42501 {@code permission denied for database x}
     */
    public static void requireCreate(Session session) {
        DatabaseInfo db = currentDatabase(session);
        if (!has(session, db, 'C')) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database " + db.name());
        }
    }

    /**
     * Require TEMPORARY on the session's database.
     *
     * @param session the session
     * @throws PgException 42501 {@code permission denied to create temporary tables in database "x"}
     */
    public static void requireTemporary(Session session) {
        DatabaseInfo db = currentDatabase(session);
        if (!has(session, db, 'T')) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to create temporary tables in database \"" + db.name() + "\"");
        }
    }

    /** @return the check of {@code CREATE SCHEMA}, before the engine runs it */
    public static UtilityCommand.Check createSchemaCheck() {
        return statement -> requireCreate(sessionOf(statement));
    }

    /** @return the check of {@code CREATE TEMP TABLE} and the like, before the engine runs them */
    public static UtilityCommand.Check temporaryCheck() {
        return statement -> requireTemporary(sessionOf(statement));
    }

    private static Session sessionOf(HostQuery statement) {
        Session s = Session.current();
        if (s == null) {
            throw new IllegalStateException("no session runs " + statement);
        }
        return s;
    }

    private static boolean has(Session session, DatabaseInfo db, char privilege) {
        Catalog catalog = session.server().catalog();
        RoleInfo role = catalog.role(session.role().oid()).orElse(null);
        return role != null && catalog.hasDatabasePrivilege(role, db, privilege);
    }

    private static DatabaseInfo currentDatabase(Session session) {
        return session.server().catalog().database(session.database().oid()).orElse(session.database());
    }
}
