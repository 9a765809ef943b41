package org.elephas.postmaster;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.elephas.api.LogLevel;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.ipc.Latch;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.SignalHandler;
import org.elephas.api.host.BackendServices;
import org.elephas.api.host.GucServices;
import org.elephas.api.host.Host;
import org.elephas.api.host.HookServices;
import org.elephas.api.host.SpiServices;
import org.elephas.api.host.WorkerServices;
import org.elephas.backend.Backend;
import org.elephas.backend.ProcArray;
import org.elephas.backend.WaitEventRegistry;
import org.elephas.bgworker.WorkerSupervisor;
import org.elephas.log.ServerLog;
import org.elephas.spi.WorkerConnections;

/**
 * The host as the API's static facades see it: each call is routed to the component that owns
 * it, acting for the backend bound to the calling thread.
 */
final class HostBridge implements Host, WorkerServices, BackendServices {
    private final ServerLog log;
    private final ProcArray procs;
    private final WorkerSupervisor supervisor;
    private final WaitEventRegistry waitEvents;
    private final GucServices gucs;
    private final BooleanSupplier preloadInProgress;
    private final WorkerConnections connections;
    private final SpiServices spi;

    private final HookServices hooks;

    HostBridge(ServerLog log, ProcArray procs, WorkerSupervisor supervisor, WaitEventRegistry waitEvents, GucServices gucs,
            BooleanSupplier preloadInProgress, WorkerConnections connections, SpiServices spi, HookServices hooks) {
        this.hooks = hooks;
        this.connections = connections;
        this.spi = spi;
        this.log = log;
        this.procs = procs;
        this.supervisor = supervisor;
        this.waitEvents = waitEvents;
        this.gucs = gucs;
        this.preloadInProgress = preloadInProgress;
    }

    @Override
    public boolean preloadInProgress() {
        return preloadInProgress.getAsBoolean();
    }

    @Override
    public void log(LogLevel level, String sqlState, String message, String detail, String hint) {
        log.log(level, message, detail, hint);
    }

    @Override
    public WorkerServices workers() {
        return this;
    }

    @Override
    public BackendServices backend() {
        return this;
    }

    @Override
    public GucServices gucs() {
        return gucs;
    }

    @Override
    public HookServices hooks() {
        return hooks;
    }

    @Override
    public SpiServices spi() {
        return spi;
    }

    // ---- workers ----

    @Override
    public void registerBackgroundWorker(BackgroundWorker worker) {
        supervisor.registerStatic(worker, preloadInProgress.getAsBoolean());
    }

    @Override
    public Optional<BackgroundWorkerHandle> registerDynamicBackgroundWorker(BackgroundWorker worker) {
        return supervisor.registerDynamic(worker);
    }

    @Override
    public BackgroundWorker myBgworkerEntry() {
        Backend me = Backend.current();
        return me == null ? null : me.bgworkerEntry();
    }

    @Override
    public void initializeConnection(String database, String user, int databaseOid, int roleOid, int flags) {
        connections.initializeConnection(requireBackend("BackgroundWorkerInitializeConnection"), database, user,
                databaseOid, roleOid, flags);
    }

    // ---- backend ----

    @Override
    public int myProcPid() {
        return requireBackend("MyProcPid").pid();
    }

    @Override
    public String myDatabaseName() {
        return requireBackend("MyDatabaseId").databaseName();
    }

    @Override
    public String myRoleName() {
        return requireBackend("GetUserId").roleName();
    }

    @Override
    public boolean kill(int pid, Signal signal) {
        return procs.signal(pid, signal);
    }

    @Override
    public int myDatabaseId() {
        return requireBackend("MyDatabaseId").databaseOid();
    }

    @Override
    public int userId() {
        return requireBackend("GetUserId").roleOid();
    }

    @Override
    public boolean superuser() {
        return requireBackend("superuser").isSuperuser();
    }

    @Override
    public Latch myLatch() {
        return requireBackend("MyLatch").latch();
    }

    @Override
    public SignalHandler pqsignal(Signal signal, SignalHandler handler) {
        return requireBackend("pqsignal").pqsignal(signal, handler);
    }

    @Override
    public void setSignalsBlocked(boolean blocked) {
        requireBackend("BackgroundWorkerUnblockSignals").setSignalsBlocked(blocked);
    }

    @Override
    public void checkForInterrupts() {
        Backend me = Backend.current();
        if (me != null) {
            me.checkForInterrupts();
        }
    }

    @Override
    public void holdInterrupts(boolean hold) {
        Backend me = Backend.current();
        if (me != null) {
            me.holdInterrupts(hold);
        }
    }

    @Override
    public boolean configReloadPending() {
        Backend me = Backend.current();
        return me != null && me.configReloadPending();
    }

    @Override
    public boolean processConfigReloadIfPending() {
        Backend me = Backend.current();
        return me != null && me.processConfigReloadIfPending();
    }

    @Override
    public int waitEventExtensionNew(String name) {
        return waitEvents.extensionNew(name);
    }

    private static Backend requireBackend(String what) {
        Backend me = Backend.current();
        if (me == null) {
            throw new IllegalStateException(what + " is only available in a session or background worker thread");
        }
        return me;
    }
}
