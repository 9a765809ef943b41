package org.elephas.catalog.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.ipc.Signal;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.backend.Backend;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.ServerContext;

/**
 * {@code DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]}: PostgreSQL's {@code dropdb}. Only
 * the owner (or a superuser) may drop a database; never the one the session is connected
 * to, nor a template. With FORCE the other backends connected to it are first sent SIGTERM
 * ({@code TerminateOtherDBBackends}); either way the interlock then waits for the database to
 * be free. The catalog rows go first, then the engine's files.
 */
public final class DropDatabase implements UtilityCommand {
    private final DatabaseInterlock interlock;

    /** @param interlock the wait for a database to be free */
    public DropDatabase(DatabaseInterlock interlock) {
        this.interlock = interlock;
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Caller caller = Caller.current();
        Cursor c = new Cursor(statement.lexed(), 2);
        boolean ifExists = false;
        if (c.peekWord().equals("if") && c.peekWord(1).equals("exists")) {
            c.next();
            c.next();
            ifExists = true;
        }
        String name = c.name();
        boolean force = parseOptions(c);
        caller.preventInTransactionBlock(context, "DROP DATABASE");
        Catalog catalog = caller.catalog();
        Optional<DatabaseInfo> found = catalog.database(name);
        if (found.isEmpty()) {
            if (!ifExists) {
                throw PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
            }
            caller.notice("database \"" + name + "\" does not exist, skipping");
            qc.set("DROP DATABASE");
            return;
        }
        DatabaseInfo db = found.get();
        caller.checkOwner(db);
        if (db.oid() == caller.databaseOid()) {
            throw PgException.error(SqlState.OBJECT_IN_USE, "cannot drop the currently open database");
        }
        if (db.isTemplate()) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot drop a template database");
        }
        ServerContext server = caller.session().server();
        Lock lock = catalog.databaseLock(db.oid()).writeLock();
        lock.lock();
        try {
            if (catalog.database(db.oid()).isEmpty()) {
                throw PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
            }
            if (force) {
                terminateOtherBackends(caller, server, db.oid());
            }
            int others = interlock.countOtherBackends(server.procs(), db.oid());
            if (others > 0) {
                throw DatabaseInterlock.busy("database \"" + name + "\" is being accessed by other users", others);
            }
            List<Integer> extensionOids = catalog.extensions(db.oid()).stream().map(e -> e.oid()).toList();
            catalog.change(conn -> CatalogRows.deleteDatabase(conn, db.oid()));
            catalog.databaseDropped(db.oid(), extensionOids);
            server.engine().dropDatabase(db.oid());
        } finally {
            lock.unlock();
        }
        server.log().log(LogLevel.DEBUG1, "dropped database \"" + name + "\" (OID " + db.oid() + ")");
        qc.set("DROP DATABASE");
    }

    /** {@code [ [WITH] ( FORCE [, ...] ) ]}: whether FORCE was given. */
    private static boolean parseOptions(Cursor c) {
        if (c.atEnd()) {
            return false;
        }
        c.acceptWord("with");
        c.expect("(");
        boolean force = false;
        do {
            c.expectWord("force");
            force = true;
        } while (c.accept(","));
        c.expect(")");
        c.expectEnd();
        return force;
    }

    /**
     * {@code TerminateOtherDBBackends}: check the caller may signal every other backend
     * connected to the database, then send each SIGTERM.
     */
    private static void terminateOtherBackends(Caller caller, ServerContext server, int databaseOid) {
        Backend me = Backend.current();
        List<Backend> targets = new ArrayList<>();
        for (Backend b : server.procs().all()) {
            if (b != me && b.databaseOid() == databaseOid) {
                targets.add(b);
            }
        }
        for (Backend b : targets) {
            if (b.isSuperuser() && !caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be a superuser to terminate superuser process");
            }
            if (!caller.superuser() && b.roleOid() != caller.role().oid()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                        "must be a member of the role whose process is being terminated or member of pg_signal_backend");
            }
        }
        for (Backend b : targets) {
            b.signal(Signal.SIGTERM);
        }
    }
}
