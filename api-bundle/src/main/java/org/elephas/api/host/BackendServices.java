package org.elephas.api.host;

import org.elephas.api.ipc.Latch;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.SignalHandler;

/** The calling backend's IPC state, behind the facades of {@link org.elephas.api.ipc}. */
public interface BackendServices {

    /** @return the calling backend's PID */
    int myProcPid();

    /** @return the calling backend's database name, or null when it is not connected to one */
    String myDatabaseName();

    /** @return the calling backend's role name, or null when it runs as no role */
    String myRoleName();

    /**
     * @param pid a backend's PID
     * @param signal a signal
     * @return whether the backend exists
     */
    boolean kill(int pid, Signal signal);

    /** @return the calling backend's latch */
    Latch myLatch();

    /**
     * @param signal a signal
     * @param handler its new handler
     * @return the previous handler
     */
    SignalHandler pqsignal(Signal signal, SignalHandler handler);

    /** @param blocked whether to hold signals from now on */
    void setSignalsBlocked(boolean blocked);

    /** {@code CHECK_FOR_INTERRUPTS}. */
    void checkForInterrupts();

    /** @param hold true to hold, false to resume one level */
    void holdInterrupts(boolean hold);

    /** @return {@code ConfigReloadPending} */
    boolean configReloadPending();

    /** @return whether a reload was pending (and is now processed) */
    boolean processConfigReloadIfPending();

    /**
     * @param name an extension wait event's name
     * @return its wait event info
     */
    int waitEventExtensionNew(String name);

    /** @return {@code MyDatabaseId}: the calling backend's database OID, 0 for none */
    int myDatabaseId();

    /** @return {@code GetUserId()}: the calling backend's role OID */
    int userId();

    /** @return {@code superuser()} for the calling backend */
    boolean superuser();
}
