package org.elephas.session;

import java.sql.Connection;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.Signals;
import org.elephas.backend.Backend;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.guc.GucSession;

/**
 * Opens sessions: for clients (a new backend) and for background workers (their own backend,
 * {@code BackgroundWorkerInitializeConnection}), after PostgreSQL's checks in
 * {@code InitPostgres}: the database and role exist, the role may log in, the database accepts
 * connections, and the role has CONNECT on it. Workers may bypass the login and
 * allow-connections checks with their flags.
 */
public final class Sessions {
    private final ServerContext server;

    /** @param server the server's parts */
    public Sessions(ServerContext server) {
        this.server = server;
    }

    /** @return the server's parts */
    public ServerContext server() {
        return server;
    }

    /**
     * Connect a client.
     *
     * @param databaseName the database
     * @param roleName the role (authentication already done)
     * @param options parameters from the connection request ({@code -c name=value}, application_name)
     * @return the session, with a new backend
     * @throws PgException FATAL when a check fails
     */
    public Session connect(String databaseName, String roleName, Map<String, String> options) {
        Catalog catalog = server.catalog();
        RoleInfo role = catalog.role(roleName).orElseThrow(() -> PgException.fatal(
                SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + roleName + "\" does not exist"));
        DatabaseInfo database = catalog.database(databaseName).orElseThrow(() -> PgException.fatal(
                SqlState.INVALID_CATALOG_NAME, "database \"" + databaseName + "\" does not exist"));
        check(database, role, false, false);
        Backend backend = server.procs().create(Backend.Kind.CLIENT_BACKEND, "client backend");
        try {
            backend.setConnection(database.oid(), database.name(), role.oid(), role.name(), role.superuser());
            GucSession gucs = server.gucs().newSession(backend::isSuperuser);
            backend.setGucSession(gucs);
            backend.setConfigFileProcessor(gucs::adoptLatest);
            // PostgresMain's handlers: reload at the next idle point, cancel the running statement.
            backend.pqsignal(Signal.SIGHUP, Signals.CONFIG_RELOAD);
            backend.pqsignal(Signal.SIGINT, Signals.STATEMENT_CANCEL);
            backend.bind();
            try {
                options.forEach(gucs::setAtConnectionStart);
                gucs.connectionStarted();
            } finally {
                backend.unbind();
            }
            Session session = new Session(server, backend, true, database, role, server.engine().connect(database.oid()));
            backend.reportActivity(org.elephas.backend.ActivityState.IDLE, null, 0);
            return session;
        } catch (RuntimeException e) {
            if (backend.gucSession() != null) {
                backend.gucSession().close();
            }
            server.procs().remove(backend);
            throw e;
        }
    }

    /**
     * Connect a background worker's backend ({@code BackgroundWorkerInitializeConnection}).
     *
     * @param backend the worker's backend, bound to the calling thread
     * @param database the database, or null for none (only shared catalogs)
     * @param role the role
     * @param bypassAllowConn {@code BGWORKER_BYPASS_ALLOWCONN}
     * @param bypassLoginCheck {@code BGWORKER_BYPASS_ROLELOGINCHECK}
     * @return the session, or null when no database was given
     */
    public Session attachWorker(Backend backend, DatabaseInfo database, RoleInfo role, boolean bypassAllowConn,
            boolean bypassLoginCheck) {
        if (database != null) {
            check(database, role, bypassAllowConn, bypassLoginCheck);
        } else if (!bypassLoginCheck && !role.canLogin()) {
            throw notPermittedToLogIn(role);
        }
        backend.setConnection(database == null ? 0 : database.oid(), database == null ? null : database.name(),
                role.oid(), role.name(), role.superuser());
        if (database == null) {
            return null;
        }
        Connection connection = server.engine().connect(database.oid());
        return new Session(server, backend, false, database, role, connection);
    }

    private void check(DatabaseInfo database, RoleInfo role, boolean bypassAllowConn, boolean bypassLoginCheck) {
        if (!bypassLoginCheck && !role.canLogin()) {
            throw notPermittedToLogIn(role);
        }
        if (!bypassAllowConn) {
            if (!database.allowConnections()) {
                throw PgException.fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "database \"" + database.name() + "\" is not currently accepting connections");
            }
            if (!server.catalog().hasDatabasePrivilege(role, database, 'c')) {
                throw PgException.fatal(SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied for database \"" + database.name() + "\"")
                        .withDetail("User does not have CONNECT privilege.");
            }
        }
    }

    private static PgException notPermittedToLogIn(RoleInfo role) {
        return PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                "role \"" + role.name() + "\" is not permitted to log in");
    }
}
