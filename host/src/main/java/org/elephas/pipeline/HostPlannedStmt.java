package org.elephas.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.Query;
import org.elephas.engine.EngineErrors;

/**
 * The host's {@link PlannedStmt}: the engine SQL of a query and, once executed, the engine's
 * prepared statement for it. A planned statement kept by a prepared statement keeps its
 * engine statement too (the plan cache); an unnamed one closes it at ExecutorEnd.
 */
public final class HostPlannedStmt implements PlannedStmt {
    private final Query query;
    private final String engineSql;
    private final List<String> before;
    private final int parameterCount;
    private final Connection connection;
    private final boolean cached;
    private PreparedStatement prepared;
    private List<org.elephas.api.sql.Column> describedColumns;
    private long describedGeneration = -1;

    /**
     * @param query the query
     * @param engineSql the SQL the engine runs
     * @param parameterCount how many parameters it takes
     * @param connection the session's engine connection
     * @param cached whether the engine statement outlives one execution
     */
    public HostPlannedStmt(Query query, String engineSql, int parameterCount, Connection connection, boolean cached) {
        this(query, List.of(), engineSql, parameterCount, connection, cached);
    }

    /**
     * @param query the query
     * @param before engine statements that run first at each execution, for their effect (a
     *     data-modifying WITH query materialised into a temporary table); they and the main
     *     statement then run in one transaction
     * @param engineSql the SQL the engine runs
     * @param parameterCount how many parameters it takes
     * @param connection the session's engine connection
     * @param cached whether the engine statement outlives one execution
     */
    public HostPlannedStmt(Query query, List<String> before, String engineSql, int parameterCount,
            Connection connection, boolean cached) {
        this.query = query;
        this.before = List.copyOf(before);
        this.engineSql = engineSql;
        this.parameterCount = parameterCount;
        this.connection = connection;
        this.cached = cached;
    }

    /**
     * @param keep whether the engine statement outlives one execution
     * @return this statement planned the same way, with that caching
     */
    public HostPlannedStmt withCaching(boolean keep) {
        return keep == cached ? this : new HostPlannedStmt(query, before, engineSql, parameterCount, connection, keep);
    }

    @Override
    public CommandType commandType() {
        return query.commandType();
    }

    @Override
    public long queryId() {
        return query.queryId();
    }

    @Override
    public Query query() {
        return query;
    }

    @Override
    public String engineSql() {
        return engineSql;
    }

    /** @return engine statements run before {@link #engineSql()} at each execution, usually none */
    public List<String> before() {
        return before;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * The engine's plan, as its {@code EXPLAIN} prints it. The statement is prepared, not
     * executed, with its {@code ?n} parameters left unbound, so the engine plans it as it plans
     * the real execution (a generic plan: {@code id = ?1} can still use an index) and leaves
     * string literals and comments as written; substituting NULL in the text would change both.
     */
    @Override
    public String explain() {
        try (PreparedStatement s = connection.prepareStatement("EXPLAIN " + engineSql);
                ResultSet rs = s.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString().strip();
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** @return the session's engine connection */
    Connection connection() {
        return connection;
    }

    /** @return the engine statement, prepared on first use */
    PreparedStatement prepared() throws SQLException {
        if (prepared == null) {
            prepared = connection.prepareStatement(engineSql);
        }
        return prepared;
    }

    /**
     * For a plan with {@link #before()} statements: prepare this execution's main statement,
     * with the temporary table names the execution uses.
     *
     * @param sql the main statement for this execution
     * @return it, prepared (closed at the end of the execution)
     * @throws SQLException from the engine
     */
    PreparedStatement prepareForExecution(String sql) throws SQLException {
        close();
        prepared = connection.prepareStatement(sql);
        return prepared;
    }

    /** After one execution: close the engine statement unless it is cached. */
    void released() {
        if (!cached || !before.isEmpty()) {
            close();
        }
    }

    /**
     * The result columns the statement will have, from the engine's prepared statement, without
     * running it (protocol Describe). A plan with {@link #before()} statements cannot be
     * described this way: its main statement names tables that exist only once it runs.
     *
     * @return the columns, or null when it returns no rows
     */
    public List<org.elephas.api.sql.Column> describeColumns() {
        // Described once per table generation: clients describe each execution of a prepared
        // statement (libpq's Describe of the portal), and the answer changes only with a table.
        long generation = org.elephas.engine.ColumnOrigins.generation();
        if (describedGeneration == generation) {
            return describedColumns;
        }
        try {
            java.sql.ResultSetMetaData md = prepared().getMetaData();
            List<org.elephas.api.sql.Column> columns = md == null || md.getColumnCount() == 0 ? null
                    : org.elephas.engine.PgTypes.columns(md, connection);
            describedColumns = columns;
            describedGeneration = generation;
            return columns;
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * Describe a plan with {@link #before()} statements by a trial run: they run with NULL
     * parameters, the main statement is prepared for its columns, and everything is rolled back
     * (to a savepoint inside a transaction). Used only where a client needs the result's shape
     * before the first execution (Describe of a prepared statement).
     *
     * @return the columns, or null when it returns no rows or the trial fails
     */
    public List<org.elephas.api.sql.Column> describeByTrial() {
        java.sql.Savepoint savepoint = null;
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            } else {
                savepoint = connection.setSavepoint();
            }
        } catch (SQLException e) {
            return null;
        }
        try {
            List<String> all = new java.util.ArrayList<>(before);
            all.add(engineSql);
            List<String> statements = org.elephas.dialect.TemporaryTables.forExecution(all);
            for (String sql : statements.subList(0, statements.size() - 1)) {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    int n = ps.getParameterMetaData().getParameterCount();
                    for (int i = 1; i <= n; i++) {
                        ps.setObject(i, null);
                    }
                    ps.execute();
                }
            }
            try (PreparedStatement main = connection.prepareStatement(statements.get(statements.size() - 1))) {
                java.sql.ResultSetMetaData md = main.getMetaData();
                return md == null || md.getColumnCount() == 0 ? null : org.elephas.engine.PgTypes.columns(md, connection);
            }
        } catch (SQLException e) {
            return null;
        } finally {
            try {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                } else {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                // Nothing more to undo.
            }
        }
    }

    /**
     * The parameter types the engine inferred ({@code ParameterDescription}).
     *
     * @return a PostgreSQL type OID per parameter, 25 (text) where the engine knows none
     */
    public int[] describeParameters() {
        int[] oids = new int[parameterCount];
        java.util.Arrays.fill(oids, 25);
        try {
            java.sql.ParameterMetaData md = prepared().getParameterMetaData();
            int n = Math.min(parameterCount, md.getParameterCount());
            for (int i = 0; i < n; i++) {
                oids[i] = org.elephas.engine.PgTypes.column("$" + (i + 1), md.getParameterType(i + 1),
                        md.getParameterTypeName(i + 1)).typeOid();
            }
        } catch (SQLException e) {
            // Types stay unknown: the client sends text, which the engine converts.
        }
        return oids;
    }

    /** Close the engine statement (DEALLOCATE, session end). */
    public void close() {
        if (prepared != null) {
            try {
                prepared.close();
            } catch (SQLException e) {
                // Nothing more to release.
            }
            prepared = null;
        }
    }
}
