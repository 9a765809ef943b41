package org.elephas.api.ipc;

import org.elephas.api.host.HostAccess;

/** The calling backend's PID ({@code MyProcPid}) and signalling other backends ({@code kill}). */
public final class Backends {

    private Backends() {
    }

    /**
     * {@code MyProcPid}.
     *
     * @return the calling backend's PID
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static int myProcPid() {
        return HostAccess.host().backend().myProcPid();
    }

    /**
     * {@code kill(pid, signal)} for backends: deliver a signal to another session or worker.
     *
     * @param pid the target's PID
     * @param signal the signal
     * @return false when no backend has that PID
     */
    public static boolean kill(int pid, Signal signal) {
        return HostAccess.host().backend().kill(pid, signal);
    }
}
