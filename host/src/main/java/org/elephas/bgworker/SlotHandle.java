package org.elephas.bgworker;

import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.bgworker.WorkerState;
import org.elephas.backend.WaitEventRegistry;

/** A handle: a slot index and the generation the worker was registered in. */
final class SlotHandle implements BackgroundWorkerHandle {
    private final WorkerSupervisor supervisor;
    private final int slot;
    private final long generation;

    SlotHandle(WorkerSupervisor supervisor, int slot, long generation) {
        this.supervisor = supervisor;
        this.slot = slot;
        this.generation = generation;
    }

    @Override
    public WorkerState getBackgroundWorkerPid() {
        return supervisor.status(slot, generation);
    }

    @Override
    public WorkerState waitForStartup() {
        return supervisor.awaitState(slot, generation, s -> s.status() != BgwHandleStatus.NOT_YET_STARTED,
                WaitEventRegistry.BGWORKER_STARTUP);
    }

    @Override
    public BgwHandleStatus waitForShutdown() {
        return supervisor.awaitState(slot, generation, s -> s.status() == BgwHandleStatus.STOPPED,
                WaitEventRegistry.BGWORKER_SHUTDOWN).status();
    }

    @Override
    public void terminate() {
        supervisor.terminate(slot, generation);
    }

    @Override
    public String toString() {
        return "BackgroundWorkerHandle[slot=" + slot + ", generation=" + generation + "]";
    }
}
