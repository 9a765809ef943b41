package org.elephas.catalog.commands;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

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
import org.elephas.session.ServerContext;

/**
 * {@code ALTER DATABASE name RENAME TO new} ({@code RenameDatabase}),
 * {@code ALTER DATABASE name OWNER TO role} ({@code AlterDatabaseOwner}) and
 * {@code ALTER DATABASE name [WITH] ALLOW_CONNECTIONS [=] b | CONNECTION LIMIT [=] n | IS_TEMPLATE [=] b}
 * ({@code AlterDatabase}). A rename needs the database free, as in PostgreSQL: it waits for
 * other backends through the interlock. Per-database settings ({@code SET}/{@code RESET}),
 * {@code SET TABLESPACE} and {@code REFRESH COLLATION VERSION} are not supported.
 */
public final class AlterDatabase implements UtilityCommand {
    private static final Set<String> OPTIONS = Set.of("allow_connections", "connection_limit", "is_template");

    private final DatabaseInterlock interlock;

    /** @param interlock the wait for a database to be free */
    public AlterDatabase(DatabaseInterlock interlock) {
        this.interlock = interlock;
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Caller caller = Caller.current();
        Cursor c = new Cursor(statement.lexed(), 2);
        String name = c.name();
        switch (c.peekWord()) {
            case "rename" -> {
                c.next();
                c.expectWord("to");
                String newName = c.name();
                c.expectEnd();
                rename(caller, name, newName);
            }
            case "owner" -> {
                c.next();
                c.expectWord("to");
                RoleSpec spec = RoleSpec.parse(c, caller, false);
                c.expectEnd();
                changeOwner(caller, name, spec);
            }
            case "set", "reset" -> {
                boolean tablespace = c.peekWord().equals("set") && c.peekWord(1).equals("tablespace");
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, tablespace
                        ? "tablespaces are not supported"
                        : "per-database parameter settings (ALTER DATABASE ... SET) are not supported");
            }
            case "refresh" -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "collation versions are not tracked; REFRESH COLLATION VERSION is not supported");
            default -> {
                c.acceptWord("with");
                Map<String, DefElem> options = DefElem.parseList(c, OPTIONS);
                alterOptions(caller, name, options);
            }
        }
        qc.set("ALTER DATABASE");
    }

    private static DatabaseInfo lookup(Catalog catalog, String name) {
        return catalog.database(name).orElseThrow(() -> PgException.error(SqlState.INVALID_CATALOG_NAME,
                "database \"" + name + "\" does not exist"));
    }

    private void rename(Caller caller, String name, String newName) {
        Catalog catalog = caller.catalog();
        DatabaseInfo db = lookup(catalog, name);
        caller.checkOwner(db);
        if (!caller.mayCreateDatabases()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to rename database");
        }
        if (catalog.database(newName).isPresent()) {
            throw PgException.error(SqlState.DUPLICATE_DATABASE, "database \"" + newName + "\" already exists");
        }
        if (db.oid() == caller.databaseOid()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "current database cannot be renamed");
        }
        ServerContext server = caller.session().server();
        Lock lock = catalog.databaseLock(db.oid()).writeLock();
        lock.lock();
        try {
            int others = interlock.countOtherBackends(server.procs(), db.oid());
            if (others > 0) {
                throw DatabaseInterlock.busy("database \"" + name + "\" is being accessed by other users", others);
            }
            DatabaseInfo now = catalog.database(db.oid()).orElseThrow(() -> PgException.error(
                    SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist"));
            catalog.change(conn -> CatalogRows.updateDatabase(conn, new DatabaseInfo(now.oid(), newName,
                    now.ownerOid(), now.allowConnections(), now.isTemplate(), now.connectionLimit())));
        } finally {
            lock.unlock();
        }
    }

    private static void changeOwner(Caller caller, String name, RoleSpec spec) {
        Catalog catalog = caller.catalog();
        RoleInfo newOwner = spec.resolve(catalog);
        DatabaseInfo db = lookup(catalog, name);
        if (db.ownerOid() == newOwner.oid()) {
            return;
        }
        caller.checkOwner(db);
        caller.checkMemberOf(newOwner);
        if (!caller.mayCreateDatabases()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to change owner of database");
        }
        catalog.change(conn -> {
            DatabaseInfo now = currentRow(catalog, db, name);
            CatalogRows.updateDatabase(conn, new DatabaseInfo(now.oid(), now.name(), newOwner.oid(),
                    now.allowConnections(), now.isTemplate(), now.connectionLimit()));
        });
    }

    private static void alterOptions(Caller caller, String name, Map<String, DefElem> options) {
        Integer connectionLimit = null;
        DefElem o = options.get("connection_limit");
        if (o != null) {
            connectionLimit = o.asInt();
            if (connectionLimit < -1) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + connectionLimit);
            }
        }
        Catalog catalog = caller.catalog();
        DatabaseInfo db = lookup(catalog, name);
        caller.checkOwner(db);
        Boolean allowConnections = options.containsKey("allow_connections")
                ? options.get("allow_connections").asBoolean() : null;
        Boolean isTemplate = options.containsKey("is_template") ? options.get("is_template").asBoolean() : null;
        if (Boolean.FALSE.equals(allowConnections) && db.oid() == caller.databaseOid()) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot disallow connections for current database");
        }
        Integer limit = connectionLimit;
        catalog.change(conn -> {
            DatabaseInfo now = currentRow(catalog, db, name);
            CatalogRows.updateDatabase(conn, new DatabaseInfo(now.oid(), now.name(), now.ownerOid(),
                    allowConnections != null ? allowConnections : now.allowConnections(),
                    isTemplate != null ? isTemplate : now.isTemplate(),
                    limit != null ? limit : now.connectionLimit()));
        });
    }

    /** The row as it is now, inside the change (another session may have changed it meanwhile). */
    private static DatabaseInfo currentRow(Catalog catalog, DatabaseInfo db, String name) {
        return catalog.database(db.oid()).orElseThrow(() -> PgException.error(SqlState.INVALID_CATALOG_NAME,
                "database \"" + name + "\" does not exist"));
    }
}
