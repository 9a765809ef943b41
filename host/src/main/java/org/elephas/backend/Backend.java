package org.elephas.backend;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.ipc.Latch;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.SignalHandler;
import org.elephas.api.ipc.SignalTarget;
import org.elephas.api.ipc.Signals;
import org.elephas.api.ipc.WaitEvents;
import org.elephas.guc.GucSession;

/**
 * One backend: a client session or a background worker, PostgreSQL's process, run here on a
 * thread. It carries what PostgreSQL keeps in per-process globals: the PID, {@code MyLatch},
 * the signal handlers and block mask, and the interrupt flags.
 *
 * <p>Signals: {@link #signal(Signal)} runs the handler on the sender's thread (like an
 * asynchronous signal handler: handlers only set flags and latches), or, while signals are
 * blocked, records the signal and delivers it when they are unblocked, so none is lost.
 *
 * <p>Interrupts: {@code die} and cancel only set flags; the backend acts on them at
 * {@link #checkForInterrupts()} and, for {@code die}, at every latch wait. Termination is
 * sticky: once requested, every later check raises the FATAL again, so a worker that catches it
 * cannot carry on.
 */
public final class Backend implements SignalTarget {
    /** The backend of a thread that is not a {@link BackendThread} (which keeps it in a field). */
    private static final ThreadLocal<Backend> CURRENT = new ThreadLocal<>();
    private static final Signal[] SIGNALS = Signal.values();

    /** What kind of backend this is. */
    public enum Kind {
        /** A client session. */
        CLIENT_BACKEND,
        /** A background worker. */
        BACKGROUND_WORKER
    }

    private final int pid;
    private final Kind kind;
    private final String backendType;
    private final BackendLatch latch;
    private final PostmasterLife postmasterLife;
    private final AtomicReferenceArray<SignalHandler> handlers = new AtomicReferenceArray<>(SIGNALS.length);
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final long startedAtMillis = System.currentTimeMillis();
    private volatile boolean signalsBlocked;
    private volatile boolean interruptPending;
    /**
     * Repeats a cancel while the statement it was meant for still runs: the engine forgets a
     * cancel that arrives after the statement's canceller was set but before the engine started
     * executing it, and a terminated worker would then run its statement to the end.
     */
    private static final ScheduledExecutorService RECANCEL = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "elephas-recancel");
        t.setDaemon(true);
        return t;
    });
    private static final long RECANCEL_MILLIS = 50;
    /** Some background worker names this backend as its {@code bgw_notify_pid}. */
    private volatile boolean workerNotifyTarget;

    private volatile boolean procDiePending;
    private volatile boolean queryCancelPending;
    /** Why the pending cancel was requested: statement_timeout rather than a user. */
    private volatile boolean statementTimeoutPending;
    private volatile boolean configReloadPending;
    private volatile int waitEventInfo;
    private volatile Thread thread;
    private volatile Runnable configFileProcessor = () -> { };
    private volatile BackgroundWorker bgworkerEntry;
    private volatile GucSession gucSession;
    private volatile String databaseName;
    private volatile String roleName;
    private volatile int databaseOid;
    private volatile int roleOid;
    private volatile boolean superuser;
    private volatile Activity activity = Activity.NONE;
    private volatile Runnable queryCanceller;
    private volatile Runnable exitWhileIdle;
    private volatile java.net.InetSocketAddress clientAddress;
    private int interruptHoldoffCount;
    /** Guards {@link #engineDepth} against a thread interrupt racing an engine call. */
    private final Object engineLock = new Object();
    private int engineDepth;
    private final java.util.List<Runnable> procExitCallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param pid the PID from {@link ProcArray}
     * @param kind session or worker
     * @param backendType {@code pg_stat_activity.backend_type}: {@code client backend} or the
     *     worker's {@code bgw_type}
     * @param postmasterLife the server's life, for {@code WL_POSTMASTER_DEATH}
     */
    public Backend(int pid, Kind kind, String backendType, PostmasterLife postmasterLife) {
        this.pid = pid;
        this.kind = Objects.requireNonNull(kind);
        this.backendType = Objects.requireNonNull(backendType);
        this.postmasterLife = Objects.requireNonNull(postmasterLife);
        this.latch = new BackendLatch(this, postmasterLife);
        for (Signal s : SIGNALS) {
            handlers.set(s.ordinal(), Signals.IGNORE);
        }
        handlers.set(Signal.SIGTERM.ordinal(), Signals.DIE);
        handlers.set(Signal.SIGUSR1.ordinal(), Signals.PROCSIGNAL);
    }

    /** @return the backend bound to the calling thread, or null */
    public static Backend current() {
        return Thread.currentThread() instanceof BackendThread t ? t.backend : CURRENT.get();
    }

    /**
     * @param otherwise the PID to report for a thread that is not a backend
     * @return the calling thread's backend's PID, or {@code otherwise}
     */
    public static int pidOfCaller(int otherwise) {
        Backend b = current();
        return b != null ? b.pid : otherwise;
    }

    /**
     * Run the calling thread as this backend until {@link #unbind()}.
     *
     * @throws IllegalStateException when the thread already runs a backend
     */
    public void bind() {
        Backend running = current();
        if (running != null) {
            throw new IllegalStateException("thread already runs backend " + running.pid);
        }
        Thread t = Thread.currentThread();
        thread = t;
        if (t instanceof BackendThread bt) {
            bt.backend = this;
        } else {
            CURRENT.set(this);
        }
    }

    /** Detach the calling thread from this backend and clear a stray thread interrupt. */
    public void unbind() {
        // set(null), not remove(): a session binds and unbinds around every statement, and a
        // removed entry is allocated again (a weak reference) on the next get.
        if (Thread.currentThread() instanceof BackendThread bt) {
            bt.backend = null;
        } else {
            CURRENT.set(null);
        }
        thread = null;
        Thread.interrupted();
    }

    @Override
    public int pid() {
        return pid;
    }

    /** @return session or worker */
    public Kind kind() {
        return kind;
    }

    /** @return {@code pg_stat_activity.backend_type} */
    public String backendType() {
        return backendType;
    }

    /** @return when the backend was created, epoch millis ({@code backend_start}) */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    @Override
    public Latch latch() {
        return latch;
    }

    /** @return the wait event reported now, 0 when not waiting */
    public int waitEventInfo() {
        return waitEventInfo;
    }

    /**
     * @param processor what {@code ProcessConfigFile(PGC_SIGHUP)} does for this backend: adopt
     *     the server's current configuration
     */
    public void setConfigFileProcessor(Runnable processor) {
        this.configFileProcessor = Objects.requireNonNull(processor);
    }

    /** @return this backend's parameter values, or null */
    public GucSession gucSession() {
        return gucSession;
    }

    /** @param session this backend's parameter values */
    public void setGucSession(GucSession session) {
        this.gucSession = session;
    }

    /** @return {@code MyBgworkerEntry}, or null for a session */
    public BackgroundWorker bgworkerEntry() {
        return bgworkerEntry;
    }

    /** @param entry the worker's registration record */
    public void setBgworkerEntry(BackgroundWorker entry) {
        this.bgworkerEntry = entry;
    }

    /** @return the database this backend is connected to, or null */
    public String databaseName() {
        return databaseName;
    }

    /** @return the role this backend runs as, or null */
    public String roleName() {
        return roleName;
    }

    /** @return the OID of the database this backend is connected to, 0 for none */
    public int databaseOid() {
        return databaseOid;
    }

    /** @return the OID of the role this backend runs as, 0 before it connects */
    public int roleOid() {
        return roleOid;
    }

    /** @return whether this backend runs as a superuser (a worker without a role does) */
    public boolean isSuperuser() {
        return superuser || roleName == null;
    }

    /**
     * Record the database and role of a connected backend.
     *
     * @param databaseOid the database's OID, 0 for none
     * @param database the database name, or null for none
     * @param roleOid the role's OID
     * @param role the role name
     * @param isSuperuser whether the role is a superuser
     */
    public void setConnection(int databaseOid, String database, int roleOid, String role, boolean isSuperuser) {
        this.databaseOid = databaseOid;
        this.databaseName = database;
        this.roleOid = roleOid;
        this.roleName = role;
        this.superuser = isSuperuser;
    }

    /** @return the client's address and port ({@code client_addr}, {@code client_port}), or null */
    public java.net.InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** @param address the address the client connected from, or null (in process, worker) */
    public void setClientAddress(java.net.InetSocketAddress address) {
        this.clientAddress = address;
    }

    /** @return what this backend last reported of itself */
    public Activity activity() {
        return activity;
    }

    /**
     * {@code pgstat_report_activity}: called by the backend's own thread.
     *
     * @param state the new state
     * @param query the statement now running (for {@link ActivityState#ACTIVE}), or null to keep
     *     the last one
     * @param transactionStartMillis when the current transaction started, 0 outside one
     */
    public void reportActivity(ActivityState state, String query, long transactionStartMillis) {
        Activity last = activity;
        long now = System.currentTimeMillis();
        boolean newQuery = query != null;
        activity = new Activity(state, newQuery ? query : last.query(), newQuery ? now : last.queryStartMillis(),
                state == last.state() ? last.stateChangeMillis() : now, transactionStartMillis);
    }

    /**
     * While the backend runs a statement in the engine, cancel and terminate stop that statement
     * through this instead of interrupting the thread (an interrupt would close the engine's
     * file channels).
     *
     * @param canceller stops the running engine statement, or null when none runs
     */
    public void setQueryCanceller(Runnable canceller) {
        this.queryCanceller = canceller;
    }

    /** @return what cancels the engine statement running now, or null (for nested statements to restore) */
    public Runnable queryCanceller() {
        return queryCanceller;
    }

    /**
     * The calling thread (this backend's) is about to use the engine: from now until
     * {@link #leaveEngine()} a terminate request must not interrupt the thread, because an
     * interrupt inside the engine's file I/O closes the database for every session (H2 closes
     * its file channel on {@code ClosedByInterruptException}). Nests. Clears an interrupt that
     * arrived before, for the same reason.
     */
    public void enterEngine() {
        synchronized (engineLock) {
            engineDepth++;
        }
        Thread.interrupted();
    }

    /** The calling thread has left the engine (see {@link #enterEngine()}). */
    public void leaveEngine() {
        synchronized (engineLock) {
            engineDepth--;
        }
    }

    /**
     * {@code on_proc_exit}: run a callback when the backend's thread ends it (a background
     * worker's exit, whatever its code), e.g. to close its database connection.
     *
     * @param callback the callback, run on the backend's own thread in reverse order of registration
     */
    public void onProcExit(Runnable callback) {
        procExitCallbacks.add(0, Objects.requireNonNull(callback));
    }

    /**
     * Run the {@link #onProcExit} callbacks once. Called by the code that ends the backend.
     *
     * @param failures receives what a callback threw; the others still run
     */
    public void runProcExitCallbacks(java.util.function.Consumer<RuntimeException> failures) {
        for (Runnable r : procExitCallbacks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                failures.accept(e);
            }
        }
        procExitCallbacks.clear();
    }

    // ---- signals ----

    /**
     * {@code pqsignal}: install a handler.
     *
     * @param signal the signal
     * @param handler the handler
     * @return the previous handler
     */
    public SignalHandler pqsignal(Signal signal, SignalHandler handler) {
        return handlers.getAndSet(signal.ordinal(), Objects.requireNonNull(handler));
    }

    /**
     * Send a signal to this backend ({@code kill(pid, sig)}).
     *
     * @param signal the signal
     */
    public void signal(Signal signal) {
        pendingSignals.getAndUpdate(bits -> bits | (1 << signal.ordinal()));
        // Record first, then look at the mask: whichever of sender and unblocker comes second
        // sees the recorded bit and delivers it, so a signal racing an unblock is never lost.
        if (!signalsBlocked) {
            deliverPending();
        }
    }

    /** @param blocked hold signals ({@code BackgroundWorkerBlockSignals}) or deliver them */
    public void setSignalsBlocked(boolean blocked) {
        signalsBlocked = blocked;
        if (!blocked) {
            deliverPending();
        }
    }

    /** @return whether signals are held */
    public boolean signalsBlocked() {
        return signalsBlocked;
    }

    private void deliverPending() {
        int bits = pendingSignals.getAndSet(0);
        for (int i = 0; bits != 0; i++, bits >>>= 1) {
            if ((bits & 1) != 0) {
                handlers.get(i).handle(SIGNALS[i], this);
            }
        }
    }

    @Override
    public void requestDie() {
        procDiePending = true;
        interruptPending = true;
        latch.set();
        Runnable canceller = queryCanceller;
        if (canceller != null) {
            cancelRunningStatement(canceller);
            return;
        }
        synchronized (engineLock) {
            Thread t = thread;
            if (t == null) {
                exitIfIdle();
            } else if (engineDepth == 0 && !latch.isWaitedOnBy(t)) {
                // Also break blocking calls outside latch waits, as G4 asks for; never inside
                // the engine (see enterEngine), where the flag alone is acted on at the next check.
                // A thread in a latch wait needs no interrupt: the latch set above wakes it, and
                // the wait acts on the termination before it returns.
                t.interrupt();
            }
        }
    }

    /**
     * What terminating this backend does while no thread runs it, as for a client session
     * between statements: a PostgreSQL backend exits at once then, so the session leaves the
     * ProcArray (commands waiting for a database to be free see it go) and its next statement
     * fails with the pending FATAL. Runs at once if termination is already pending.
     *
     * @param exit removes the backend, or null for nothing
     */
    public void setExitWhileIdle(Runnable exit) {
        this.exitWhileIdle = exit;
        if (procDiePending && thread == null) {
            exitIfIdle();
        }
    }

    private void exitIfIdle() {
        Runnable exit = exitWhileIdle;
        if (exit != null) {
            exit.run();
        }
    }

    @Override
    public void requestConfigReload() {
        configReloadPending = true;
        latch.set();
    }

    @Override
    public void requestCancel() {
        queryCancelPending = true;
        interruptPending = true;
        latch.set();
        Runnable canceller = queryCanceller;
        if (canceller != null) {
            cancelRunningStatement(canceller);
        }
    }

    /**
     * Cancel the engine statement running now, and again every {@value #RECANCEL_MILLIS} ms for
     * as long as that same statement runs with the interrupt still pending (see {@link #RECANCEL}).
     */
    private void cancelRunningStatement(Runnable canceller) {
        canceller.run();
        RECANCEL.schedule(() -> {
            if (queryCanceller == canceller && (procDiePending || queryCancelPending)) {
                cancelRunningStatement(canceller);
            }
        }, RECANCEL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * {@code statement_timeout} expired: cancel the running statement like {@link #requestCancel()},
     * reporting the timeout as the reason.
     */
    public void requestStatementTimeout() {
        statementTimeoutPending = true;
        requestCancel();
    }

    /**
     * A new statement begins: drop a cancel that arrived after the last one ended (PostgreSQL
     * ignores a cancel request that reaches an idle backend). Termination stays pending.
     */
    public void discardPendingCancel() {
        queryCancelPending = false;
        statementTimeoutPending = false;
    }

    // ---- background worker notifications ----

    /**
     * Record that a background worker was registered with this backend as its
     * {@code bgw_notify_pid}, so that its exit must stop those notifications.
     */
    public void markWorkerNotifyTarget() {
        workerNotifyTarget = true;
    }

    /** @return whether some background worker was ever registered to notify this backend */
    public boolean isWorkerNotifyTarget() {
        return workerNotifyTarget;
    }

    // ---- interrupts ----

    /** @return whether termination was requested */
    public boolean procDiePending() {
        return procDiePending;
    }

    /**
     * {@code CHECK_FOR_INTERRUPTS()}.
     *
     * @throws PgException the pending FATAL (terminate) or ERROR (cancel)
     */
    public void checkForInterrupts() {
        if (interruptPending && interruptHoldoffCount == 0) {
            processInterrupts(true);
        }
    }

    private void processInterrupts(boolean includeCancel) {
        if (procDiePending) {
            throw new InterruptReport(LogLevel.FATAL, SqlState.ADMIN_SHUTDOWN, terminationMessage());
        }
        if (includeCancel && queryCancelPending) {
            boolean timeout = statementTimeoutPending;
            queryCancelPending = false;
            statementTimeoutPending = false;
            interruptPending = false;
            throw new InterruptReport(LogLevel.ERROR, SqlState.QUERY_CANCELED, timeout
                    ? "canceling statement due to statement timeout" : "canceling statement due to user request");
        }
    }

    private String terminationMessage() {
        return kind == Kind.BACKGROUND_WORKER
                ? "terminating background worker \"" + backendType + "\" due to administrator command"
                : "terminating connection due to administrator command";
    }

    /** @param hold true for {@code HOLD_INTERRUPTS}, false for {@code RESUME_INTERRUPTS} */
    public void holdInterrupts(boolean hold) {
        if (hold) {
            interruptHoldoffCount++;
        } else if (interruptHoldoffCount > 0) {
            interruptHoldoffCount--;
        }
    }

    /** @return {@code ConfigReloadPending} */
    public boolean configReloadPending() {
        return configReloadPending;
    }

    /** @return whether a reload was pending; if so it is cleared and processed */
    public boolean processConfigReloadIfPending() {
        if (!configReloadPending) {
            return false;
        }
        configReloadPending = false;
        configFileProcessor.run();
        return true;
    }

    // ---- waiting ----

    /**
     * {@code WaitLatch} on this backend's own latch. Acts on a pending termination.
     *
     * @param events wait flags
     * @param timeoutMillis timeout for {@code WL_TIMEOUT}
     * @param waitEvent wait event info to report meanwhile
     * @return the events that occurred
     */
    public int waitLatch(int events, long timeoutMillis, int waitEvent) {
        return waitLatch(this, latch, events, timeoutMillis, waitEvent);
    }

    static int waitLatch(Backend backend, BackendLatch latch, int events, long timeoutMillis, int waitEvent) {
        if ((events & (WaitEvents.WL_POSTMASTER_DEATH | WaitEvents.WL_EXIT_ON_PM_DEATH)) == 0) {
            throw new IllegalArgumentException("WaitLatch needs WL_POSTMASTER_DEATH or WL_EXIT_ON_PM_DEATH");
        }
        boolean timed = (events & WaitEvents.WL_TIMEOUT) != 0 && timeoutMillis >= 0;
        long deadline = timed ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        PostmasterLife life = latch.life();
        if (backend != null) {
            backend.waitEventInfo = waitEvent;
        }
        try {
            while (true) {
                if (backend != null && backend.interruptPending && backend.interruptHoldoffCount == 0) {
                    backend.processInterrupts(false);
                }
                int occurred = 0;
                if ((events & WaitEvents.WL_LATCH_SET) != 0 && latch.isSet()) {
                    occurred |= WaitEvents.WL_LATCH_SET;
                }
                if (life.isDead()) {
                    if ((events & WaitEvents.WL_EXIT_ON_PM_DEATH) != 0) {
                        throw new ProcExit(1);
                    }
                    occurred |= WaitEvents.WL_POSTMASTER_DEATH;
                }
                if (occurred != 0) {
                    return occurred;
                }
                if (timed && System.nanoTime() - deadline >= 0) {
                    return WaitEvents.WL_TIMEOUT;
                }
                latch.park(deadline);
                // An interrupt only wakes us; the flags above say why.
                Thread.interrupted();
            }
        } finally {
            if (backend != null) {
                backend.waitEventInfo = 0;
            }
        }
    }

    @Override
    public String toString() {
        return backendType + " (PID " + pid + ")";
    }
}
