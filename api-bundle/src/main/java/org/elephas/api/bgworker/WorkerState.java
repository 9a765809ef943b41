package org.elephas.api.bgworker;

/**
 * What {@code GetBackgroundWorkerPid} and {@code WaitForBackgroundWorkerStartup} report: the
 * status and, when {@link BgwHandleStatus#STARTED}, the worker's PID.
 *
 * @param status the status
 * @param pid the PID when started, otherwise 0
 */
public record WorkerState(BgwHandleStatus status, int pid) {
}
