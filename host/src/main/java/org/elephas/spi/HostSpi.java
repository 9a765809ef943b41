package org.elephas.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.host.SpiServices;
import org.elephas.api.spi.BackendState;
import org.elephas.api.spi.SpiException;
import org.elephas.api.spi.SpiResult;
import org.elephas.api.spi.SpiStatus;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.backend.ActivityState;
import org.elephas.backend.Backend;
import org.elephas.function.SqlType;
import org.elephas.session.Session;
import org.elephas.session.TransactionBlock;
import org.elephas.session.TransactionCommands;
import org.elephas.sql.CommandTags;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;

/**
 * SPI for extension code, over the calling backend's session: statements run through the whole
 * pipeline with {@link Session#runNested} (one nesting level deeper, so hooks see them as
 * nested), in the caller's transaction.
 *
 * <p>The session is the one running a statement on the calling thread (a function called from
 * SQL, a hook), else the calling background worker's own ({@link WorkerConnections}). Each
 * {@code SPI_connect} pushes a frame on the calling thread; a frame opened at a worker's top
 * level (no statement running) is non-atomic: only there may {@code SPI_commit} and
 * {@code SPI_rollback} end the transaction, as PostgreSQL allows them only in non-atomic
 * contexts. Frames that a failed nested call left behind are popped when its statement
 * returns, as PostgreSQL cleans up SPI at (sub)transaction abort.
 */
public final class HostSpi implements SpiServices {
    private static final ThreadLocal<Deque<Frame>> FRAMES = ThreadLocal.withInitial(ArrayDeque::new);

    private final WorkerConnections workers;

    /** One {@code SPI_connect}. */
    private record Frame(Backend owner, Session session, boolean atomic) {
    }

    /** @param workers the workers' sessions */
    public HostSpi(WorkerConnections workers) {
        this.workers = workers;
    }

    // ---- SPI ----

    @Override
    public void connect() {
        Backend me = Backend.current();
        if (me == null) {
            throw new SpiException(SpiStatus.ERROR_CONNECT, SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "SPI_connect failed: the calling thread is neither a session nor a background worker");
        }
        Session running = Session.current();
        Session session = running != null ? running : workerSession(me, "SPI_connect failed");
        frames(me).push(new Frame(me, session, running != null));
    }

    @Override
    public void finish() {
        Backend me = Backend.current();
        Deque<Frame> frames = me == null ? null : frames(me);
        if (frames == null || frames.isEmpty()) {
            throw unconnected("SPI_finish");
        }
        frames.pop();
    }

    @Override
    public SpiResult execute(String sql, String[] argTypes, Object[] values, boolean readOnly, long count) {
        Frame frame = top("SPI_execute");
        List<Object> params = params(argTypes, values);
        List<LexedStatement> statements = LexedStatement.split(sql);
        for (LexedStatement s : statements) {
            check(s, readOnly);
        }
        Session session = frame.session();
        Backend me = frame.owner();
        boolean topLevel = Session.current() == null;
        Deque<Frame> frames = frames(me);
        int depth = frames.size();
        if (topLevel) {
            // As for a client's statement: nothing runs in a transaction that had an error.
            session.transaction().checkNotFailed();
        }
        ProcessUtilityContext context = frame.atomic() ? ProcessUtilityContext.QUERY : ProcessUtilityContext.QUERY_NONATOMIC;
        SpiResult result = new SpiResult(SpiStatus.OK_UTILITY, 0, List.of(), List.of());
        try {
            for (LexedStatement s : statements) {
                SpiTupleCollector rows = new SpiTupleCollector(count);
                List<QueryCompletion> done = session.runNested(s.text(), params, context, rows);
                result = result(s, done.isEmpty() ? new QueryCompletion() : done.get(done.size() - 1), rows);
            }
            return result;
        } catch (PgException e) {
            if (topLevel) {
                // A worker's own statement failed: as for a client's, its transaction is now aborted.
                try (Session.Scope scope = session.enter()) {
                    session.transaction().onError();
                }
            }
            // Terminated while the statement ran: the engine reported a cancel; the worker must die.
            me.checkForInterrupts();
            throw e;
        } finally {
            while (frames.size() > depth) {
                frames.pop();
            }
        }
    }

    private static SpiResult result(LexedStatement s, QueryCompletion qc, SpiTupleCollector rows) {
        CommandType type = s.commandType();
        boolean returning = !rows.columns().isEmpty();
        SpiStatus status = switch (type) {
            case SELECT -> SpiStatus.OK_SELECT;
            case INSERT -> returning ? SpiStatus.OK_INSERT_RETURNING : SpiStatus.OK_INSERT;
            case UPDATE -> returning ? SpiStatus.OK_UPDATE_RETURNING : SpiStatus.OK_UPDATE;
            case DELETE -> returning ? SpiStatus.OK_DELETE_RETURNING : SpiStatus.OK_DELETE;
            case MERGE -> SpiStatus.OK_MERGE;
            case UTILITY -> SpiStatus.OK_UTILITY;
        };
        long processed = returning || type == CommandType.SELECT ? rows.rows().size() : qc.rows();
        return new SpiResult(status, processed, rows.columns(), rows.rows());
    }

    /** What PostgreSQL's {@code _SPI_execute_plan} refuses before running anything. */
    private static void check(LexedStatement s, boolean readOnly) {
        if (TransactionCommands.handles(s)) {
            throw new SpiException(SpiStatus.ERROR_TRANSACTION, SqlState.INVALID_TRANSACTION_TERMINATION,
                    "transaction control statements cannot be run through SPI_execute: " + CommandTags.of(s));
        }
        if (s.word(0).equals("copy")) {
            throw new SpiException(SpiStatus.ERROR_COPY, SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY cannot be run through SPI_execute");
        }
        if (readOnly) {
            String tag = modifyingTag(s);
            if (tag != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, tag + " is not allowed in a non-volatile function");
            }
        }
    }

    /** PostgreSQL's {@code CommandIsReadOnly}, negated: the tag of a statement that may write, or null. */
    private static String modifyingTag(LexedStatement s) {
        CommandType type = s.commandType();
        if (type == CommandType.UTILITY) {
            return CommandTags.of(s);
        }
        if (type != CommandType.SELECT) {
            return type.name();
        }
        List<Token> tokens = s.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(") && isDml(tokens.get(i + 1))) {
                // A data-modifying WITH query.
                return tokens.get(i + 1).text().toUpperCase(java.util.Locale.ROOT);
            }
            if (t.isWord("for") && (tokens.get(i + 1).isWord("update") || tokens.get(i + 1).isWord("share")
                    || tokens.get(i + 1).isWord("no") || tokens.get(i + 1).isWord("key"))) {
                return "SELECT FOR " + (tokens.get(i + 1).isWord("share") || tokens.get(i + 1).isWord("key")
                        ? "SHARE" : "UPDATE");
            }
        }
        return null;
    }

    private static boolean isDml(Token t) {
        return t.isWord("insert") || t.isWord("update") || t.isWord("delete") || t.isWord("merge");
    }

    private static List<Object> params(String[] argTypes, Object[] values) {
        if (values == null) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(Arrays.asList(values));
        if (argTypes != null) {
            for (int i = 0; i < params.size(); i++) {
                params.set(i, SqlType.of(argTypes[i]).convert(params.get(i)));
            }
        }
        return params;
    }

    @Override
    public void commit() {
        endTransaction(true);
    }

    @Override
    public void rollback() {
        endTransaction(false);
    }

    /** {@code SPI_commit} / {@code SPI_rollback}: end the transaction and start a new one. */
    private void endTransaction(boolean commit) {
        Frame frame = top(commit ? "SPI_commit" : "SPI_rollback");
        if (frame.atomic() || Session.current() != null) {
            throw PgException.error(SqlState.INVALID_TRANSACTION_TERMINATION, "invalid transaction termination");
        }
        Session session = frame.session();
        try (Session.Scope scope = session.enter()) {
            TransactionBlock tx = session.transaction();
            if (!tx.inBlock()) {
                return; // each statement already committed on its own
            }
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
            tx.begin();
        }
    }

    private Frame top(String call) {
        Backend me = Backend.current();
        Deque<Frame> frames = me == null ? null : frames(me);
        if (frames == null || frames.isEmpty()) {
            throw unconnected(call);
        }
        return frames.peek();
    }

    private static Deque<Frame> frames(Backend me) {
        Deque<Frame> frames = FRAMES.get();
        // A pooled thread may carry frames of a backend that ended without SPI_finish.
        if (!frames.isEmpty() && frames.peekLast().owner() != me) {
            frames.clear();
        }
        return frames;
    }

    private static SpiException unconnected(String call) {
        return new SpiException(SpiStatus.ERROR_UNCONNECTED, SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                call + " called without SPI_connect");
    }

    private Session workerSession(Backend me, String what) {
        if (me.kind() != Backend.Kind.BACKGROUND_WORKER) {
            throw new SpiException(SpiStatus.ERROR_CONNECT, SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    what + ": the session is not running a statement");
        }
        Session s = workers.session(me);
        if (s == null) {
            throw new SpiException(SpiStatus.ERROR_CONNECT, SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, what + ": "
                    + (me.roleName() == null
                            ? "the background worker has not called BackgroundWorkerInitializeConnection"
                            : "the background worker is not connected to a database"));
        }
        return s;
    }

    // ---- worker transactions ----

    @Override
    public void startTransactionCommand() {
        Session s = workerTopLevel("StartTransactionCommand");
        try (Session.Scope scope = s.enter()) {
            s.transaction().begin();
        }
    }

    @Override
    public void commitTransactionCommand() {
        Session s = workerTopLevel("CommitTransactionCommand");
        try (Session.Scope scope = s.enter()) {
            s.transaction().commit();
        }
    }

    @Override
    public void abortCurrentTransaction() {
        Session s = workerTopLevel("AbortCurrentTransaction");
        try (Session.Scope scope = s.enter()) {
            s.transaction().rollback();
        }
    }

    @Override
    public boolean isTransactionState() {
        Backend me = Backend.current();
        if (me == null) {
            return false;
        }
        if (Session.current() != null) {
            return true; // a statement always runs in a transaction
        }
        Session s = workers.session(me);
        return s != null && s.transaction().inBlock();
    }

    private Session workerTopLevel(String call) {
        Backend me = Backend.current();
        if (me == null) {
            throw new IllegalStateException(call + " is only available in a background worker thread");
        }
        if (Session.current() != null) {
            throw PgException.error(SqlState.INVALID_TRANSACTION_TERMINATION, "invalid transaction termination")
                    .withDetail(call + " cannot be called while a statement is running.");
        }
        return workerSession(me, call);
    }

    // ---- activity ----

    @Override
    public void reportActivity(BackendState state, String query) {
        Backend me = Backend.current();
        if (me == null) {
            throw new IllegalStateException("pgstat_report_activity is only available in a session or worker thread");
        }
        Session s = Session.current() != null ? Session.current() : workers.session(me);
        long transactionStart = s == null ? 0 : s.transaction().startMillis();
        me.reportActivity(switch (state) {
            case IDLE -> ActivityState.IDLE;
            case RUNNING -> ActivityState.ACTIVE;
            case IDLE_IN_TRANSACTION -> ActivityState.IDLE_IN_TRANSACTION;
            case IDLE_IN_TRANSACTION_ABORTED -> ActivityState.IDLE_IN_TRANSACTION_ABORTED;
        }, query, transactionStart);
    }
}
