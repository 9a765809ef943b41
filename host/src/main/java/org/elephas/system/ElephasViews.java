package org.elephas.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.bgworker.WorkerInfo;
import org.elephas.library.BundleInfo;

/** The Elephas views of DESIGN G6: {@code elephas_workers} and {@code elephas_bundles}. */
public final class ElephasViews {
    private ElephasViews() {
    }

    /**
     * One row per registered background worker: its slot, record, status and history (starts,
     * exits, last exit code and error), beyond what PostgreSQL keeps.
     *
     * @param connection the engine's connection
     * @return the rows, by slot
     * @throws SQLException from the engine
     */
    public static ResultSet elephasWorkers(Connection connection) throws SQLException {
        Rows rows = new Rows().integer("slot").integer("pid").text("name").text("type").text("library")
                .text("function").bigint("main_arg").integer("flags").text("start_time").integer("restart_time")
                .bool("dynamic").text("status").integer("notify_pid").integer("starts").integer("exits")
                .integer("last_exit_code").text("last_error");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        for (WorkerInfo w : SystemState.current().workers().get()) {
            BackgroundWorker e = w.entry();
            rows.add(w.slot(), w.pid() == 0 ? null : w.pid(), e.name(), e.type(), e.libraryName(), e.functionName(),
                    e.mainArg().int64(), e.flags(), label(e.startTime().name()), e.restartTime(), w.dynamic(),
                    label(w.status().name()), w.notifyPid() == 0 ? null : w.notifyPid(), w.history().starts(),
                    w.history().exits(), w.history().lastExitCode(), w.history().lastError());
        }
        return rows.result();
    }

    /**
     * One row per bundle in the framework (the host's system bundle left out), and one per jar
     * that failed to install: how it came in (preload, load, deploy), its state and its last
     * error.
     *
     * @param connection the engine's connection
     * @return the rows
     * @throws SQLException from the engine
     */
    public static ResultSet elephasBundles(Connection connection) throws SQLException {
        Rows rows = new Rows().bigint("id").text("symbolic_name").text("version").text("extension_name")
                .text("state").text("origin").text("location").text("last_error");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        for (BundleInfo b : SystemState.current().bundles().get()) {
            rows.add(b.id(), b.symbolicName(), b.version(), b.extensionName(), b.state(),
                    b.origin() == null ? null : b.origin().label(), b.location(), b.lastError());
        }
        return rows.result();
    }

    /**
     * One row per hook link, chain by chain in calling order: who installed it, how often it
     * was called, the milliseconds spent in it (its {@code next} included; estimated from
     * sampled calls) and the calls it failed.
     *
     * @param connection the engine's connection
     * @return the rows
     * @throws SQLException from the engine
     */
    public static ResultSet elephasHooks(Connection connection) throws SQLException {
        Rows rows = new Rows().text("hook").integer("position").text("extension").text("bundle").bigint("bundle_id")
                .bigint("calls").float8("total_time").bigint("errors");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        for (org.elephas.hooks.HookRegistry.HookRow h : SystemState.current().hooks().get()) {
            rows.add(h.hook(), h.position(), h.owner().extensionName(), h.owner().symbolicName(), h.owner().bundleId(),
                    h.calls(), h.totalNanos() / 1e6, h.errors());
        }
        return rows.result();
    }

    /** {@code NOT_YET_STARTED} reads {@code not yet started}. */
    private static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
