package org.elephas.utility;

import java.util.LinkedHashMap;
import java.util.Map;

import org.elephas.catalog.commands.AlterDatabase;
import org.elephas.catalog.commands.AlterRole;
import org.elephas.catalog.commands.CreateDatabase;
import org.elephas.catalog.commands.CreateRole;
import org.elephas.catalog.commands.DatabaseInterlock;
import org.elephas.catalog.commands.DatabasePrivileges;
import org.elephas.catalog.commands.DropDatabase;
import org.elephas.catalog.commands.DropRole;
import org.elephas.catalog.commands.GrantDatabase;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.TransactionCommands;
import org.elephas.sql.LexedStatement;

/**
 * The table of host utility commands: each statement kind the host answers, keyed by its
 * leading key words (the longest key that matches wins). Everything else goes to the engine.
 */
public final class UtilityCommands implements UtilityCommand.Lookup {
    private final Map<String, UtilityCommand> byWords = new LinkedHashMap<>();
    private final Map<String, UtilityCommand.Check> checksByWords = new LinkedHashMap<>();
    private final TransactionCommands transactions = new TransactionCommands();

    /**
     * The standard table.
     *
     * @param interlock the wait for a database to be free, for the database commands
     * @param checkPassword the {@code check_password} hook chain, for the role commands
     */
    public UtilityCommands(DatabaseInterlock interlock,
            org.elephas.hooks.HookChain<org.elephas.api.hooks.CheckPasswordHook,
                    org.elephas.api.hooks.CheckPasswordHook.Next> checkPassword) {
        ParameterCommands parameters = new ParameterCommands();
        register("set", parameters);
        register("show", parameters);
        register("reset", parameters);

        register("create database", new CreateDatabase(interlock));
        register("drop database", new DropDatabase(interlock));
        register("alter database", new AlterDatabase(interlock));
        CreateRole createRole = new CreateRole(checkPassword);
        register("create role", createRole);
        register("create user", createRole);
        register("create group", createRole);
        AlterRole alterRole = new AlterRole(checkPassword);
        register("alter role", alterRole);
        register("alter user", alterRole);
        DropRole dropRole = new DropRole();
        register("drop role", dropRole);
        register("drop user", dropRole);
        register("drop group", dropRole);
        GrantDatabase grant = new GrantDatabase();
        register("grant", grant);
        register("revoke", grant);
        registerCheck("create schema", DatabasePrivileges.createSchemaCheck());
        for (String temp : new String[] {"create temp", "create temporary", "create local temp",
            "create local temporary", "create global temp", "create global temporary"}) {
            registerCheck(temp, DatabasePrivileges.temporaryCheck());
        }
        MaintenanceCommands maintenance = new MaintenanceCommands();
        register("vacuum", maintenance);
        register("analyze", maintenance);
        register("analyse", maintenance);
        register("alter system", new AlterSystemCommand());
        register("create schema", new SchemaCommand());
    }

    /**
     * Add or replace a command.
     *
     * @param leadingWords its leading key words, lower case, separated by one space
     * @param command the command
     */
    public void register(String leadingWords, UtilityCommand command) {
        byWords.put(leadingWords, command);
    }

    /**
     * Add a check the host makes before the engine runs a statement it does not run itself.
     *
     * @param leadingWords the statement's leading key words, lower case, separated by one space
     * @param check the check
     */
    public void registerCheck(String leadingWords, UtilityCommand.Check check) {
        checksByWords.put(leadingWords, check);
    }

    @Override
    public UtilityCommand find(HostQuery statement) {
        LexedStatement s = statement.lexed();
        if (TransactionCommands.handles(s)) {
            return transactions;
        }
        return longestMatch(byWords, s);
    }

    @Override
    public void checkEngineStatement(HostQuery statement) {
        UtilityCommand.Check check = longestMatch(checksByWords, statement.lexed());
        if (check != null) {
            check.check(statement);
        }
    }

    private static <T> T longestMatch(Map<String, T> table, LexedStatement s) {
        String key = s.word(0);
        T found = table.get(key);
        for (int i = 1; i < 4 && !s.word(i).isEmpty(); i++) {
            key = key + " " + s.word(i);
            T longer = table.get(key);
            if (longer != null) {
                found = longer;
            }
        }
        return found;
    }
}
