package org.elephas.bgworker;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BgwHandleStatus;

/**
 * One row of {@code elephas_workers}: a registered worker's slot, record, status and history.
 *
 * @param slot the slot index
 * @param pid the PID while running, otherwise 0
 * @param entry the registration record
 * @param dynamic whether it was registered dynamically
 * @param status NOT_YET_STARTED, STARTED or STOPPED (awaiting restart)
 * @param notifyPid the current notify PID (0 once the registrant exited)
 * @param history starts, exits, last exit code and error
 */
public record WorkerInfo(int slot, int pid, BackgroundWorker entry, boolean dynamic, BgwHandleStatus status,
        int notifyPid, WorkerHistory history) {
}
