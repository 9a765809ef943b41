package org.elephas.pipeline;

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
    ResultSet resultSet;
    boolean executed;
    boolean exhausted;
    long processed;

    /**
     * @param plannedStmt the plan
     * @param params parameter values
     * @param dest where rows go
     * @param nestingLevel 0 for a client's statement
     */
    public HostQueryDesc(HostPlannedStmt plannedStmt, List<Object> params, DestReceiver dest, int nestingLevel) {
        this.plannedStmt = plannedStmt;
        this.params = params;
        this.dest = dest;
        this.nestingLevel = nestingLevel;
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

    /** @return whether ExecutorRun stopped at its row count with rows left (a suspended portal) */
    public boolean suspended() {
        return executed && !exhausted;
    }

    /** Release the engine's resources without the ExecutorEnd chain (after an error). */
    public void releaseResources() {
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
