package org.elephas.utility;

import java.util.LinkedHashMap;
import java.util.Map;

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
    private final TransactionCommands transactions = new TransactionCommands();

    /** The standard table. */
    public UtilityCommands() {
        ParameterCommands parameters = new ParameterCommands();
        register("set", parameters);
        register("show", parameters);
        register("reset", parameters);
        MaintenanceCommands maintenance = new MaintenanceCommands();
        register("vacuum", maintenance);
        register("analyze", maintenance);
        register("analyse", maintenance);
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

    @Override
    public UtilityCommand find(HostQuery statement) {
        LexedStatement s = statement.lexed();
        if (TransactionCommands.handles(s)) {
            return transactions;
        }
        String key = s.word(0);
        UtilityCommand found = byWords.get(key);
        for (int i = 1; i < 4 && !s.word(i).isEmpty(); i++) {
            key = key + " " + s.word(i);
            UtilityCommand longer = byWords.get(key);
            if (longer != null) {
                found = longer;
            }
        }
        return found;
    }
}
