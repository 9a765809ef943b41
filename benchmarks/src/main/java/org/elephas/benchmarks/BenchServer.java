package org.elephas.benchmarks;

import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.StartupFailure;

/**
 * A started server for a benchmark trial: its temporary home, the postmaster, and the client
 * backend that registers workers. Closing it undoes all three, whatever got started.
 */
final class BenchServer implements AutoCloseable {
    final BenchHome home;
    final Postmaster postmaster;
    final Registrant registrant;

    private BenchServer(BenchHome home, Postmaster postmaster, Registrant registrant) {
        this.home = home;
        this.postmaster = postmaster;
        this.registrant = registrant;
    }

    /**
     * @param maxWorkerProcesses {@code max_worker_processes}
     * @return a running server with no static workers
     * @throws StartupFailure when the server cannot start (the home is removed)
     */
    static BenchServer start(int maxWorkerProcesses) throws StartupFailure {
        return start(maxWorkerProcesses, java.util.List.of());
    }

    /**
     * @param maxWorkerProcesses {@code max_worker_processes}
     * @param hookBundles sample hook bundles to preload too (see {@link BenchHome#newPostmaster(int, java.util.List)})
     * @return a running server with no static workers
     * @throws StartupFailure when the server cannot start (the home is removed)
     */
    static BenchServer start(int maxWorkerProcesses, java.util.List<String> hookBundles) throws StartupFailure {
        BenchHome home = BenchHome.create(0);
        try {
            Postmaster postmaster = home.newPostmaster(maxWorkerProcesses, hookBundles);
            postmaster.start();
            return new BenchServer(home, postmaster, new Registrant(postmaster));
        } catch (StartupFailure | RuntimeException e) {
            home.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            registrant.close();
            postmaster.shutdown();
        } finally {
            home.close();
        }
    }
}
