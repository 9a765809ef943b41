package org.elephas.bgworker;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.backend.Backend;
import org.elephas.backend.ProcExit;
import org.elephas.log.ServerLog;

/**
 * {@code BackgroundWorkerMain}: the body of a worker's thread. Looks up the entry point, runs
 * it, and turns how it ended into PostgreSQL's exit code: return = 0; {@code proc_exit(n)} = n;
 * an ERROR or FATAL (or any exception) = 1 after logging it; a Java {@link Error} = a crash
 * (code 2), confined to this worker.
 */
final class WorkerRunner implements Runnable {
    /** The exit code Elephas reports for a worker that died of a Java {@link Error}. */
    static final int CRASH_EXIT_CODE = 2;

    private final WorkerSupervisor supervisor;
    private final EntryPoints entryPoints;
    private final ServerLog log;
    private final int slot;
    private final long generation;
    private final Backend backend;

    WorkerRunner(WorkerSupervisor supervisor, EntryPoints entryPoints, ServerLog log, int slot, long generation,
            Backend backend) {
        this.supervisor = supervisor;
        this.entryPoints = entryPoints;
        this.log = log;
        this.slot = slot;
        this.generation = generation;
        this.backend = backend;
    }

    int slot() {
        return slot;
    }

    long generation() {
        return generation;
    }

    Backend backend() {
        return backend;
    }

    @Override
    public void run() {
        BackgroundWorker entry = backend.bgworkerEntry();
        Thread thread = Thread.currentThread();
        // Renaming is a system call (the native thread name) on the way to the entry point; a
        // pooled thread that last ran a worker of the same name keeps it. Nor is the name reset
        // when the worker exits: an idle pooled thread shows the last worker it ran, parked in
        // the pool.
        if (!entry.name().equals(thread.getName())) {
            thread.setName(entry.name());
        }
        backend.bind();
        int code;
        Throwable failure = null;
        try {
            WorkerMain main = entryPoints.resolve(entry.libraryName(), entry.functionName());
            main.run(entry.mainArg());
            code = 0;
        } catch (ProcExit exit) {
            code = exit.code();
        } catch (PgException e) {
            log.log(backend.pid(), e);
            code = 1;
            failure = e;
        } catch (Error e) {
            code = CRASH_EXIT_CODE;
            failure = e;
        } catch (Throwable e) {
            // An unexpected exception is an ERROR the worker did not handle.
            log.write(LogLevel.ERROR, backend.pid(), String.valueOf(e), null, null);
            code = 1;
            failure = e;
        } finally {
            // before_shmem_exit: e.g. the worker's database connection closes here.
            backend.runProcExitCallbacks(e -> log.write(LogLevel.WARNING, backend.pid(), String.valueOf(e), null, null));
            backend.unbind();
        }
        supervisor.workerExited(slot, generation, backend, code, failure);
    }
}
