package org.elephas.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.backend.Backend;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.session.Session;
import org.elephas.session.Sessions;

/**
 * {@code BackgroundWorkerInitializeConnection(ByOid)}: connects a background worker to a
 * database as a role, once, and keeps the worker's session until the worker exits.
 *
 * <p>The checks and their order are {@code InitPostgres}'s for a worker: the registration asked
 * for a database connection; the role exists (a null name and OID 0 mean the bootstrap
 * superuser) and may log in unless {@code BGWORKER_BYPASS_ROLELOGINCHECK}; the database exists
 * (none given: only shared catalogs, no SQL); it accepts connections and the role has CONNECT
 * on it, unless {@code BGWORKER_BYPASS_ALLOWCONN}. Each failure is a FATAL, so the worker exits
 * with code 1. Connection limits do not apply to workers.
 */
public final class WorkerConnections {
    private final Supplier<Sessions> sessions;
    private final Map<Backend, Session> byBackend = new ConcurrentHashMap<>();

    /** @param sessions the session factory, null until the SQL layer is open */
    public WorkerConnections(Supplier<Sessions> sessions) {
        this.sessions = sessions;
    }

    /**
     * Connect the calling worker.
     *
     * @param me the calling worker's backend
     * @param database a database name, or null
     * @param user a role name, or null
     * @param databaseOid a database OID, used when no name is given; 0 for none
     * @param roleOid a role OID, used when no name is given; 0 for the bootstrap superuser
     * @param flags {@code BGWORKER_BYPASS_ALLOWCONN}, {@code BGWORKER_BYPASS_ROLELOGINCHECK}
     * @throws PgException FATAL with PostgreSQL's message when refused
     */
    public void initializeConnection(Backend me, String database, String user, int databaseOid, int roleOid,
            int flags) {
        BackgroundWorker entry = me.bgworkerEntry();
        if (entry == null || (entry.flags() & BgWorkerFlags.BACKEND_DATABASE_CONNECTION) == 0) {
            throw PgException.fatal(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "database connection requirement not indicated during registration");
        }
        if (me.roleName() != null || byBackend.containsKey(me)) {
            throw PgException.fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "invalid processing mode in background worker")
                    .withDetail("BackgroundWorkerInitializeConnection can be called only once.");
        }
        Sessions factory = sessions.get();
        if (factory == null) {
            throw PgException.fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is starting up");
        }
        Catalog catalog = factory.server().catalog();
        RoleInfo role = role(catalog, user, roleOid);
        DatabaseInfo db = database(catalog, database, databaseOid);
        // Opening the database touches its files: no thread interrupt may land meanwhile.
        me.enterEngine();
        Session session;
        try {
            session = factory.attachWorker(me, db, role, (flags & BgWorkerFlags.BYPASS_ALLOWCONN) != 0,
                    (flags & BgWorkerFlags.BYPASS_ROLELOGINCHECK) != 0);
        } finally {
            me.leaveEngine();
        }
        if (session != null) {
            // A worker has no client: its notices and warnings go to the server log, as in PostgreSQL.
            org.elephas.log.ServerLog log = factory.server().log();
            session.setNoticeSink(n -> log.write(n.level(), me.pid(), n.message(), n.detail(), n.hint()));
            byBackend.put(me, session);
            me.onProcExit(() -> {
                Session s = byBackend.remove(me);
                if (s != null) {
                    s.close();
                }
            });
        }
    }

    private static RoleInfo role(Catalog catalog, String user, int roleOid) {
        if (user != null) {
            return catalog.role(user).orElseThrow(() -> PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" does not exist"));
        }
        if (roleOid != 0) {
            return catalog.role(roleOid).orElseThrow(() -> PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role with OID " + Integer.toUnsignedString(roleOid) + " does not exist"));
        }
        return catalog.role(Catalog.BOOTSTRAP_SUPERUSER_OID).orElseThrow(() -> PgException.fatal(
                SqlState.INTERNAL_ERROR, "the bootstrap superuser is missing from the catalog"));
    }

    private static DatabaseInfo database(Catalog catalog, String database, int databaseOid) {
        if (database != null) {
            return catalog.database(database).orElseThrow(() -> PgException.fatal(SqlState.INVALID_CATALOG_NAME,
                    "database \"" + database + "\" does not exist"));
        }
        if (databaseOid != 0) {
            return catalog.database(databaseOid).orElseThrow(() -> PgException.fatal(SqlState.INVALID_CATALOG_NAME,
                    "database " + Integer.toUnsignedString(databaseOid) + " does not exist"));
        }
        return null;
    }

    /**
     * @param backend a worker's backend
     * @return its session, or null when it is not connected to a database
     */
    public Session session(Backend backend) {
        return byBackend.get(backend);
    }
}
