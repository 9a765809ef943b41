package org.elephas.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.backend.ActivityState;
import org.elephas.backend.Backend;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.engine.EngineSessionMark;
import org.elephas.guc.GucSession;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.HostQueryDesc;
import org.elephas.pipeline.NestingLevels;
import org.elephas.pipeline.Pipeline;
import org.elephas.pipeline.StatementContext;
import org.elephas.sql.LexedStatement;

/**
 * A backend connected to a database as a role: its engine connection, transaction block,
 * prepared statements and nesting level. Clients (the wire server, tests) drive it with
 * {@link #simpleQuery}, {@link #prepare} and {@link #executePrepared}; extension code runs
 * nested statements through {@link #runNested}.
 *
 * <p>A session is used by one thread at a time. Each call binds the calling thread to the
 * session's backend for its duration (unless it already runs it, as a worker's thread does), so
 * interrupts, parameters and {@link StatementContext#current()} see this session.
 */
public final class Session implements StatementContext, AutoCloseable {
    private final ServerContext server;
    private final Backend backend;
    private final boolean ownsBackend;
    private final DatabaseInfo database;
    private final RoleInfo role;
    private final Connection connection;
    private final TransactionBlock transaction;
    private final EngineSettings engineSettings;
    private ScheduledFuture<?> statementTimer;
    private final Map<String, Pipeline.Prepared> prepared = new HashMap<>();
    private volatile Consumer<Notice> notices = n -> { };
    private int nestingLevel;
    private final NestingLevels nesting = new NestingLevels();
    private ProcessUtilityContext utilityContext = ProcessUtilityContext.TOPLEVEL;
    private boolean closed;

    Session(ServerContext server, Backend backend, boolean ownsBackend, DatabaseInfo database, RoleInfo role,
            Connection connection) {
        this.server = server;
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.database = database;
        this.role = role;
        this.connection = connection;
        this.transaction = new TransactionBlock(connection, () -> {
            if (backend.gucSession() != null) {
                backend.gucSession().endTransaction();
            }
        });
        this.engineSettings = new EngineSettings(connection, role.name(), role.superuser(), backend.gucSession());
    }

    /** @return the session running a statement on the calling thread, or null */
    public static Session current() {
        return StatementContext.current() instanceof Session s ? s : null;
    }

    /** @return the backend */
    public Backend backend() {
        return backend;
    }

    /** @return the database */
    public DatabaseInfo database() {
        return database;
    }

    /** @return the role */
    public RoleInfo role() {
        return role;
    }

    /** @return the server's parts */
    public ServerContext server() {
        return server;
    }

    /** @return the transaction block */
    public TransactionBlock transaction() {
        return transaction;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public int nestingLevel() {
        return nestingLevel;
    }

    @Override
    public NestingLevels nesting() {
        return nesting;
    }

    @Override
    public ProcessUtilityContext utilityContext() {
        return utilityContext;
    }

    /** @param sink receives notices and warnings meant for the client */
    public void setNoticeSink(Consumer<Notice> sink) {
        this.notices = sink;
    }

    @Override
    public void notice(LogLevel level, String sqlState, String message) {
        notices.accept(new Notice(level, sqlState, message, null, null));
    }

    /**
     * Run a client's query (the simple query protocol): one or more statements, each sending its
     * rows and completion to {@code out}. Several statements outside a transaction block run as
     * one transaction. The first error stops the query and is thrown.
     *
     * @param sql the query text
     * @param out where results go
     * @throws PgException the error that stopped it (FATAL: the session must end)
     */
    public void simpleQuery(String sql, ClientOutput out) {
        try (Scope scope = enter()) {
            List<LexedStatement> statements;
            try {
                statements = LexedStatement.split(sql);
            } catch (PgException e) {
                throw failed(e, sql);
            }
            if (statements.isEmpty()) {
                out.emptyQuery();
                return;
            }
            boolean implicit = statements.size() > 1;
            if (implicit) {
                transaction.beginImplicit();
            }
            for (LexedStatement statement : statements) {
                HostQuery query = new HostQuery(statement);
                QueryCompletion qc = runTopLevel(query, List.of(), out);
                out.commandComplete(qc);
            }
            if (implicit) {
                transaction.endImplicit();
            }
        } finally {
            reportIdle();
        }
    }

    private QueryCompletion runTopLevel(HostQuery query, List<Object> params, DestReceiver dest) {
        try {
            beforeStatement(query);
            return server.pipeline().run(query, params, dest);
        } catch (PgException e) {
            throw failed(e, query.sourceText());
        } catch (RuntimeException e) {
            throw failed(PgException.error(SqlState.INTERNAL_ERROR, String.valueOf(e)), query.sourceText());
        } finally {
            afterStatement();
        }
    }

    private void beforeStatement(HostQuery query) {
        // What PostgreSQL does while reading the next command: a cancel that arrived while idle
        // is dropped, and a pending configuration reload is processed.
        backend.discardPendingCancel();
        backend.processConfigReloadIfPending();
        if (transaction.state() == TransactionBlock.State.FAILED && !TransactionCommands.endsFailedBlock(query.lexed())) {
            transaction.checkNotFailed();
        }
        backend.reportActivity(ActivityState.ACTIVE, query.sourceText(), transaction.startMillis());
        backend.checkForInterrupts();
        GucSession gucs = backend.gucSession();
        engineSettings.apply(gucs, transaction.state() == TransactionBlock.State.IDLE);
        if (gucs != null) {
            statementTimer = StatementTimer.start(backend, (Integer) gucs.value("statement_timeout"));
        }
    }

    /** The statement ended either way. */
    private void afterStatement() {
        StatementTimer.stop(statementTimer, backend);
        statementTimer = null;
        if (transaction.state() == TransactionBlock.State.IDLE && backend.gucSession() != null) {
            // Outside a block the statement was its own transaction: set_config(..., true) ends here.
            backend.gucSession().endTransaction();
        }
    }

    private PgException failed(PgException e, String statement) {
        if (SqlState.QUERY_CANCELED.equals(e.sqlState())) {
            // The engine only says it was stopped; the backend knows why (cancel, timeout, terminate).
            try {
                backend.checkForInterrupts();
            } catch (PgException reason) {
                e = reason;
            }
        }
        transaction.onError();
        server.log().log(backend.pid(), e, statement);
        if (e.level().compareTo(LogLevel.FATAL) >= 0) {
            // A FATAL ends the backend, as the process would exit: release it now.
            close();
        }
        return e;
    }

    private void reportIdle() {
        backend.reportActivity(transaction.idleState(), null, transaction.startMillis());
    }

    /**
     * Analyse and plan a statement once, to execute many times (extended protocol Parse).
     *
     * @param name the prepared statement's name; "" is the unnamed one, replaced freely
     * @param sql exactly one statement
     * @throws PgException 42P05 when a named statement exists, or the statement's error
     */
    public void prepare(String name, String sql) {
        try (Scope scope = enter()) {
            if (!name.isEmpty() && prepared.containsKey(name)) {
                throw PgException.error(SqlState.DUPLICATE_PREPARED_STATEMENT,
                        "prepared statement \"" + name + "\" already exists");
            }
            try {
                List<LexedStatement> statements = LexedStatement.split(sql);
                if (statements.size() > 1) {
                    throw PgException.error(SqlState.SYNTAX_ERROR,
                            "cannot insert multiple commands into a prepared statement");
                }
                HostQuery query = new HostQuery(statements.isEmpty() ? LexedStatement.of("") : statements.get(0));
                beforeStatement(query);
                Pipeline.Prepared p = server.pipeline().prepare(query, true);
                Pipeline.Prepared old = prepared.put(name, p);
                if (old != null) {
                    old.plan().close();
                }
            } catch (PgException e) {
                throw failed(e, sql);
            } finally {
                afterStatement();
            }
        } finally {
            reportIdle();
        }
    }

    /**
     * Execute a prepared statement (extended protocol Bind + Execute, to completion).
     *
     * @param name the prepared statement
     * @param params parameter values
     * @param dest where rows go
     * @return its completion
     * @throws PgException 26000 when no such statement exists, or the statement's error
     */
    public QueryCompletion executePrepared(String name, List<Object> params, DestReceiver dest) {
        try (Scope scope = enter()) {
            Pipeline.Prepared p = preparedStatement(name);
            try {
                beforeStatement(p.query());
                return server.pipeline().execute(p, params, dest, 0);
            } catch (PgException e) {
                throw failed(e, p.query().sourceText());
            } finally {
                afterStatement();
            }
        } finally {
            reportIdle();
        }
    }

    /**
     * @param name a prepared statement's name
     * @return it
     * @throws PgException 26000 when it does not exist
     */
    public Pipeline.Prepared preparedStatement(String name) {
        Pipeline.Prepared p = prepared.get(name);
        if (p == null) {
            throw PgException.error(SqlState.INVALID_SQL_STATEMENT_NAME,
                    "prepared statement \"" + name + "\" does not exist");
        }
        return p;
    }

    /**
     * {@code DEALLOCATE name} / protocol Close.
     *
     * @param name the prepared statement
     * @return whether it existed
     */
    public boolean deallocate(String name) {
        Pipeline.Prepared p = prepared.remove(name);
        if (p != null) {
            p.plan().close();
        }
        return p != null;
    }

    /**
     * Describe a prepared statement (extended protocol Describe 'S').
     *
     * @param name the prepared statement
     * @return parameter type OIDs as the engine infers them (25 where unknown), and the result
     *     columns or null for none; a plan that cannot be described before it runs reports null
     * @throws PgException 26000 when it does not exist
     */
    public StatementDescription describePrepared(String name) {
        try (Scope scope = enter()) {
            Pipeline.Prepared p = preparedStatement(name);
            if (p.query().isUtility()) {
                return new StatementDescription(textParameters(p), describeUtility(p));
            }
            if (!p.plan().before().isEmpty()) {
                return new StatementDescription(textParameters(p), p.plan().describeByTrial());
            }
            try {
                return new StatementDescription(p.plan().describeParameters(), p.plan().describeColumns());
            } catch (PgException e) {
                throw failed(e, p.query().sourceText());
            }
        }
    }

    /**
     * The result of a utility statement that returns rows: SHOW is run (it changes nothing) for
     * its columns; EXPLAIN returns one text column. Others return none.
     */
    private List<org.elephas.api.sql.Column> describeUtility(Pipeline.Prepared p) {
        LexedStatement lexed = p.query().lexed();
        if (lexed.startsWith("explain")) {
            return List.of(new org.elephas.api.sql.Column("QUERY PLAN", 25, "text", -1));
        }
        if (!lexed.startsWith("show")) {
            return null;
        }
        List<List<org.elephas.api.sql.Column>> seen = new ArrayList<>();
        try {
            server.pipeline().execute(p, List.of(), new DestReceiver() {
                @Override
                public void startup(org.elephas.api.sql.CommandType operation, List<org.elephas.api.sql.Column> cols) {
                    seen.add(cols);
                }

                @Override
                public boolean receive(Object[] row) {
                    return true;
                }

                @Override
                public void shutdown() {
                }
            }, 0);
        } catch (PgException e) {
            return null;
        }
        return seen.isEmpty() || seen.get(0).isEmpty() ? null : seen.get(0);
    }

    private static int[] textParameters(Pipeline.Prepared p) {
        int[] oids = new int[p.plan().parameterCount()];
        java.util.Arrays.fill(oids, 25);
        return oids;
    }

    /**
     * A prepared statement's parameter and result types.
     *
     * @param parameterTypes a type OID per parameter
     * @param columns the result's columns, or null when it returns no rows
     */
    public record StatementDescription(int[] parameterTypes, List<org.elephas.api.sql.Column> columns) {
    }

    /**
     * Bind a prepared statement to parameter values (extended protocol Bind).
     *
     * @param statementName the prepared statement
     * @param params the values
     * @return the portal
     * @throws PgException 26000 when the statement does not exist, 08P01 for a wrong count
     */
    public Portal bind(String statementName, List<Object> params) {
        Pipeline.Prepared p = preparedStatement(statementName);
        if (params.size() != p.plan().parameterCount()) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + params.size()
                    + " parameters, but prepared statement \"" + statementName + "\" requires "
                    + p.plan().parameterCount());
        }
        return new Portal(p, params);
    }

    /**
     * The columns a portal returns (extended protocol Describe 'P'). A statement that runs at
     * once (see {@link Portal}) runs now.
     *
     * @param portal the portal
     * @return the columns, or null when it returns no rows
     */
    public List<org.elephas.api.sql.Column> describePortal(Portal portal) {
        if (portal.runsAtOnce()) {
            if (portal.completion == null) {
                runAtOnce(portal);
            }
            return portal.columns;
        }
        try (Scope scope = enter()) {
            return portal.prepared.plan().describeColumns();
        } catch (PgException e) {
            throw failed(e, portal.prepared.query().sourceText());
        }
    }

    /**
     * Run a portal for up to {@code maxRows} rows (extended protocol Execute). Outside a
     * transaction block, a statement the engine runs opens an implicit transaction that lasts
     * until {@link #sync()}, so a suspended portal can go on and a failing message rolls back
     * what came before it since the last Sync.
     *
     * @param portal the portal
     * @param dest where rows go ({@code startup} is called only for a new result)
     * @param maxRows most rows to send, 0 for all
     * @return the completion, or null when the portal is suspended with rows left
     */
    public QueryCompletion executePortal(Portal portal, DestReceiver dest, long maxRows) {
        return executePortal(portal, dest, maxRows, false);
    }

    /**
     * Run a portal, as {@link #executePortal(Portal, DestReceiver, long)}; when the caller knows
     * that a Sync follows and the portal runs to completion, a statement outside any transaction
     * is the implicit transaction's only one, so the engine commits it on its own as a simple
     * query's statement (the same outcome, without opening and committing a transaction around
     * it: most of what a read-only statement cost the engine beyond the statement itself).
     *
     * @param portal the portal
     * @param dest where rows go
     * @param maxRows most rows to send, 0 for all
     * @param lastBeforeSync whether Sync is the next message and {@code maxRows} is 0
     * @return the completion, or null when the portal is suspended with rows left
     */
    public QueryCompletion executePortal(Portal portal, DestReceiver dest, long maxRows, boolean lastBeforeSync) {
        if (portal.completion != null && portal.held == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "portal has already run");
        }
        if (portal.runsAtOnce()) {
            if (portal.completion == null) {
                runAtOnce(portal);
            }
            return sendHeld(portal, dest, maxRows);
        }
        try (Scope scope = enter()) {
            Pipeline.Prepared p = portal.prepared;
            try {
                if (portal.queryDesc == null) {
                    if (!(lastBeforeSync && maxRows == 0 && transaction.state() == TransactionBlock.State.IDLE)) {
                        transaction.beginImplicit();
                    }
                    beforeStatement(p.query());
                    portal.queryDesc = server.pipeline().start(p, portal.params, portal.forward);
                } else {
                    backend.reportActivity(org.elephas.backend.ActivityState.ACTIVE, p.query().sourceText(),
                            transaction.startMillis());
                }
                portal.forward.target = dest;
                boolean suspended = server.pipeline().runStep(portal.queryDesc, maxRows);
                if (suspended) {
                    return null;
                }
                portal.completion = server.pipeline().finish(p, portal.queryDesc);
                portal.queryDesc = null;
                return portal.completion;
            } catch (PgException e) {
                portal.queryDesc = null;
                throw failed(e, p.query().sourceText());
            } catch (RuntimeException e) {
                portal.queryDesc = null;
                throw failed(PgException.error(SqlState.INTERNAL_ERROR, String.valueOf(e)), p.query().sourceText());
            } finally {
                portal.forward.target = DestReceiver.NONE;
                afterStatement();
            }
        } finally {
            reportIdle();
        }
    }

    private void runAtOnce(Portal portal) {
        try (Scope scope = enter()) {
            Pipeline.Prepared p = portal.prepared;
            try {
                if (!p.query().isUtility()) {
                    transaction.beginImplicit();
                }
                beforeStatement(p.query());
                Portal.Hold hold = portal.new Hold();
                portal.completion = server.pipeline().execute(p, portal.params, hold, 0);
                if (portal.held == null) {
                    portal.held = new ArrayList<>();
                }
            } catch (PgException e) {
                throw failed(e, p.query().sourceText());
            } catch (RuntimeException e) {
                throw failed(PgException.error(SqlState.INTERNAL_ERROR, String.valueOf(e)), p.query().sourceText());
            } finally {
                afterStatement();
            }
        } finally {
            reportIdle();
        }
    }

    private static QueryCompletion sendHeld(Portal portal, DestReceiver dest, long maxRows) {
        List<Object[]> rows = portal.held;
        if (portal.heldSent == 0) {
            dest.startup(portal.prepared.query().commandType(),
                    portal.columns == null ? List.of() : portal.columns);
        }
        long sent = 0;
        while (portal.heldSent < rows.size() && (maxRows == 0 || sent < maxRows)) {
            dest.receive(rows.get(portal.heldSent++));
            sent++;
        }
        if (portal.heldSent < rows.size()) {
            return null;
        }
        dest.shutdown();
        portal.held = null;
        return portal.completion;
    }

    /**
     * Close a portal, releasing a suspended executor (ExecutorFinish and ExecutorEnd run, as
     * PostgreSQL's PortalDrop does).
     *
     * @param portal the portal
     */
    public void closePortal(Portal portal) {
        HostQueryDesc qd = portal.queryDesc;
        portal.queryDesc = null;
        portal.held = null;
        if (qd == null || closed) {
            return;
        }
        try (Scope scope = enter()) {
            server.pipeline().finish(portal.prepared, qd);
        } catch (PgException e) {
            qd.releaseResources();
        }
    }

    /**
     * Extended protocol Sync: commit the implicit transaction the messages since the last Sync
     * ran in.
     *
     * @throws PgException when the commit fails
     */
    public void sync() {
        if (closed) {
            return;
        }
        try (Scope scope = enter()) {
            transaction.endImplicit();
        } catch (PgException e) {
            throw failed(e, null);
        } finally {
            reportIdle();
        }
    }

    /**
     * Run statements from extension code (SPI, an extension script) through the whole pipeline
     * one nesting level deeper. Errors propagate to the caller without touching the transaction
     * block: the top-level statement they abort does that.
     *
     * @param sql the statements
     * @param params parameter values for a single statement
     * @param context where utility statements come from
     * @param dest where rows go
     * @return the completion of each statement
     */
    public List<QueryCompletion> runNested(String sql, List<Object> params, ProcessUtilityContext context,
            DestReceiver dest) {
        try (Scope scope = enter()) {
            int savedLevel = nestingLevel;
            ProcessUtilityContext savedContext = utilityContext;
            // The statement that called us may be running in the engine: its canceller must
            // survive the nested statements, which set and clear their own.
            Runnable savedCanceller = backend.queryCanceller();
            nestingLevel++;
            utilityContext = context;
            try {
                List<QueryCompletion> done = new ArrayList<>();
                for (LexedStatement statement : LexedStatement.split(sql)) {
                    backend.checkForInterrupts();
                    engineSettings.apply(backend.gucSession(), transaction.state() == TransactionBlock.State.IDLE);
                    done.add(server.pipeline().run(new HostQuery(statement), params, dest));
                }
                return done;
            } finally {
                nestingLevel = savedLevel;
                utilityContext = savedContext;
                backend.setQueryCanceller(savedCanceller);
            }
        }
    }

    /**
     * Make the calling thread run this session until the scope closes.
     *
     * @return the scope
     */
    public Scope enter() {
        if (closed) {
            throw PgException.fatal(SqlState.ADMIN_SHUTDOWN, "the session has ended");
        }
        Backend running = Backend.current();
        boolean bind = running == null;
        if (!bind && running != backend) {
            throw new IllegalStateException("thread runs " + running + ", not " + backend);
        }
        if (bind) {
            backend.bind();
            EngineSessionMark.keep(connection);
        }
        backend.enterEngine();
        StatementContext previous = StatementContext.Current.set(this);
        return new Scope(bind, previous);
    }

    /** The calling thread runs the session until {@link #close()}. */
    public final class Scope implements AutoCloseable {
        private final boolean bound;
        private final StatementContext previous;

        private Scope(boolean bound, StatementContext previous) {
            this.bound = bound;
            this.previous = previous;
        }

        @Override
        public void close() {
            StatementContext.Current.set(previous);
            backend.leaveEngine();
            if (bound) {
                backend.unbind();
            }
        }
    }

    /** @return whether the session has ended */
    public boolean isClosed() {
        return closed;
    }

    /** End the session: roll back, close the engine connection and, for a client, the backend. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try (Scope scope = enter()) {
            // A dropped database's engine closed the connection already: nothing to roll back
            // (and trying would make the engine write a trace file into the removed directory).
            if (!connection.isClosed()) {
                transaction.abandon();
            }
        } catch (SQLException | PgException e) {
            // Ending anyway.
        } finally {
            closed = true;
            prepared.values().forEach(p -> p.plan().close());
            prepared.clear();
            try {
                EngineSessionMark.release(connection);
                connection.close();
            } catch (SQLException e) {
                // Nothing more to release.
            }
            if (ownsBackend) {
                if (backend.gucSession() != null) {
                    backend.gucSession().close();
                }
                server.procs().remove(backend);
            }
        }
    }
}
