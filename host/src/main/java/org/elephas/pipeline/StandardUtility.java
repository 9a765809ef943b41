package org.elephas.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.backend.Backend;
import org.elephas.dialect.Dialect;
import org.elephas.dialect.EngineStatement;
import org.elephas.engine.DdlLock;
import org.elephas.engine.EngineErrors;
import org.elephas.engine.PgTypes;
import org.elephas.engine.SchemaChanges;
import org.elephas.sql.CommandTags;

/**
 * {@code standard_ProcessUtility}: statements the host answers itself go to their
 * {@link UtilityCommand}; the rest (the engine's DDL and commands) go to the engine in its
 * dialect, with PostgreSQL's command tag.
 */
public final class StandardUtility implements org.elephas.api.hooks.ProcessUtilityHook.Next {
    private final UtilityCommand.Lookup commands;
    private final Dialect dialect;
    /** Engine statements that never create, drop or alter a table (the rest may). */
    private static final java.util.Set<String> LEAVES_TABLES = java.util.Set.of("EXPLAIN", "SHOW", "BEGIN", "COMMIT",
            "ROLLBACK", "START TRANSACTION", "SAVEPOINT", "RELEASE", "SET", "ANALYZE", "VACUUM", "CHECKPOINT");

    /**
     * @param commands the host's commands
     * @param dialect the dialect translation
     */
    public StandardUtility(UtilityCommand.Lookup commands, Dialect dialect) {
        this.commands = commands;
        this.dialect = dialect;
    }

    @Override
    public void processUtility(PlannedStmt pstmt, String queryString, boolean readOnlyTree, ProcessUtilityContext context,
            List<Object> params, DestReceiver dest, QueryCompletion qc) {
        HostQuery q = (HostQuery) pstmt.query();
        UtilityCommand command = commands.find(q);
        if (command != null) {
            command.execute(q, context, params, dest, qc);
            return;
        }
        commands.checkEngineStatement(q);
        runOnEngine(q, dest, qc);
    }

    private void runOnEngine(HostQuery q, DestReceiver dest, QueryCompletion qc) {
        java.sql.Connection connection = StatementContext.current().connection();
        EngineStatement engine = dialect.toEngine(q, connection);
        Backend backend = Backend.current();
        String tag = CommandTags.of(q.lexed());
        try (Statement s = connection.createStatement()) {
            if (backend != null) {
                backend.setQueryCanceller(() -> cancel(s));
            }
            boolean hasResult = false;
            try (DdlLock.Held ddl = DdlLock.acquireFor(tag, connection)) {
                if (backend != null) {
                    backend.checkForInterrupts(); // a cancel that came before the canceller was in place
                }
                for (String before : engine.before()) {
                    s.execute(before);
                }
                if (engine.hasMain()) {
                    hasResult = s.execute(engine.main());
                }
            } finally {
                if (backend != null) {
                    backend.setQueryCanceller(null);
                }
            }
            long rows = 0;
            if (hasResult) {
                try (ResultSet rs = s.getResultSet()) {
                    List<Column> columns = PgTypes.columns(rs.getMetaData());
                    dest.startup(CommandType.UTILITY, columns);
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        rows++;
                        if (!dest.receive(row)) {
                            break;
                        }
                    }
                    dest.shutdown();
                }
            }
            if (!LEAVES_TABLES.contains(tag)) {
                org.elephas.engine.ColumnOrigins.changed(); // tables may have changed: RowDescription looks again
            }
            if (SchemaChanges.affects(tag)) {
                SchemaChanges.changed(); // sessions map search_path again
            }
            if (hasResult && (tag.equals("EXPLAIN") || tag.equals("SHOW") || tag.equals("CALL"))) {
                qc.set(tag);
            } else if (hasResult) {
                qc.set("SELECT", rows);
            } else {
                qc.set(tag);
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    private static void cancel(Statement s) {
        try {
            s.cancel();
        } catch (SQLException e) {
            // It ended meanwhile.
        }
    }
}
