package org.elephas.ticker;

import org.elephas.api.Datum;
import org.elephas.api.Elog;
import org.elephas.api.LogLevel;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.ipc.Interrupts;
import org.elephas.api.ipc.Latch;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.Signals;
import org.elephas.api.ipc.WaitEvents;

/**
 * The ticker's background worker: its entry point {@link #tickerMain(Datum)} is named by
 * {@code bgw_function_name} {@code org.elephas.ticker.TickerWorker.tickerMain}.
 */
public final class TickerWorker {

    private TickerWorker() {
    }

    /**
     * The worker's main loop. It never returns: it ends when the host terminates it (SIGTERM
     * raises a FATAL at the next latch wait or interrupt check) or shuts down.
     *
     * @param arg {@code bgw_main_arg}, unused
     */
    public static void tickerMain(Datum arg) {
        /* establish signal handlers before unblocking signals */
        Signals.pqsignal(Signal.SIGHUP, Signals.CONFIG_RELOAD);

        /* we're now ready to receive signals */
        BackgroundWorkers.unblockSignals();

        Elog.log("ticker started");

        /* the wait event shown in pg_stat_activity while we sleep */
        int waitEvent = WaitEvents.extensionNew("TickerMain");

        for (long n = 1; ; n++) {
            /*
             * Never sleep directly: wait on the latch, which is set when we are signalled, and
             * exit at once if the postmaster dies.
             */
            Latch.my().waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_TIMEOUT | WaitEvents.WL_EXIT_ON_PM_DEATH,
                    TickerExtension.naptime.get() * 1000L, waitEvent);
            Latch.my().reset();

            /* act on a pending termination */
            Interrupts.checkForInterrupts();

            /* in case of a SIGHUP, just reload the configuration */
            Interrupts.processConfigReloadIfPending();

            /* do the work: here, just say so */
            Elog.elog(LogLevel.DEBUG1, "ticker: tick " + n);
        }
    }
}
