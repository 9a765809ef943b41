package org.elephas.catalog.commands;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.session.Session;
import org.elephas.session.TransactionBlock;

/**
 * Who runs a catalog command and where: the session, its role as the catalog has it now (a
 * session's own copy dates from its connection, and an ALTER ROLE since may have changed
 * it), and the checks PostgreSQL makes of the caller ({@code superuser()},
 * {@code have_createdb_privilege()}, ownership, {@code PreventInTransactionBlock}).
 */
final class Caller {
    /** A role that no longer exists: no attributes, owns nothing. */
    private static final int NO_ROLE = -1;

    private final Session session;
    private final Catalog catalog;
    private final RoleInfo role;

    private Caller(Session session) {
        this.session = session;
        this.catalog = session.server().catalog();
        RoleInfo connected = session.role();
        this.role = catalog.role(connected.oid()).orElse(
                new RoleInfo(NO_ROLE, connected.name(), false, false, false, false, null, 0));
    }

    /** @return the caller of the statement running on this thread */
    static Caller current() {
        Session s = Session.current();
        if (s == null) {
            throw new IllegalStateException("catalog commands run in a session");
        }
        return new Caller(s);
    }

    Session session() {
        return session;
    }

    Catalog catalog() {
        return catalog;
    }

    /** @return the current (and session) user, as the catalog has it now */
    RoleInfo role() {
        return role;
    }

    /** @return the database the session is connected to */
    int databaseOid() {
        return session.database().oid();
    }

    boolean superuser() {
        return role.superuser();
    }

    /** {@code have_createdb_privilege()}. */
    boolean mayCreateDatabases() {
        return role.superuser() || role.createDb();
    }

    /** {@code have_createrole_privilege()}. */
    boolean mayCreateRoles() {
        return role.superuser() || role.createRole();
    }

    /** {@code pg_database_ownercheck()}: superusers own everything. */
    boolean owns(DatabaseInfo database) {
        return role.superuser() || role.oid() == database.ownerOid();
    }

    /** @throws PgException 42501 {@code must be owner of database x} unless the caller owns it */
    void checkOwner(DatabaseInfo database) {
        if (!owns(database)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + database.name());
        }
    }

    /** @throws PgException 42501 {@code must be member of role "x"} (Elephas has no membership but one's own) */
    void checkMemberOf(RoleInfo target) {
        if (!role.superuser() && role.oid() != target.oid()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + target.name() + "\"");
        }
    }

    /**
     * {@code PreventInTransactionBlock}: for statements that cannot be undone (their work is
     * not in the engine's transaction).
     *
     * @param context where the statement comes from
     * @param statementType e.g. {@code CREATE DATABASE}
     */
    void preventInTransactionBlock(ProcessUtilityContext context, String statementType) {
        if (session.transaction().state() != TransactionBlock.State.IDLE) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION,
                    statementType + " cannot run inside a transaction block");
        }
        if (context != ProcessUtilityContext.TOPLEVEL || session.nestingLevel() > 0) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION,
                    statementType + " cannot be executed from a function");
        }
    }

    void notice(String message) {
        session.notice(LogLevel.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message);
    }

    void warning(String sqlState, String message) {
        session.notice(LogLevel.WARNING, sqlState, message);
    }
}
