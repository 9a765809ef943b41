package org.elephas.session;

import java.util.function.Supplier;

import org.elephas.api.hooks.AuthStatus;
import org.elephas.api.hooks.ClientAuthenticationHook;
import org.elephas.api.hooks.Port;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;

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
    private final Supplier<ClientAuthenticationHook.Next> clientAuthentication;

    /**
     * @param server the server's parts
     * @param clientAuthentication the entry point of the ClientAuthentication hook chain
     */
    public Sessions(ServerContext server, Supplier<ClientAuthenticationHook.Next> clientAuthentication) {
        this.server = server;
        this.clientAuthentication = clientAuthentication;
    }

    /** @return the server's parts */
    public ServerContext server() {
        return server;
    }

    /**
     * Connect a client, after PostgreSQL's checks in their order: the role exists and may log
     * in and is within its connection limit; the database exists, accepts connections, grants
     * CONNECT and is within its connection limit. Superusers are exempt from the limits, and
     * the limits count client backends only (never workers). The database is checked under
     * its lock, with the new backend already visible, so that a concurrent DROP or RENAME
     * either sees this session or is seen by it.
     *
     * @param databaseName the database
     * @param roleName the role (authentication already done)
     * @param options parameters from the connection request ({@code -c name=value}, application_name)
     * @return the session, with a new backend
     * @throws PgException FATAL when a check fails
     */
    public Session connect(String databaseName, String roleName, Map<String, String> options) {
        // In process there is nothing to prove: the hooks see a trusted, successful attempt
        // (PostgreSQL calls them after authentication, before the role and database checks).
        clientAuthenticated(new Port(databaseName, roleName, null, 0,
                options.getOrDefault("application_name", ""), "trust"), AuthStatus.OK);
        return connectAuthenticated(databaseName, roleName, options);
    }

    /**
     * Run the ClientAuthentication hook chain: the outcome of a client's authentication, with
     * the method used. A hook may refuse the connection by throwing.
     *
     * @param port the connection
     * @param status whether authentication succeeded
     */
    public void clientAuthenticated(Port port, AuthStatus status) {
        clientAuthentication.get().clientAuthentication(port, status);
    }

    /**
     * Connect a client whose authentication (and its hook, {@link #clientAuthenticated}) is
     * done: the checks and session of {@link #connect}.
     *
     * @param databaseName the database
     * @param roleName the role
     * @param options parameters from the connection request
     * @return the session, with a new backend
     * @throws PgException FATAL when a check fails
     */
    public Session connectAuthenticated(String databaseName, String roleName, Map<String, String> options) {
        Catalog catalog = server.catalog();
        RoleInfo role = catalog.role(roleName).orElseThrow(() -> PgException.fatal(
                SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + roleName + "\" does not exist"));
        if (!role.canLogin()) {
            throw notPermittedToLogIn(role);
        }
        Backend backend = server.procs().create(Backend.Kind.CLIENT_BACKEND, "client backend");
        try {
            backend.setConnection(0, null, role.oid(), role.name(), role.superuser());
            if (role.connectionLimit() >= 0 && !role.superuser()
                    && countClients(b -> b.roleOid() == role.oid()) > role.connectionLimit()) {
                throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS,
                        "too many connections for role \"" + role.name() + "\"");
            }
            DatabaseInfo database = attachToDatabase(backend, databaseName, role);
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
            // Terminated between statements, the session is gone at once, as a backend would be.
            backend.setExitWhileIdle(() -> server.procs().remove(backend));
            return session;
        } catch (RuntimeException e) {
            if (backend.gucSession() != null) {
                backend.gucSession().close();
            }
            server.procs().remove(backend);
            throw e;
        }
    }

    /** The database checks of a client connection, under the database's lock. */
    private DatabaseInfo attachToDatabase(Backend backend, String databaseName, RoleInfo role) {
        Catalog catalog = server.catalog();
        DatabaseInfo found = catalog.database(databaseName).orElseThrow(() -> PgException.fatal(
                SqlState.INVALID_CATALOG_NAME, "database \"" + databaseName + "\" does not exist"));
        Lock lock = catalog.databaseLock(found.oid()).readLock();
        lock.lock();
        try {
            DatabaseInfo database = catalog.database(found.oid()).filter(d -> d.name().equals(databaseName))
                    .orElseThrow(() -> PgException.fatal(SqlState.INVALID_CATALOG_NAME,
                            "database \"" + databaseName + "\" does not exist")
                            .withDetail("It seems to have just been dropped or renamed."));
            check(database, role, false, true);
            backend.setConnection(database.oid(), database.name(), role.oid(), role.name(), role.superuser());
            if (database.connectionLimit() >= 0 && !role.superuser()
                    && countClients(b -> b.databaseOid() == database.oid()) > database.connectionLimit()) {
                throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS,
                        "too many connections for database \"" + database.name() + "\"");
            }
            return database;
        } finally {
            lock.unlock();
        }
    }

    /** Client backends (not workers) matching a condition, this one included. */
    private int countClients(Predicate<Backend> condition) {
        int n = 0;
        for (Backend b : server.procs().all()) {
            if (b.kind() == Backend.Kind.CLIENT_BACKEND && condition.test(b)) {
                n++;
            }
        }
        return n;
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
        if (database == null) {
            if (!bypassLoginCheck && !role.canLogin()) {
                throw notPermittedToLogIn(role);
            }
            backend.setConnection(0, null, role.oid(), role.name(), role.superuser());
            return null;
        }
        // Under the database's lock, as a client connects: a DROP or RENAME meanwhile sees this backend.
        Lock lock = server.catalog().databaseLock(database.oid()).readLock();
        lock.lock();
        try {
            DatabaseInfo now = server.catalog().database(database.oid()).orElseThrow(() -> PgException.fatal(
                    SqlState.INVALID_CATALOG_NAME, "database \"" + database.name() + "\" does not exist")
                    .withDetail("It seems to have just been dropped or renamed."));
            check(now, role, bypassAllowConn, bypassLoginCheck);
            backend.setConnection(now.oid(), now.name(), role.oid(), role.name(), role.superuser());
        } finally {
            lock.unlock();
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
