package org.elephas.api.hooks;

/**
 * {@code emit_log_hook}: sees every report written to the server log, before it is written.
 * The standard implementation writes it unless {@link ErrorData#outputToServer()} was cleared.
 * Reports made from inside an emit_log hook go straight to the log, without the chain.
 */
@FunctionalInterface
public interface EmitLogHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /** @param edata the report */
        void emitLog(ErrorData edata);
    }

    /**
     * @param edata the report
     * @param next the rest of the chain
     */
    void emitLog(ErrorData edata, Next next);
}
