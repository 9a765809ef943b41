package org.elephas.pipeline;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.Column;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.QueryDesc;
import org.elephas.backend.Backend;
import org.elephas.dialect.TemporaryTables;
import org.elephas.engine.EngineErrors;
import org.elephas.engine.PgTypes;

/**
 * {@code standard_ExecutorStart/Run/Finish/End} over the engine: Start binds the parameters,
 * the first Run executes the statement, and every Run streams up to {@code count} rows from the
 * engine's result to the receiver, one at a time, so a suspended portal resumes where it
 * stopped. End releases the result and, unless the plan is cached, the engine statement.
 *
 * <p>While the engine runs a statement, the backend's cancel and terminate requests cancel
 * that statement (the engine then raises 57014).
 */
public final class StandardExecutor {

    /**
     * {@code ExecutorCheckPerms}: Elephas does not model table privileges (docs/sql.md), so
     * every statement passes.
     *
     * @param queryDesc the statement
     * @param ereportOnViolation unused
     * @return true
     */
    public boolean checkPerms(QueryDesc queryDesc, boolean ereportOnViolation) {
        return true;
    }

    /**
     * @param queryDesc the statement
     * @param eflags unused
     */
    public void start(QueryDesc queryDesc, int eflags) {
        HostQueryDesc qd = (HostQueryDesc) queryDesc;
        List<Object> params = qd.params();
        HostPlannedStmt plan = qd.hostPlannedStmt();
        if (params.size() < plan.parameterCount()) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + params.size()
                    + " parameters, but prepared statement \"\" requires " + plan.parameterCount());
        }
        if (!plan.before().isEmpty()) {
            // Its statements name tables that exist only once run: prepared when run.
            return;
        }
        try {
            PreparedStatement ps = plan.prepared();
            for (int i = 0; i < plan.parameterCount(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * @param queryDesc the statement
     * @param count rows to produce, 0 for all
     * @param executeOnce whether this is the statement's only run, which ExecutorFinish follows
     *     at once (then the totaltime interval stays open until that ExecutorFinish ends: two
     *     clock reads per statement instead of four)
     */
    public void run(QueryDesc queryDesc, long count, boolean executeOnce) {
        HostQueryDesc qd = (HostQueryDesc) queryDesc;
        qd.startTiming();
        DestReceiver dest = qd.dest();
        Backend backend = Backend.current();
        try {
            PreparedStatement ps = qd.hostPlannedStmt().before().isEmpty() ? qd.hostPlannedStmt().prepared()
                    : runBefore(qd);
            List<Column> columns = List.of();
            if (!qd.executed) {
                setCanceller(backend, ps);
                boolean hasResult;
                try {
                    // A cancel that came before the canceller was in place is acted on here.
                    checkForInterrupts(backend);
                    hasResult = ps.execute();
                } finally {
                    setCanceller(backend, null);
                }
                qd.executed = true;
                if (hasResult) {
                    qd.resultSet = ps.getResultSet();
                } else {
                    qd.processed = ps.getUpdateCount();
                    qd.exhausted = true;
                }
            }
            ResultSet rs = qd.resultSet;
            if (rs != null) {
                columns = PgTypes.columns(rs.getMetaData(), rs.getStatement().getConnection());
            }
            dest.startup(qd.operation(), columns);
            if (rs != null) {
                stream(qd, rs, columns.size(), count, backend);
            }
            dest.shutdown();
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        if (!executeOnce) {
            qd.stopTiming(); // a portal's step: the time until its next fetch is not the statement's
        }
    }

    /**
     * On the first run of a plan with {@code before} statements (data-modifying WITH queries
     * into temporary tables): run them, in one transaction with the main statement, each with
     * the parameters it uses, then prepare the main statement and bind its parameters. Later
     * runs of a suspended portal go on with the prepared statement.
     */
    private static PreparedStatement runBefore(HostQueryDesc qd) throws SQLException {
        HostPlannedStmt plan = qd.hostPlannedStmt();
        if (qd.executed) {
            return plan.prepared();
        }
        java.sql.Connection connection = plan.connection();
        qd.beginOwnTransaction(connection);
        List<String> all = new java.util.ArrayList<>(plan.before());
        all.add(plan.engineSql());
        List<String> statements = TemporaryTables.forExecution(all);
        for (String sql : statements.subList(0, statements.size() - 1)) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, qd.params());
                ps.execute();
            }
        }
        PreparedStatement main = plan.prepareForExecution(statements.get(statements.size() - 1));
        bind(main, qd.params());
        return main;
    }

    /** Bind the parameters an engine statement uses: H2 numbers them up to the highest ?n it has. */
    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int n = ps.getParameterMetaData().getParameterCount();
        for (int i = 0; i < n && i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static void stream(HostQueryDesc qd, ResultSet rs, int width, long count, Backend backend)
            throws SQLException {
        DestReceiver dest = qd.dest();
        long sent = 0;
        while (count == 0 || sent < count) {
            if (!rs.next()) {
                qd.exhausted = true;
                return;
            }
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                row[i] = rs.getObject(i + 1);
            }
            qd.processed++;
            sent++;
            if (!dest.receive(row)) {
                qd.exhausted = true;
                return;
            }
            if (backend != null) {
                backend.checkForInterrupts();
            }
        }
    }

    private static void checkForInterrupts(Backend backend) {
        if (backend != null) {
            backend.checkForInterrupts();
        }
    }

    private static void setCanceller(Backend backend, PreparedStatement ps) {
        if (backend != null) {
            backend.setQueryCanceller(ps == null ? null : () -> {
                try {
                    ps.cancel();
                } catch (SQLException e) {
                    // The statement ended meanwhile.
                }
            });
        }
    }

    /** @param queryDesc the statement */
    public void finish(QueryDesc queryDesc) {
        HostQueryDesc qd = (HostQueryDesc) queryDesc;
        qd.startTiming(); // unless the run to completion left its interval open
        // The engine runs AFTER triggers and constraints inside the statement already.
        qd.stopTiming();
    }

    /**
     * Release the statement's engine resources, committing the transaction it opened for
     * itself, if any.
     *
     * @param queryDesc the statement
     */
    public void end(QueryDesc queryDesc) {
        HostQueryDesc qd = (HostQueryDesc) queryDesc;
        try {
            qd.endOwnTransaction(true);
        } catch (SQLException e) {
            qd.releaseResources();
            throw EngineErrors.translate(e);
        }
        qd.releaseResources();
    }
}
