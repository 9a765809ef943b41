package org.elephas.backend;

/**
 * {@code proc_exit(code)}: unwinds a backend's thread to its runner, which ends the backend with
 * the given exit code. An {@link Error} so that an extension's {@code catch (Exception e)}
 * cannot swallow it; the runner tells it apart from a crash.
 */
public final class ProcExit extends Error {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** @param code the exit code: 0 (done, unregister) or 1 (failed, restart if restartable) */
    public ProcExit(int code) {
        super("proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    /** @return the exit code */
    public int code() {
        return code;
    }
}
