package org.elephas.bgworker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.bgworker.WorkerState;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.Signals;
import org.elephas.api.ipc.WaitEvents;
import org.elephas.backend.Backend;
import org.elephas.backend.BackendLatch;
import org.elephas.backend.ProcArray;
import org.elephas.log.ServerLog;

/**
 * The postmaster's side of background workers ({@code bgworker.c} and the bgworker parts of
 * {@code postmaster.c}), kept under one lock.
 *
 * <p>Protocol. Static workers are collected while preloading and take the first slots when the
 * slot array is created at the end of PRELOAD ("shared memory initialisation"). A dynamic
 * registration takes the first free slot and bumps its generation; a handle is (slot,
 * generation). A slot's {@code pid} is PostgreSQL's: -1 not yet started, 0 stopped (exited,
 * perhaps awaiting restart), otherwise the running worker's PID. Launch happens as soon as the
 * server's phase permits the worker's start time: right in the registering thread, which gives it
 * a PID under the lock and, once the lock is released, hands it to an idle pooled thread; that is
 * what makes a start take microseconds. When a worker
 * ends: exit 0 unregisters it (slot freed); any other exit unregisters it if it never restarts
 * or was terminated through its handle, otherwise schedules the next launch after
 * {@code bgw_restart_time} (plus backoff, see {@link RestartPolicy}). Every change of a slot
 * signals the notify PID ({@code SIGUSR1}) and wakes the threads waiting on that slot's handles.
 *
 * <p>Concurrency. The lock guards the slots' bookkeeping, but handle status reads, and the
 * termination of a running worker by handle, take no lock: a slot publishes its worker, and the
 * worker its PID and backend, through volatile fields. Whatever a
 * critical section decides to signal, wake or hand to a thread (each an {@code unpark}, a
 * system call) is collected and done after the lock is released ({@link #release()}). Exits are
 * combined: an exiting worker queues its exit and applies the queue only if it gets the lock at
 * once; otherwise the thread holding the lock applies it before releasing. So a thousand workers
 * exiting together never park on the lock (PostgreSQL's postmaster, likewise, reaps exited
 * children in one pass).
 */
public final class WorkerSupervisor {
    private static final int INVALID_PID = -1;
    private static final int STOPPED_PID = 0;

    /** What the supervisor needs to know of the server's phase. */
    public interface Phases {
        /**
         * @param startTime a worker's start time
         * @return whether the current phase permits launching it
         */
        boolean mayLaunch(BgWorkerStartTime startTime);

        /** @return whether the server is shutting down */
        boolean shuttingDown();
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Exits not yet applied; applied by whichever thread holds the lock (see {@link #release()}). */
    private final Queue<Exit> exits = new ConcurrentLinkedQueue<>();
    /** Threads waiting in {@link #awaitExits}: an applied exit takes {@link #exitMonitor} only when some wait. */
    private final AtomicInteger exitWaiters = new AtomicInteger();
    private final Object exitMonitor = new Object();
    /** Exits applied so far; written under the lock. */
    private volatile long exitsApplied;
    private final ServerLog log;
    private final ProcArray procs;
    private final EntryPoints entryPoints;
    private final Executor threads;
    private final ScheduledExecutorService timer;
    private final Phases phases;
    private final int maxWorkerProcesses;
    private final Consumer<Backend> backendSetup;
    private final List<BackgroundWorker> staticWorkers = new ArrayList<>();
    /** What the current holder of the lock has to do once it releases it. */
    private Deferred deferred = new Deferred();
    private int staticRegistrationCalls;
    /** No slot below this index is free; written under the lock. */
    private int freeHint;
    private volatile Slot[] slots;

    /**
     * @param log the server log
     * @param procs live backends and PIDs
     * @param entryPoints entry point lookup
     * @param threads runs worker threads (a pool of idle threads for fast starts)
     * @param timer schedules delayed restarts
     * @param phases the server's phase
     * @param maxWorkerProcesses {@code max_worker_processes}
     * @param backendSetup gives each new worker backend its per-backend state (parameters)
     */
    public WorkerSupervisor(ServerLog log, ProcArray procs, EntryPoints entryPoints, Executor threads,
            ScheduledExecutorService timer, Phases phases, int maxWorkerProcesses, Consumer<Backend> backendSetup) {
        this.log = log;
        this.procs = procs;
        this.entryPoints = entryPoints;
        this.threads = threads;
        this.timer = timer;
        this.phases = phases;
        this.maxWorkerProcesses = maxWorkerProcesses;
        this.backendSetup = backendSetup;
    }

    private static final class Slot {
        final int index;
        /** The generation of the last registration; written under the lock. */
        long generation;
        /** Written under the lock; read without it by handle status reads. */
        volatile Registered worker;
        /** Latches of threads waiting on this slot's handles. */
        final List<BackendLatch> waiters = new CopyOnWriteArrayList<>();

        Slot(int index) {
            this.index = index;
        }
    }

    /** A worker's exit, queued by its thread until a lock holder applies it. */
    private record Exit(int slot, long generation, Backend backend, int exitCode, String error) {
    }

    /**
     * What a critical section leaves to do after the lock is released: each is an {@code unpark}
     * or a thread hand-off, which other threads should not queue behind.
     */
    private static final class Deferred {
        /** Created on first use: most critical sections leave nothing of a kind to do. */
        IntList notifyPids;
        IntList changedSlots;
        List<Backend> sigterms;
        List<WorkerRunner> launches;

        boolean isEmpty() {
            return notifyPids == null && changedSlots == null && sigterms == null && launches == null;
        }

        void notify(int pid) {
            if (notifyPids == null) {
                notifyPids = new IntList();
            } else if (notifyPids.endsWith(pid)) {
                // Exits applied together often notify the same registrant: one SIGUSR1 does.
                return;
            }
            notifyPids.add(pid);
        }

        void changed(int slot) {
            if (changedSlots == null) {
                changedSlots = new IntList();
            }
            changedSlots.add(slot);
        }

        void sigterm(Backend backend) {
            if (sigterms == null) {
                sigterms = new ArrayList<>(4);
            }
            sigterms.add(backend);
        }

        void launch(WorkerRunner runner) {
            if (launches == null) {
                launches = new ArrayList<>(4);
            }
            launches.add(runner);
        }
    }

    /** A growable list of ints, unboxed: the PIDs and slots of {@link Deferred}. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int get(int index) {
            return values[index];
        }

        boolean endsWith(int value) {
            return size > 0 && values[size - 1] == value;
        }
    }

    private static final class Registered {
        final BackgroundWorker entry;
        final boolean dynamic;
        /** The slot generation this registration holds; handles of other generations are stale. */
        final long generation;
        int notifyPid;
        /** Written under the lock; read without it by handle status reads. */
        volatile int pid = INVALID_PID;
        /** Set with or without the lock (see {@link WorkerSupervisor#terminate}). */
        volatile boolean terminate;
        /** The running worker's backend; written under the lock, read by terminate without it. */
        volatile Backend backend;
        long launchedAtNanos;
        ScheduledFuture<?> restart;
        WorkerHistory history = WorkerHistory.NONE;

        Registered(BackgroundWorker entry, boolean dynamic, long generation, int notifyPid) {
            this.entry = entry;
            this.dynamic = dynamic;
            this.generation = generation;
            this.notifyPid = notifyPid;
        }

        BgwHandleStatus status() {
            return statusOf(pid);
        }

        static BgwHandleStatus statusOf(int pid) {
            return switch (pid) {
                case INVALID_PID -> BgwHandleStatus.NOT_YET_STARTED;
                case STOPPED_PID -> BgwHandleStatus.STOPPED;
                default -> BgwHandleStatus.STARTED;
            };
        }
    }

    /** The worker a handle names, or null when the handle is stale. Safe without the lock. */
    private Registered ofHandle(int slotIndex, long generation) {
        Registered rw = slots[slotIndex].worker;
        return rw != null && rw.generation == generation ? rw : null;
    }

    // ---- the lock ----

    private void acquire() {
        lock.lock();
    }

    /**
     * Release the lock: first apply the queued exits, then, outside the lock, do what the
     * critical section deferred. An exit queued while this thread held the lock is applied here
     * or, if it was queued after the last look, by its own thread (which gets the lock then) or
     * by this thread's second look: the queue is checked again after unlocking.
     */
    private void release() {
        while (true) {
            applyExits();
            Deferred todo = deferred.isEmpty() ? null : deferred;
            if (todo != null) {
                deferred = new Deferred();
            }
            lock.unlock();
            if (todo != null) {
                perform(todo);
            }
            if (exits.isEmpty() || !lock.tryLock()) {
                return;
            }
        }
    }

    private void perform(Deferred todo) {
        // Hand-offs first: a thread takes microseconds to wake, during which the rest is done.
        if (todo.launches != null) {
            for (WorkerRunner runner : todo.launches) {
                try {
                    threads.execute(runner);
                } catch (RejectedExecutionException e) {
                    forkFailed(runner, e);
                }
            }
        }
        if (todo.sigterms != null) {
            for (Backend backend : todo.sigterms) {
                backend.signal(Signal.SIGTERM);
            }
        }
        if (todo.notifyPids != null) {
            for (int i = 0; i < todo.notifyPids.size(); i++) {
                procs.signal(todo.notifyPids.get(i), Signal.SIGUSR1);
            }
        }
        if (todo.changedSlots != null) {
            Slot[] all = slots;
            for (int i = 0; i < todo.changedSlots.size(); i++) {
                for (BackendLatch l : all[todo.changedSlots.get(i)].waiters) {
                    l.set();
                }
            }
        }
    }

    /**
     * {@code RegisterBackgroundWorker}: never throws for a bad record; refusals are LOG lines.
     *
     * @param worker the record
     * @param preloadInProgress whether {@code shared_preload_bundles} are loading
     */
    public void registerStatic(BackgroundWorker worker, boolean preloadInProgress) {
        acquire();
        try {
            if (!preloadInProgress) {
                log.log(LogLevel.LOG, "background worker \"" + worker.name()
                        + "\": must be registered in \"shared_preload_bundles\"");
                return;
            }
            if (slots != null) {
                throw PgException.error(SqlState.INTERNAL_ERROR,
                        "cannot register background worker \"" + worker.name() + "\" after shmem init");
            }
            Optional<PgException> invalid = WorkerValidation.check(worker);
            if (invalid.isPresent()) {
                log.log(LogLevel.LOG, invalid.get().getMessage());
                return;
            }
            if (worker.notifyPid() != 0) {
                log.log(LogLevel.LOG, "background worker \"" + worker.name()
                        + "\": only dynamic background workers can request notification");
                return;
            }
            if (++staticRegistrationCalls > maxWorkerProcesses) {
                log.log(LogLevel.LOG, "too many background workers",
                        "Up to " + maxWorkerProcesses + " background worker" + (maxWorkerProcesses == 1 ? "" : "s")
                                + " can be registered with the current settings.",
                        "Consider increasing the configuration parameter \"max_worker_processes\".");
                return;
            }
            staticWorkers.add(WorkerValidation.withDefaults(worker));
            log.log(LogLevel.DEBUG1, "registering background worker \"" + worker.name() + "\"");
        } finally {
            release();
        }
    }

    /**
     * Create the {@code max_worker_processes} slots, static workers first: PostgreSQL's
     * {@code BackgroundWorkerShmemInit}, at the end of PRELOAD.
     */
    public void initializeSlots() {
        acquire();
        try {
            Slot[] created = new Slot[maxWorkerProcesses];
            for (int i = 0; i < created.length; i++) {
                created[i] = new Slot(i);
            }
            for (int i = 0; i < staticWorkers.size(); i++) {
                created[i].worker = new Registered(staticWorkers.get(i), false, 0, 0);
            }
            slots = created;
        } finally {
            release();
        }
    }

    /**
     * {@code RegisterDynamicBackgroundWorker}.
     *
     * @param worker the record
     * @return a handle, or empty when no slot is free or the slots do not exist yet (a call
     *     from {@code _PG_init} while preloading, which PostgreSQL also refuses)
     * @throws PgException ERROR {@code 22023} for an invalid record
     */
    public Optional<BackgroundWorkerHandle> registerDynamic(BackgroundWorker worker) {
        Optional<PgException> invalid = WorkerValidation.check(worker);
        if (invalid.isPresent()) {
            throw invalid.get();
        }
        BackgroundWorker entry = WorkerValidation.withDefaults(worker);
        acquire();
        try {
            if (slots == null) {
                return Optional.empty();
            }
            Slot slot = firstFreeSlot();
            if (slot == null) {
                return Optional.empty();
            }
            slot.generation++;
            int notifyPid = entry.notifyPid();
            Backend notified = notifyPid == 0 ? null : procs.get(notifyPid);
            if (notifyPid != 0 && notified == null) {
                log.log(LogLevel.DEBUG1, "worker notification PID " + notifyPid + " is not valid");
                notifyPid = 0;
            } else if (notified != null) {
                notified.markWorkerNotifyTarget();
            }
            SlotHandle handle = new SlotHandle(this, slot.index, slot.generation);
            if (phases.shuttingDown()) {
                // Registered and at once forgotten, as the postmaster does past PM_STOP_BACKENDS.
                notify(slot, notifyPid);
                return Optional.of(handle);
            }
            slot.worker = new Registered(entry, true, slot.generation, notifyPid);
            launchIfDue(slot);
            return Optional.of(handle);
        } finally {
            release();
        }
    }

    /** PostgreSQL's choice, the first free slot; the scan starts at {@link #freeHint}. */
    private Slot firstFreeSlot() {
        for (int i = freeHint; i < slots.length; i++) {
            if (slots[i].worker == null) {
                freeHint = i;
                return slots[i];
            }
        }
        freeHint = slots.length;
        return null;
    }

    // ---- launching ----

    /** {@code maybe_start_bgworkers}: launch every worker the current phase permits. */
    public void maybeStartWorkers() {
        acquire();
        try {
            if (slots == null) {
                return;
            }
            for (Slot slot : slots) {
                launchIfDue(slot);
            }
        } finally {
            release();
        }
    }

    private void launchIfDue(Slot slot) {
        Registered rw = slot.worker;
        if (rw == null || rw.backend != null || rw.terminate || rw.restart != null
                || phases.shuttingDown() || !phases.mayLaunch(rw.entry.startTime())) {
            return;
        }
        launch(slot, rw);
    }

    private void launch(Slot slot, Registered rw) {
        BackgroundWorker entry = rw.entry;
        Backend backend = procs.create(Backend.Kind.BACKGROUND_WORKER, entry.type());
        backend.setBgworkerEntry(entry);
        backendSetup.accept(backend);
        // A worker starts with signals blocked; what arrives meanwhile waits for the unblock.
        backend.setSignalsBlocked(true);
        if ((entry.flags() & BgWorkerFlags.BACKEND_DATABASE_CONNECTION) != 0) {
            backend.pqsignal(Signal.SIGINT, Signals.STATEMENT_CANCEL);
        }
        rw.backend = backend;
        rw.pid = backend.pid();
        rw.launchedAtNanos = System.nanoTime();
        rw.history = rw.history.started();
        if (log.isEnabled(LogLevel.DEBUG1)) { // on every launch: skip building the text when unused
            log.log(LogLevel.DEBUG1, "starting background worker process \"" + entry.name() + "\"");
        }
        // Handed to a thread once the lock is released (creating a thread can take a few
        // hundred microseconds, which handle calls should not wait for).
        deferred.launch(new WorkerRunner(this, entryPoints, log, slot.index, slot.generation, backend));
        notify(slot, rw.notifyPid);
    }

    /** No thread for a launched worker: PostgreSQL's failed fork, treated as a failed run. */
    private void forkFailed(WorkerRunner runner, RejectedExecutionException e) {
        log.log(LogLevel.LOG, "could not fork background worker process: " + e.getMessage());
        procs.remove(runner.backend());
        exits.add(new Exit(runner.slot(), runner.generation(), runner.backend(), 1,
                "could not fork background worker process"));
        acquire();
        release();
    }

    // ---- exits ----

    /**
     * Called by the worker's thread when it ends.
     *
     * @param slotIndex its slot
     * @param generation the slot's generation at launch
     * @param backend the worker's backend
     * @param exitCode 0, 1 or {@link WorkerRunner#CRASH_EXIT_CODE}
     * @param failure what ended it, or null
     */
    void workerExited(int slotIndex, long generation, Backend backend, int exitCode, Throwable failure) {
        procs.remove(backend);
        if (backend.gucSession() != null) {
            backend.gucSession().close();
        }
        // Logged before taking the lock: with many workers exiting at once the lock is contended,
        // and a log write is the longest thing an exit would otherwise do while holding it.
        String type = backend.bgworkerEntry().type();
        LogLevel exitLevel = exitCode == 0 ? LogLevel.DEBUG1 : LogLevel.LOG;
        if (exitCode == WorkerRunner.CRASH_EXIT_CODE && failure != null) {
            log.write(LogLevel.LOG, procs.postmasterPidForLog(), "background worker \"" + type + "\" (PID "
                    + backend.pid() + ") was terminated by exception: " + failure, stackOf(failure), null);
        } else if (log.isEnabled(exitLevel)) {
            log.write(exitLevel, procs.postmasterPidForLog(),
                    "background worker \"" + type + "\" (PID " + backend.pid() + ") exited with exit code "
                            + exitCode, null, null);
        }
        exits.add(new Exit(slotIndex, generation, backend, exitCode, failure == null ? null : messageOf(failure)));
        // Never wait for the lock: its holder applies the exit (see release()).
        if (lock.tryLock()) {
            release();
        }
    }

    /** Apply the queued exits. Call under the lock. */
    private void applyExits() {
        Exit exit;
        while ((exit = exits.poll()) != null) {
            Slot slot = slots[exit.slot()];
            Registered rw = slot.worker;
            Backend backend = exit.backend();
            if (backend.isWorkerNotifyTarget()) {
                stopNotificationsLocked(backend.pid()); // a scan of every slot, so only when needed
            }
            if (rw != null && rw.generation == exit.generation() && rw.backend == backend) {
                rw.backend = null;
                afterExit(slot, rw, exit.exitCode(), exit.error());
            }
            exitsApplied++;
            if (exitWaiters.get() > 0) {
                synchronized (exitMonitor) {
                    exitMonitor.notifyAll();
                }
            }
        }
    }

    private void afterExit(Slot slot, Registered rw, int exitCode, String error) {
        boolean failed = exitCode != 0;
        long ranNanos = System.nanoTime() - rw.launchedAtNanos;
        boolean quickFailure = failed && ranNanos < TimeUnit.MILLISECONDS.toNanos(RestartPolicy.QUICK_RUN_MILLIS);
        rw.history = rw.history.exited(exitCode, error, quickFailure);
        if (!failed || rw.terminate || rw.entry.restartTime() == BackgroundWorker.BGW_NEVER_RESTART) {
            forget(slot, rw);
            return;
        }
        rw.pid = STOPPED_PID;
        long delay = RestartPolicy.delayMillis(rw.entry.restartTime(), rw.history.consecutiveQuickFailures());
        if (delay > rw.entry.restartTime() * 1000L) {
            log.log(LogLevel.LOG, "background worker \"" + rw.entry.type() + "\": restart delayed by " + delay
                    + " ms after " + rw.history.consecutiveQuickFailures() + " quick failures in a row");
        }
        rw.restart = timer.schedule(() -> restartDue(slot, rw), delay, TimeUnit.MILLISECONDS);
        notify(slot, rw.notifyPid);
    }

    private void restartDue(Slot slot, Registered rw) {
        acquire();
        try {
            if (slot.worker == rw) {
                rw.restart = null;
                launchIfDue(slot);
            }
        } finally {
            release();
        }
    }

    /** {@code ForgetBackgroundWorker}: free the slot, then tell the registrant. */
    private void forget(Slot slot, Registered rw) {
        if (rw.restart != null) {
            rw.restart.cancel(false);
            rw.restart = null;
        }
        rw.pid = STOPPED_PID;
        slot.worker = null;
        freeHint = Math.min(freeHint, slot.index);
        notify(slot, rw.notifyPid);
    }

    /**
     * {@code BackgroundWorkerStopNotifications}: a backend exited, so no worker notifies it any
     * more. Its workers keep running.
     *
     * @param pid the exited backend
     */
    public void stopNotificationsTo(int pid) {
        acquire();
        try {
            stopNotificationsLocked(pid);
        } finally {
            release();
        }
    }

    private void stopNotificationsLocked(int pid) {
        if (slots == null) {
            return;
        }
        for (Slot s : slots) {
            Registered rw = s.worker;
            if (rw != null && rw.notifyPid == pid) {
                rw.notifyPid = 0;
            }
        }
    }

    // ---- handles ----

    /**
     * {@code GetBackgroundWorkerPid}.
     *
     * @param slotIndex the handle's slot
     * @param generation the handle's generation
     * @return the status and PID
     */
    WorkerState status(int slotIndex, long generation) {
        // No lock: a slot's worker and a worker's PID are published through volatile fields.
        Registered rw = ofHandle(slotIndex, generation);
        if (rw == null) {
            return new WorkerState(BgwHandleStatus.STOPPED, 0);
        }
        int pid = rw.pid;
        BgwHandleStatus status = Registered.statusOf(pid);
        return new WorkerState(status, status == BgwHandleStatus.STARTED ? pid : 0);
    }

    /**
     * {@code TerminateBackgroundWorker}: a stale handle does nothing.
     *
     * @param slotIndex the handle's slot
     * @param generation the handle's generation
     */
    void terminate(int slotIndex, long generation) {
        Registered rw = ofHandle(slotIndex, generation);
        if (rw == null) {
            return;
        }
        // A running worker is told without the lock. The flag is written before the backend is
        // read, and an exit clears the backend before it reads the flag (both volatile), so
        // either the exit sees the flag (and does not restart the worker) or this sees no
        // backend and forgets the worker under the lock below.
        rw.terminate = true;
        Backend running = rw.backend;
        if (running != null) {
            running.signal(Signal.SIGTERM);
            return;
        }
        acquire();
        try {
            rw = ofHandle(slotIndex, generation);
            if (rw == null) {
                return;
            }
            rw.terminate = true;
            if (rw.backend != null) {
                deferred.sigterm(rw.backend);
            } else {
                forget(slots[slotIndex], rw);
            }
        } finally {
            release();
        }
    }

    /**
     * {@code TerminateBackgroundWorkersForDatabase} (PostgreSQL 19): terminate, as
     * {@code TerminateBackgroundWorker} does (so they are not restarted), every running worker
     * registered with {@link BgWorkerFlags#INTERRUPTIBLE} whose backend is connected to the
     * database. Called by commands that need the database free (CREATE DATABASE on its
     * template, ALTER DATABASE RENAME, DROP DATABASE) on each try of their wait.
     *
     * @param databaseOid the database
     * @return whether any worker was signalled
     */
    public boolean terminateWorkersForDatabase(int databaseOid) {
        acquire();
        try {
            if (slots == null) {
                return false;
            }
            boolean signalled = false;
            for (Slot slot : slots) {
                Registered rw = slot.worker;
                if (rw != null && rw.backend != null && (rw.entry.flags() & BgWorkerFlags.INTERRUPTIBLE) != 0
                        && rw.backend.databaseOid() == databaseOid) {
                    rw.terminate = true;
                    deferred.sigterm(rw.backend);
                    signalled = true;
                }
            }
            return signalled;
        } finally {
            release();
        }
    }

    /**
     * Terminate every worker of an extension whose bundle is going away (PostgreSQL never unloads
     * a library, so it has no equivalent): each is terminated as {@code TerminateBackgroundWorker}
     * does (so it is not restarted, and one not running is forgotten at once), then this waits at
     * most {@code timeoutMillis} for the running ones to exit. Those still running then are logged
     * and abandoned; their code may keep running from the old bundle revision until they notice.
     * Does nothing while the server shuts down: {@link #shutdown} has already dealt with workers.
     *
     * @param libraryName the extension name ({@code bgw_library_name})
     * @param timeoutMillis how long to wait ({@code bgworker_shutdown_timeout})
     * @return the workers abandoned
     */
    public List<WorkerInfo> terminateLibraryWorkers(String libraryName, long timeoutMillis) {
        List<Registered> running = new ArrayList<>();
        acquire();
        try {
            if (slots == null || phases.shuttingDown()) {
                return List.of();
            }
            for (Slot slot : slots) {
                Registered rw = slot.worker;
                if (rw == null || !libraryName.equals(rw.entry.libraryName())) {
                    continue;
                }
                rw.terminate = true;
                if (rw.backend == null) {
                    forget(slot, rw);
                } else {
                    deferred.sigterm(rw.backend);
                    running.add(rw);
                }
            }
        } finally {
            release();
        }
        try {
            awaitExits(() -> {
                running.removeIf(rw -> rw.backend == null);
                return running.isEmpty();
            }, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        acquire();
        try {
            List<WorkerInfo> abandoned = new ArrayList<>();
            for (Registered rw : running) {
                abandoned.add(new WorkerInfo(-1, Math.max(rw.pid, 0), rw.entry, rw.dynamic, rw.status(), rw.notifyPid,
                        rw.history));
                log.log(LogLevel.WARNING, "background worker \"" + rw.entry.type() + "\" (PID " + rw.pid
                        + ") of extension \"" + libraryName + "\" did not exit within " + timeoutMillis
                        + " ms of its termination; abandoning it", null,
                        "A worker must call CHECK_FOR_INTERRUPTS or wait on its latch to notice termination.");
            }
            return abandoned;
        } finally {
            release();
        }
    }

    /**
     * Wait until {@code done} holds (tested under the lock, after the queued exits are applied)
     * or the timeout passes; re-tested after every applied exit.
     *
     * @return whether {@code done} held
     * @throws InterruptedException if the waiting thread is interrupted
     */
    private boolean awaitExits(BooleanSupplier done, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // Registered before the first test, so that an exit applied after it notifies us.
        exitWaiters.incrementAndGet();
        try {
            while (true) {
                long seen;
                acquire();
                try {
                    applyExits();
                    seen = exitsApplied;
                    if (done.getAsBoolean()) {
                        return true;
                    }
                } finally {
                    release();
                }
                synchronized (exitMonitor) {
                    while (exitsApplied == seen) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        TimeUnit.NANOSECONDS.timedWait(exitMonitor, left);
                    }
                }
            }
        } finally {
            exitWaiters.decrementAndGet();
        }
    }

    /**
     * The wait loop of {@code WaitForBackgroundWorkerStartup} / {@code ...Shutdown}: check
     * interrupts, check the status, wait on the latch, reset it. Unlike PostgreSQL, the waiter is
     * woken by every change of its handle's slot even without {@code bgw_notify_pid}, and a
     * thread that is not a backend can wait too.
     */
    WorkerState awaitState(int slotIndex, long generation, Predicate<WorkerState> done, int waitEvent) {
        Backend me = Backend.current();
        if (me != null) {
            me.checkForInterrupts();
        }
        WorkerState state = status(slotIndex, generation);
        if (done.test(state)) {
            return state; // already there: no need to register as a waiter
        }
        BackendLatch latch = me != null ? (BackendLatch) me.latch() : new BackendLatch(procs.postmasterLife());
        List<BackendLatch> waiters = slots[slotIndex].waiters;
        waiters.add(latch);
        try {
            while (true) {
                if (me != null) {
                    me.checkForInterrupts();
                }
                state = status(slotIndex, generation);
                if (done.test(state)) {
                    return state;
                }
                int events = latch.waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_POSTMASTER_DEATH, -1, waitEvent);
                if ((events & WaitEvents.WL_POSTMASTER_DEATH) != 0) {
                    return new WorkerState(BgwHandleStatus.POSTMASTER_DIED, 0);
                }
                latch.reset();
            }
        } finally {
            waiters.remove(latch);
        }
    }

    /**
     * Wake every thread waiting on a handle, so that it notices postmaster death: threads that
     * are not backends wait on latches of their own, which the death of the postmaster does not
     * reach otherwise.
     */
    public void wakeWaiters() {
        Slot[] all = slots;
        if (all == null) {
            return;
        }
        for (Slot slot : all) {
            for (BackendLatch l : slot.waiters) {
                l.set();
            }
        }
    }

    /**
     * Once the lock is released: signal the notify PID ({@code SIGUSR1}) and wake the slot's
     * handle waiters. Call under the lock.
     */
    private void notify(Slot slot, int notifyPid) {
        if (notifyPid != 0) {
            deferred.notify(notifyPid);
        }
        if (!slot.waiters.isEmpty()) {
            deferred.changed(slot.index);
        }
    }

    // ---- shutdown and introspection ----

    /**
     * Fast shutdown of workers: forget the ones not running, send {@code SIGTERM} to the rest,
     * and wait for them at most {@code timeoutMillis}. Workers still running then are logged and
     * abandoned (their threads are daemons and do not keep the JVM alive).
     *
     * @param timeoutMillis {@code bgworker_shutdown_timeout}
     * @return the workers abandoned
     */
    public List<WorkerInfo> shutdown(long timeoutMillis) {
        acquire();
        try {
            if (slots == null) {
                return List.of();
            }
            for (Slot slot : slots) {
                Registered rw = slot.worker;
                if (rw == null) {
                    continue;
                }
                if (rw.backend == null) {
                    forget(slot, rw);
                } else {
                    rw.terminate = true;
                    deferred.sigterm(rw.backend);
                }
            }
        } finally {
            release();
        }
        try {
            awaitExits(() -> runningCount() == 0, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        acquire();
        try {
            List<WorkerInfo> abandoned = new ArrayList<>();
            for (WorkerInfo w : snapshotLocked()) {
                if (w.pid() != 0) {
                    abandoned.add(w);
                    log.log(LogLevel.WARNING, "background worker \"" + w.entry().type() + "\" (PID " + w.pid()
                            + ") did not exit within " + timeoutMillis + " ms of the shutdown request; abandoning it",
                            null, "A worker must call CHECK_FOR_INTERRUPTS or wait on its latch to notice termination.");
                }
            }
            return abandoned;
        } finally {
            release();
        }
    }

    private int runningCount() {
        int n = 0;
        for (Slot s : slots) {
            if (s.worker != null && s.worker.backend != null) {
                n++;
            }
        }
        return n;
    }

    /** @return one row per registered worker, for {@code elephas_workers} */
    public List<WorkerInfo> snapshot() {
        acquire();
        try {
            return slots == null ? staticSnapshot() : snapshotLocked();
        } finally {
            release();
        }
    }

    private List<WorkerInfo> staticSnapshot() {
        List<WorkerInfo> rows = new ArrayList<>();
        for (int i = 0; i < staticWorkers.size(); i++) {
            rows.add(new WorkerInfo(i, 0, staticWorkers.get(i), false, BgwHandleStatus.NOT_YET_STARTED, 0,
                    WorkerHistory.NONE));
        }
        return rows;
    }

    private List<WorkerInfo> snapshotLocked() {
        List<WorkerInfo> rows = new ArrayList<>();
        for (Slot s : slots) {
            Registered rw = s.worker;
            if (rw == null) {
                continue;
            }
            rows.add(new WorkerInfo(s.index, Math.max(rw.pid, 0), rw.entry, rw.dynamic, rw.status(), rw.notifyPid,
                    rw.history));
        }
        return rows;
    }

    /**
     * For tests: run {@code action} holding the lock, as every supervisor operation does.
     *
     * @param action what to run
     */
    void runLocked(Runnable action) {
        acquire();
        try {
            action.run();
        } finally {
            release();
        }
    }

    /** @return for tests: exits queued and not applied yet */
    int queuedExits() {
        return exits.size();
    }

    /** @return {@code max_worker_processes} */
    public int maxWorkerProcesses() {
        return maxWorkerProcesses;
    }

    private static String messageOf(Throwable t) {
        return t instanceof PgException ? t.getMessage() : t.toString();
    }

    private static String stackOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String text = out.toString().strip();
        // Enough frames to find the fault without flooding the log.
        String[] lines = text.split("\n");
        return lines.length <= 12 ? text : String.join("\n", java.util.Arrays.copyOf(lines, 12)) + "\n\t...";
    }
}
