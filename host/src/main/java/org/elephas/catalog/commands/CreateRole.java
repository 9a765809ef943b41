package org.elephas.catalog.commands;

import org.elephas.api.hooks.CheckPasswordHook;
import org.elephas.hooks.HookChain;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.RoleInfo;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;

/**
 * {@code CREATE ROLE | USER | GROUP name [[WITH] option ...]}: PostgreSQL 15's
 * {@code CreateRole}. CREATE USER implies LOGIN. Superusers create any role; a role with
 * CREATEROLE creates roles that are not superusers (and have neither REPLICATION nor
 * BYPASSRLS). A password is stored hashed ({@link Passwords}).
 */
public final class CreateRole implements UtilityCommand {
    private final HookChain<CheckPasswordHook, CheckPasswordHook.Next> checkPassword;

    /** @param checkPassword the {@code check_password} chain a given password goes through first */
    public CreateRole(HookChain<CheckPasswordHook, CheckPasswordHook.Next> checkPassword) {
        this.checkPassword = checkPassword;
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Caller caller = Caller.current();
        Cursor c = new Cursor(statement.lexed(), 2);
        boolean isUser = statement.lexed().word(1).equals("user");
        String name = RoleNames.newName(c);
        c.acceptWord("with");
        RoleOptions options = RoleOptions.parse(c, true, caller);
        options.checkConnectionLimit();

        boolean superuser = options.flag("superuser", false);
        if (superuser) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create superusers");
            }
        } else if (options.flag("isreplication", false)) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create replication users");
            }
        } else if (options.flag("bypassrls", false)) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create bypassrls users");
            }
        } else if (!caller.mayCreateRoles()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create role");
        }
        RoleNames.checkNotReserved(name);
        Catalog catalog = caller.catalog();
        if (catalog.role(name).isPresent()) {
            throw CatalogRows.roleExists(name);
        }
        String password = options.hasPassword()
                ? Passwords.toStore(caller, checkPassword.head(), name, options.password()) : null;
        Integer limit = options.connectionLimit();
        RoleInfo role = new RoleInfo(catalog.newOid(), name, superuser, options.flag("createdb", false),
                options.flag("createrole", false), options.flag("canlogin", isUser), password,
                limit == null ? -1 : limit);
        catalog.change(conn -> CatalogRows.insertRole(conn, role));
        qc.set("CREATE ROLE");
    }
}
