package org.elephas.catalog.commands;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import org.elephas.api.LogLevel;
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
 * {@code CREATE DATABASE name [WITH] [OWNER [=] role] [TEMPLATE [=] template] [ENCODING [=] enc]
 * [LOCALE | LC_COLLATE | LC_CTYPE | ICU_LOCALE | LOCALE_PROVIDER | COLLATION_VERSION [=] ..]
 * [TABLESPACE [=] pg_default] [STRATEGY [=] ..] [ALLOW_CONNECTIONS [=] bool]
 * [CONNECTION LIMIT [=] n] [IS_TEMPLATE [=] bool]}: PostgreSQL's {@code createdb}.
 *
 * <p>The new database is a copy of the template ({@code template1} unless named), made while
 * the template's lock is held and no other session is connected to it (the interlock waits
 * for them, terminating interruptible workers). Checks and messages follow PostgreSQL's order:
 * options, owner, CREATEDB privilege, template, copy permission, encoding, name.
 */
public final class CreateDatabase implements UtilityCommand {
    private static final Set<String> OPTIONS = Set.of("owner", "template", "encoding", "locale", "lc_collate",
            "lc_ctype", "icu_locale", "locale_provider", "collation_version", "tablespace", "location", "strategy",
            "oid", "allow_connections", "connection_limit", "is_template");

    private final DatabaseInterlock interlock;

    /** @param interlock the wait for a database to be free */
    public CreateDatabase(DatabaseInterlock interlock) {
        this.interlock = interlock;
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Caller caller = Caller.current();
        caller.preventInTransactionBlock(context, "CREATE DATABASE");
        Cursor c = new Cursor(statement.lexed(), 2);
        String name = c.name();
        c.acceptWord("with");
        Map<String, DefElem> options = DefElem.parseList(c, OPTIONS);
        Catalog catalog = caller.catalog();

        boolean allowConnections = true;
        boolean isTemplate = false;
        int connectionLimit = -1;
        DefElem o;
        if ((o = options.get("location")) != null) {
            caller.warning(SqlState.FEATURE_NOT_SUPPORTED, "LOCATION is not supported anymore");
        }
        if ((o = options.get("allow_connections")) != null && o.hasValue()) {
            allowConnections = o.asBoolean();
        }
        if ((o = options.get("connection_limit")) != null && o.hasValue()) {
            connectionLimit = o.asInt();
            if (connectionLimit < -1) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + connectionLimit);
            }
        }
        if ((o = options.get("is_template")) != null && o.hasValue()) {
            isTemplate = o.asBoolean();
        }
        checkUnsupported(options);

        RoleInfo owner = caller.role();
        if ((o = options.get("owner")) != null && o.hasValue()) {
            owner = RoleSpec.lookup(catalog, o.asString());
        }
        if (!caller.mayCreateDatabases()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create database");
        }
        caller.checkMemberOf(owner);

        String templateName = "template1";
        if ((o = options.get("template")) != null && o.hasValue()) {
            templateName = o.asString();
        }
        String t = templateName;
        DatabaseInfo template = catalog.database(templateName).orElseThrow(() -> PgException.error(
                SqlState.INVALID_CATALOG_NAME, "template database \"" + t + "\" does not exist"));
        if (!template.isTemplate() && !caller.owns(template)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to copy database \"" + t + "\"");
        }
        if ((o = options.get("encoding")) != null) {
            Encodings.check(o);
        }
        if (catalog.database(name).isPresent()) {
            throw PgException.error(SqlState.DUPLICATE_DATABASE, "database \"" + name + "\" already exists");
        }

        ServerContext server = caller.session().server();
        DatabaseInfo created = new DatabaseInfo(catalog.newOid(), name, owner.oid(), allowConnections, isTemplate,
                connectionLimit);
        Lock lock = catalog.databaseLock(template.oid()).writeLock();
        lock.lock();
        try {
            int others = interlock.countOtherBackends(server.procs(), template.oid());
            if (others > 0) {
                throw DatabaseInterlock.busy("source database \"" + t + "\" is being accessed by other users", others);
            }
            server.engine().copyDatabase(template.oid(), created.oid());
        } finally {
            lock.unlock();
        }
        try {
            catalog.change(conn -> CatalogRows.insertDatabase(conn, created));
        } catch (RuntimeException e) {
            server.engine().dropDatabase(created.oid());
            throw e;
        }
        server.log().log(LogLevel.DEBUG1, "created database \"" + name + "\" (OID " + created.oid() + ") from \"" + t + "\"");
        qc.set("CREATE DATABASE");
    }

    /** Options accepted for compatibility, checked as far as they mean anything here. */
    private static void checkUnsupported(Map<String, DefElem> options) {
        DefElem o = options.get("tablespace");
        if (o != null && o.hasValue() && !o.asString().equals("pg_default")) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "tablespace \"" + o.asString() + "\" does not exist");
        }
        o = options.get("strategy");
        if (o != null && o.hasValue() && !o.asString().equalsIgnoreCase("wal_log")
                && !o.asString().equalsIgnoreCase("file_copy")) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid create database strategy \"" + o.asString() + "\"")
                    .withHint("Valid strategies are \"wal_log\", and \"file_copy\".");
        }
        o = options.get("locale_provider");
        if (o != null && o.hasValue() && !o.asString().equalsIgnoreCase("libc") && !o.asString().equalsIgnoreCase("icu")) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "unrecognized locale provider: " + o.asString());
        }
        o = options.get("oid");
        if (o != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "choosing a database's OID is not supported")
                    .withPosition(o.position());
        }
    }
}
