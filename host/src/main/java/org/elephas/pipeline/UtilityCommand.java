package org.elephas.pipeline;

import java.util.List;

import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;

/**
 * A utility statement the host runs itself rather than the engine ({@code SET}, {@code BEGIN},
 * {@code CREATE DATABASE}, ...): one class per statement kind.
 */
public interface UtilityCommand {

    /**
     * Run the statement.
     *
     * @param statement the statement
     * @param context where it comes from
     * @param params parameter values
     * @param dest where rows go (for statements that return some)
     * @param qc the completion to fill in
     */
    void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc);

    /** Finds the host command for a utility statement. */
    @FunctionalInterface
    interface Lookup {
        /**
         * @param statement a utility statement
         * @return its host command, or null when the engine runs it
         */
        UtilityCommand find(HostQuery statement);
    }
}
