package org.elephas.catalog.commands;

import java.util.concurrent.TimeUnit;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.backend.Backend;
import org.elephas.backend.ProcArray;

/**
 * PostgreSQL's {@code CountOtherDBBackends}: the wait of the commands that need a database to
 * themselves (CREATE DATABASE on its template, ALTER DATABASE RENAME, DROP DATABASE).
 *
 * <p>Up to {@value #MAX_TRIES} tries {@value #INTERVAL_MILLIS} ms apart: each try counts the
 * other backends connected to the database (live backends in the ProcArray whose database is
 * this one, client sessions and background workers alike) and, as PostgreSQL 19 does,
 * terminates every background worker registered as {@code BGWORKER_INTERRUPTIBLE} that is
 * connected to it, through the worker supervisor so that it is not restarted. The wait
 * between tries ends early as soon as the last of them has exited. Whoever is still connected
 * after the last try makes the command fail; the caller holds the database's lock meanwhile,
 * so that nobody new connects.
 */
public final class DatabaseInterlock {
    /** PostgreSQL's number of tries. */
    public static final int MAX_TRIES = 50;
    /** PostgreSQL's pause between tries. */
    public static final long INTERVAL_MILLIS = 100;

    private static volatile Bound bound = new Bound(MAX_TRIES, INTERVAL_MILLIS);

    private final WorkerTerminator workers;

    /** Terminates the interruptible workers connected to a database. */
    @FunctionalInterface
    public interface WorkerTerminator {
        /**
         * {@code TerminateBackgroundWorkersForDatabase}.
         *
         * @param databaseOid the database
         * @return whether any worker was signalled
         */
        boolean terminateWorkersForDatabase(int databaseOid);
    }

    private record Bound(int tries, long intervalMillis) {
    }

    /** @param workers the supervisor's termination of interruptible workers */
    public DatabaseInterlock(WorkerTerminator workers) {
        this.workers = workers;
    }

    /**
     * For tests: a shorter wait than PostgreSQL's, until the returned handle is closed.
     *
     * @param tries tries
     * @param intervalMillis pause between tries
     * @return closing it restores PostgreSQL's bound
     */
    public static AutoCloseable shortenForTesting(int tries, long intervalMillis) {
        bound = new Bound(tries, intervalMillis);
        return () -> bound = new Bound(MAX_TRIES, INTERVAL_MILLIS);
    }

    /**
     * Wait for the database to have no backend other than the caller's.
     *
     * @param procs the live backends
     * @param databaseOid the database
     * @return 0 when it is free, else how many other backends were still connected at the end
     */
    public int countOtherBackends(ProcArray procs, int databaseOid) {
        Bound b = bound;
        Backend me = Backend.current();
        int others = 0;
        for (int attempt = 0; attempt < b.tries(); attempt++) {
            long seen = procs.exitCount();
            others = count(procs, databaseOid, me);
            if (others == 0) {
                return 0;
            }
            workers.terminateWorkersForDatabase(databaseOid);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(b.intervalMillis());
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    procs.awaitExit(seen, left);
                } catch (InterruptedException e) {
                    // Terminating a backend interrupts its thread: act on it now.
                    if (me == null) {
                        Thread.currentThread().interrupt();
                        return count(procs, databaseOid, me);
                    }
                }
                if (me != null) {
                    me.checkForInterrupts();
                }
                seen = procs.exitCount();
                others = count(procs, databaseOid, me);
                if (others == 0) {
                    return 0;
                }
            }
        }
        return others;
    }

    private static int count(ProcArray procs, int databaseOid, Backend me) {
        int n = 0;
        for (Backend b : procs.all()) {
            if (b != me && b.databaseOid() == databaseOid) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param others how many other sessions use the database
     * @return PostgreSQL's {@code errdetail_busy_db}
     */
    static String busyDetail(int others) {
        return others == 1 ? "There is 1 other session using the database."
                : "There are " + others + " other sessions using the database.";
    }

    /**
     * @param message the command's message ({@code database "x" is being accessed by other users})
     * @param others how many are still connected
     * @return the error
     */
    static PgException busy(String message, int others) {
        return PgException.error(SqlState.OBJECT_IN_USE, message).withDetail(busyDetail(others));
    }
}
