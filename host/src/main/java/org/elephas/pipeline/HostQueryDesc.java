package org.elephas.pipeline;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.QueryDesc;

/** The host's {@link QueryDesc}, with the engine state the standard executor keeps in it. */
public final class HostQueryDesc implements QueryDesc {
    private final HostPlannedStmt plannedStmt;
    private final List<Object> params;
    private final DestReceiver dest;
    private final int nestingLevel;
    private final int executorNestingLevel;
    ResultSet resultSet;
    boolean executed;
    boolean exhausted;
    long processed;
    /** The engine connection whose transaction this statement opened and must end, or null. */
    private Connection ownTransaction;
    // totaltime: whether asked for, the time added up, and the interval still running, if any.
    private boolean instrumented;
    private long totalNanos;
    private long openSince;
    private boolean open;

    /**
     * @param plannedStmt the plan
     * @param params parameter values
     * @param dest where rows go
     * @param nesting the backend's nesting levels as the executor starts the statement
     */
    public HostQueryDesc(HostPlannedStmt plannedStmt, List<Object> params, DestReceiver dest, NestingLevels nesting) {
        this.plannedStmt = plannedStmt;
        this.params = params;
        this.dest = dest;
        this.nestingLevel = nesting.level();
        this.executorNestingLevel = nesting.executorLevel();
    }

    @Override
    public CommandType operation() {
        return plannedStmt.commandType();
    }

    @Override
    public PlannedStmt plannedStmt() {
        return plannedStmt;
    }

    HostPlannedStmt hostPlannedStmt() {
        return plannedStmt;
    }

    @Override
    public String sourceText() {
        return plannedStmt.query().sourceText();
    }

    @Override
    public List<Object> params() {
        return params;
    }

    @Override
    public DestReceiver dest() {
        return dest;
    }

    @Override
    public long processed() {
        return processed;
    }

    @Override
    public int nestingLevel() {
        return nestingLevel;
    }

    @Override
    public int executorNestingLevel() {
        return executorNestingLevel;
    }

    @Override
    public void instrumentTotalTime() {
        instrumented = true;
    }

    @Override
    public boolean totalTimeInstrumented() {
        return instrumented;
    }

    @Override
    public long totalTimeNanos() {
        // Read while an interval runs (ExecutorEnd without ExecutorFinish): up to now.
        return open ? totalNanos + (System.nanoTime() - openSince) : totalNanos;
    }

    /** The standard ExecutorRun or ExecutorFinish begins: open an interval, if timed and none is open. */
    void startTiming() {
        if (instrumented && !open) {
            openSince = System.nanoTime();
            open = true;
        }
    }

    /** The standard ExecutorRun or ExecutorFinish ends: add the open interval, if any. */
    void stopTiming() {
        if (open) {
            totalNanos += System.nanoTime() - openSince;
            open = false;
        }
    }

    /** @return whether ExecutorRun stopped at its row count with rows left (a suspended portal) */
    public boolean suspended() {
        return executed && !exhausted;
    }

    /**
     * Make sure the statement runs in one engine transaction: when the connection commits each
     * statement on its own, open one that this statement ends (see {@link #endOwnTransaction}).
     *
     * @param connection the engine connection
     * @throws SQLException from the engine
     */
    void beginOwnTransaction(Connection connection) throws SQLException {
        if (ownTransaction == null && connection.getAutoCommit()) {
            connection.setAutoCommit(false);
            ownTransaction = connection;
        }
    }

    /**
     * End the transaction {@link #beginOwnTransaction} opened, if any.
     *
     * @param commit commit, else roll back
     * @throws SQLException from the engine's commit
     */
    void endOwnTransaction(boolean commit) throws SQLException {
        Connection c = ownTransaction;
        if (c == null) {
            return;
        }
        ownTransaction = null;
        try {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Release the engine's resources without the ExecutorEnd chain (after an error). */
    public void releaseResources() {
        try {
            endOwnTransaction(false);
        } catch (SQLException e) {
            // The connection is in auto-commit again; nothing else to undo.
        }
        if (resultSet != null) {
            try {
                resultSet.close();
            } catch (SQLException e) {
                // Released anyway.
            }
            resultSet = null;
        }
        plannedStmt.released();
    }
}
