package org.elephas.benchmarks.workers;

import org.elephas.api.Datum;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.ipc.Backends;
import org.elephas.api.ipc.Interrupts;
import org.elephas.api.ipc.Latch;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.WaitEvents;

/**
 * Worker entry points of the benchmark bundle ({@code bench_workers}). This package is packaged
 * into a real extension bundle at benchmark setup, so these run in the bundle's class loader, as
 * a real extension's workers do; they see only the API.
 *
 * <p>A worker tells the benchmark that its entry point runs by sending {@code SIGUSR2} to the
 * backend whose PID is its {@code bgw_main_arg} (PostgreSQL's way for a worker to wake its
 * registrant); the benchmark's registering thread is bound to a client backend and handles
 * {@code SIGUSR2} by counting and setting its latch.
 */
public final class BenchWorkers {
    /** The wait event the waiting workers report in their latch wait (PostgreSQL's {@code WAIT_EVENT_EXTENSION}). */
    public static final int WAIT_EVENT = WaitEvents.PG_WAIT_EXTENSION;

    private BenchWorkers() {
    }

    /**
     * Returns at once: exit code 0, the slot is freed.
     *
     * @param arg unused
     */
    public static void exitAtOnce(Datum arg) {
        // Nothing: the cheapest possible worker.
    }

    /**
     * Signals its registrant ({@code SIGUSR2} to PID {@code arg}) and returns: exit code 0.
     *
     * @param arg the registrant's PID
     */
    public static void signalAndExit(Datum arg) {
        Backends.kill(arg.int32(), Signal.SIGUSR2);
    }

    /**
     * Signals its registrant ({@code SIGUSR2} to PID {@code arg}), then fails with FATAL: exit
     * code 1, so a worker with a restart time is launched again (the restart benchmark,
     * {@code bgw_restart_time = 0}).
     *
     * @param arg the registrant's PID
     */
    public static void signalAndFail(Datum arg) {
        Backends.kill(arg.int32(), Signal.SIGUSR2);
        throw PgException.fatal(SqlState.INTERNAL_ERROR, "bench worker exiting with failure to be restarted");
    }

    /**
     * The worker_spi main loop without the work: unblock signals, then wait on the latch, reset
     * it, check for interrupts, until terminated ({@code SIGTERM}: FATAL, exit code 1) or the
     * server shuts down.
     *
     * @param arg unused
     */
    public static void waitForTermination(Datum arg) {
        BackgroundWorkers.unblockSignals();
        waitLoop();
    }

    /**
     * As {@link #waitForTermination(Datum)}, but first signals its registrant ({@code SIGUSR2}
     * to PID {@code arg}) once its entry point runs with signals unblocked.
     *
     * @param arg the registrant's PID
     */
    public static void signalAndWaitForTermination(Datum arg) {
        BackgroundWorkers.unblockSignals();
        Backends.kill(arg.int32(), Signal.SIGUSR2);
        waitLoop();
    }

    private static void waitLoop() {
        Latch latch = Latch.my();
        while (true) {
            latch.waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_EXIT_ON_PM_DEATH, -1, WAIT_EVENT);
            latch.reset();
            Interrupts.checkForInterrupts();
        }
    }
}
