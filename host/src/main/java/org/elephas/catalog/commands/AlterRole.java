package org.elephas.catalog.commands;

import org.elephas.api.hooks.CheckPasswordHook;
import org.elephas.hooks.HookChain;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.auth.PasswordType;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.RoleInfo;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;

/**
 * {@code ALTER ROLE | USER name [WITH] option ...} ({@code AlterRole}) and
 * {@code ALTER ROLE name RENAME TO new} ({@code RenameRole}), with PostgreSQL 15's permission
 * rules: superusers alter anyone; CREATEROLE alters roles that are not superusers; anyone
 * changes their own password. The bootstrap superuser keeps SUPERUSER (PostgreSQL 16's rule:
 * without it no superuser might be left to repair anything). Per-role settings
 * ({@code SET}/{@code RESET}) are not supported.
 */
public final class AlterRole implements UtilityCommand {
    private final HookChain<CheckPasswordHook, CheckPasswordHook.Next> checkPassword;

    /** @param checkPassword the {@code check_password} chain a given password goes through first */
    public AlterRole(HookChain<CheckPasswordHook, CheckPasswordHook.Next> checkPassword) {
        this.checkPassword = checkPassword;
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Caller caller = Caller.current();
        Cursor c = new Cursor(statement.lexed(), 2);
        if (c.peekWord().equals("all") || c.peekWord(1).equals("set") || c.peekWord(1).equals("reset")
                || (c.peekWord(1).equals("in") && c.peekWord(2).equals("database"))) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "per-role parameter settings (ALTER ROLE ... SET) are not supported");
        }
        RoleSpec target = RoleSpec.parse(c, caller, false);
        if (c.acceptWord("rename")) {
            c.expectWord("to");
            String newName = RoleNames.newName(c);
            c.expectEnd();
            rename(caller, target.name(), newName);
        } else {
            c.acceptWord("with");
            RoleOptions options = RoleOptions.parse(c, false, caller);
            alter(caller, target, options);
        }
        qc.set("ALTER ROLE");
    }

    private void alter(Caller caller, RoleSpec target, RoleOptions options) {
        options.checkConnectionLimit();
        Catalog catalog = caller.catalog();
        RoleInfo role = target.resolve(catalog);
        if (role.superuser() || options.has("superuser")) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                        "must be superuser to alter superuser roles or change superuser attribute");
            }
        } else if (options.has("isreplication")) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                        "must be superuser to alter replication roles or change replication attribute");
            }
        } else if (options.has("bypassrls")) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to change bypassrls attribute");
            }
        } else if (!caller.mayCreateRoles() && !(options.onlyPassword() && role.oid() == caller.role().oid())) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied");
        }
        if (role.oid() == Catalog.BOOTSTRAP_SUPERUSER_OID && !options.flag("superuser", true)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to alter role")
                    .withDetail("The bootstrap user must have the SUPERUSER attribute.");
        }
        String password = options.hasPassword()
                ? Passwords.toStore(caller, checkPassword.head(), role.name(), options.password()) : null;
        catalog.change(conn -> {
            RoleInfo now = catalog.role(role.oid()).orElseThrow(() -> RoleSpec.doesNotExist(role.name()));
            Integer limit = options.connectionLimit();
            CatalogRows.updateRole(conn, new RoleInfo(now.oid(), now.name(), options.flag("superuser", now.superuser()),
                    options.flag("createdb", now.createDb()), options.flag("createrole", now.createRole()),
                    options.flag("canlogin", now.canLogin()), options.hasPassword() ? password : now.password(),
                    limit != null ? limit : now.connectionLimit()));
        });
    }

    private static void rename(Caller caller, String name, String newName) {
        Catalog catalog = caller.catalog();
        RoleInfo role = RoleSpec.lookup(catalog, name);
        if (role.oid() == caller.session().role().oid()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        }
        RoleNames.checkNotReserved(role.name());
        RoleNames.checkNotReserved(newName);
        if (catalog.role(newName).isPresent()) {
            throw CatalogRows.roleExists(newName);
        }
        if (role.superuser()) {
            if (!caller.superuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to rename superusers");
            }
        } else if (!caller.mayCreateRoles()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to rename role");
        }
        boolean clearMd5 = PasswordType.of(role.password()) == PasswordType.MD5;
        catalog.change(conn -> {
            RoleInfo now = catalog.role(role.oid()).orElseThrow(() -> RoleSpec.doesNotExist(name));
            CatalogRows.updateRole(conn, new RoleInfo(now.oid(), newName, now.superuser(), now.createDb(),
                    now.createRole(), now.canLogin(), clearMd5 ? null : now.password(), now.connectionLimit()));
        });
        if (clearMd5) {
            // The MD5 hash is salted with the role's name: it no longer matches.
            caller.notice("MD5 password cleared because of role rename");
        }
    }
}
