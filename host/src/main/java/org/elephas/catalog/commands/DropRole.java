package org.elephas.catalog.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.ExtensionInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;

/**
 * {@code DROP ROLE | USER | GROUP [IF EXISTS] name [, ...]}: PostgreSQL 15's {@code DropRole}.
 * Needs CREATEROLE (and superuser for superusers); never drops the session's own role nor
 * the bootstrap superuser; refuses a role that owns databases or extensions or holds
 * privileges on databases, listing them as PostgreSQL's shared-dependency check does. All
 * named roles are checked before any is dropped, so the statement drops all or none.
 */
public final class DropRole implements UtilityCommand {

    /** The command. */
    public DropRole() {
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
        List<String> names = new ArrayList<>();
        do {
            names.add(c.name());
        } while (c.accept(","));
        c.expectEnd();

        if (!caller.mayCreateRoles()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to drop role");
        }
        Catalog catalog = caller.catalog();
        List<RoleInfo> doomed = new ArrayList<>();
        for (String name : names) {
            RoleInfo role = catalog.role(name).orElse(null);
            if (role == null) {
                if (!ifExists) {
                    throw RoleSpec.doesNotExist(name);
                }
                caller.notice("role \"" + name + "\" does not exist, skipping");
                continue;
            }
            if (role.oid() == caller.role().oid()) {
                throw PgException.error(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
            }
            if (role.oid() == caller.session().role().oid()) {
                throw PgException.error(SqlState.OBJECT_IN_USE, "session user cannot be dropped");
            }
            if (role.superuser() && !caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers");
            }
            checkDependencies(catalog, role, caller.databaseOid());
            doomed.add(role);
        }
        if (!doomed.isEmpty()) {
            catalog.change(conn -> {
                for (RoleInfo role : doomed) {
                    checkDependencies(catalog, role, caller.databaseOid());
                    CatalogRows.deleteRole(conn, role.oid());
                }
            });
        }
        qc.set("DROP ROLE");
    }

    /** {@code checkSharedDependencies}: what still refers to the role. */
    private static void checkDependencies(Catalog catalog, RoleInfo role, int currentDatabase) {
        if (role.oid() == Catalog.BOOTSTRAP_SUPERUSER_OID) {
            throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop role " + role.name() + " because it is required by the database system");
        }
        List<DatabaseInfo> databases = new ArrayList<>(catalog.databases());
        databases.sort(Comparator.comparingInt(DatabaseInfo::oid));
        List<String> lines = new ArrayList<>();
        for (DatabaseInfo d : databases) {
            if (d.ownerOid() == role.oid()) {
                lines.add("owner of database " + d.name());
            }
        }
        for (DatabaseInfo d : databases) {
            if (catalog.privileges(d.oid()).stream().anyMatch(p -> p.grantee() == role.oid())) {
                lines.add("privileges for database " + d.name());
            }
        }
        List<String> remote = new ArrayList<>();
        for (DatabaseInfo d : databases) {
            long owned = 0;
            for (ExtensionInfo e : catalog.extensions(d.oid())) {
                if (e.ownerOid() == role.oid()) {
                    if (d.oid() == currentDatabase) {
                        lines.add("owner of extension " + e.name());
                    }
                    owned++;
                }
            }
            if (owned > 0 && d.oid() != currentDatabase) {
                // Objects in other databases are only counted, as PostgreSQL cannot describe them.
                remote.add(owned + (owned == 1 ? " object" : " objects") + " in database " + d.name());
            }
        }
        lines.addAll(remote);
        if (!lines.isEmpty()) {
            throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "role \"" + role.name() + "\" cannot be dropped because some objects depend on it")
                    .withDetail(String.join("\n", lines));
        }
    }
}
