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

    /**
     * A check the host makes before the engine runs a utility statement the host does not run
     * itself: privileges the engine does not know of (CREATE on the database for CREATE SCHEMA).
     */
    @FunctionalInterface
    interface Check {
        /**
         * @param statement the statement about to go to the engine
         * @throws org.elephas.api.PgException to refuse it
         */
        void check(HostQuery statement);
    }

    /** Finds the host command for a utility statement. */
    @FunctionalInterface
    interface Lookup {
        /**
         * @param statement a utility statement
         * @return its host command, or null when the engine runs it
         */
        UtilityCommand find(HostQuery statement);

        /**
         * Run the host's checks of a statement the engine is about to run.
         *
         * @param statement a utility statement {@link #find} returned no command for
         */
        default void checkEngineStatement(HostQuery statement) {
        }
    }
}
