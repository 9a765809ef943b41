package org.elephas.api.bgworker;

/**
 * {@code BackgroundWorkerHandle}: a dynamic worker's slot and the generation it was registered
 * in. A handle whose slot has since been freed and reused can never observe or terminate the new
 * occupant: it reports {@link BgwHandleStatus#STOPPED} and {@link #terminate()} does nothing.
 */
public interface BackgroundWorkerHandle {

    /**
     * {@code GetBackgroundWorkerPid}: the worker's current status, without waiting.
     *
     * @return STARTED with the PID, NOT_YET_STARTED or STOPPED
     */
    WorkerState getBackgroundWorkerPid();

    /**
     * {@code WaitForBackgroundWorkerStartup}: wait until the worker is no longer
     * NOT_YET_STARTED. Honours the caller's interrupts (a terminate request raises its FATAL).
     *
     * @return STARTED with the PID, STOPPED (which may mean "started and already finished"), or
     *     POSTMASTER_DIED
     */
    WorkerState waitForStartup();

    /**
     * {@code WaitForBackgroundWorkerShutdown}: wait until the worker is STOPPED. A restartable
     * worker that is only temporarily down counts as stopped.
     *
     * @return STOPPED or POSTMASTER_DIED
     */
    BgwHandleStatus waitForShutdown();

    /**
     * {@code TerminateBackgroundWorker}: ask the postmaster to stop the worker (SIGTERM if
     * running, dropped if not yet started). After it exits, whatever its exit code, it is
     * unregistered and never restarted. Safe on a stale handle.
     */
    void terminate();
}
