package org.elephas.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.backend.ActivityState;
import org.elephas.engine.EngineErrors;

/**
 * A session's transaction state (PostgreSQL's {@code TBlockState}, reduced to what a client
 * sees), kept over the engine connection's auto-commit mode:
 *
 * <ul>
 * <li>IDLE: each statement commits on its own (engine auto-commit).
 * <li>IMPLICIT: several statements of one simple query run as one transaction.
 * <li>IN_BLOCK: after BEGIN, until COMMIT or ROLLBACK.
 * <li>FAILED: an error inside a block; every statement but ROLLBACK (or COMMIT, which rolls
 *     back, or ROLLBACK TO a savepoint) fails with {@code current transaction is aborted}.
 * </ul>
 *
 * A statement that fails in the engine is undone there on its own (statement atomicity); the
 * block's FAILED state then keeps PostgreSQL's rule that nothing more commits.
 */
public final class TransactionBlock {
    /** The states. */
    public enum State {
        /** Auto-commit. */
        IDLE,
        /** A multi-statement simple query. */
        IMPLICIT,
        /** Inside BEGIN ... COMMIT. */
        IN_BLOCK,
        /** Inside a block that had an error. */
        FAILED
    }

    private record NamedSavepoint(String name, Savepoint savepoint) {
    }

    private final Connection connection;
    private final Runnable onEnd;
    private final Deque<NamedSavepoint> savepoints = new ArrayDeque<>();
    private State state = State.IDLE;
    private long startMillis;

    /**
     * @param connection the engine connection
     * @param onEnd called when a transaction ends either way ({@code SET LOCAL} values end)
     */
    TransactionBlock(Connection connection, Runnable onEnd) {
        this.connection = connection;
        this.onEnd = onEnd;
    }

    /** @return the state */
    public State state() {
        return state;
    }

    /** @return whether a BEGIN block (failed or not) is open */
    public boolean inBlock() {
        return state == State.IN_BLOCK || state == State.FAILED;
    }

    /** @return when the current transaction started, 0 outside one */
    public long startMillis() {
        return state == State.IDLE ? 0 : startMillis;
    }

    /** @return what pg_stat_activity shows between statements */
    public ActivityState idleState() {
        return switch (state) {
            case IN_BLOCK, IMPLICIT -> ActivityState.IDLE_IN_TRANSACTION;
            case FAILED -> ActivityState.IDLE_IN_TRANSACTION_ABORTED;
            case IDLE -> ActivityState.IDLE;
        };
    }

    /** @throws PgException 25P02 when the block has failed */
    public void checkNotFailed() {
        if (state == State.FAILED) {
            throw PgException.error(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** A multi-statement simple query begins. */
    void beginImplicit() {
        if (state == State.IDLE) {
            setAutoCommit(false);
            state = State.IMPLICIT;
            startMillis = System.currentTimeMillis();
        }
    }

    /** The multi-statement simple query ended without error: commit what is still implicit. */
    void endImplicit() {
        if (state == State.IMPLICIT) {
            finish(true);
        }
    }

    /**
     * {@code BEGIN} / {@code START TRANSACTION}.
     *
     * @return false when a block was already open (PostgreSQL warns and goes on)
     */
    public boolean begin() {
        switch (state) {
            case IDLE -> {
                setAutoCommit(false);
                startMillis = System.currentTimeMillis();
                state = State.IN_BLOCK;
            }
            case IMPLICIT -> state = State.IN_BLOCK;
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code COMMIT} / {@code END}.
     *
     * @return the command tag to report ({@code ROLLBACK} when the block had failed), or null
     *     when no transaction was open (PostgreSQL warns)
     */
    public String commit() {
        switch (state) {
            case IDLE -> {
                return null;
            }
            case FAILED -> {
                finish(false);
                return "ROLLBACK";
            }
            default -> {
                finish(true);
                return "COMMIT";
            }
        }
    }

    /**
     * {@code ROLLBACK} / {@code ABORT}.
     *
     * @return whether a transaction was open
     */
    public boolean rollback() {
        if (state == State.IDLE) {
            return false;
        }
        finish(false);
        return true;
    }

    /**
     * {@code SAVEPOINT name}.
     *
     * @param name the savepoint
     */
    public void savepoint(String name) {
        requireBlock("SAVEPOINT");
        checkNotFailed();
        try {
            savepoints.push(new NamedSavepoint(name, connection.setSavepoint()));
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * {@code RELEASE [SAVEPOINT] name}: forget it and every later one.
     *
     * @param name the savepoint
     */
    public void release(String name) {
        requireBlock("RELEASE SAVEPOINT");
        checkNotFailed();
        unwindTo(name, false);
    }

    /**
     * {@code ROLLBACK TO [SAVEPOINT] name}: undo to it and leave a failed state.
     *
     * @param name the savepoint
     */
    public void rollbackTo(String name) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        unwindTo(name, true);
        state = State.IN_BLOCK;
    }

    private void unwindTo(String name, boolean rollback) {
        Iterator<NamedSavepoint> it = savepoints.iterator();
        boolean found = false;
        while (it.hasNext()) {
            if (it.next().name().equals(name)) {
                found = true;
                break;
            }
        }
        if (!found) {
            throw PgException.error(SqlState.S_E_INVALID_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
        }
        try {
            while (true) {
                NamedSavepoint top = savepoints.peek();
                if (top.name().equals(name)) {
                    if (rollback) {
                        // ROLLBACK TO keeps the savepoint itself, as in PostgreSQL.
                        connection.rollback(top.savepoint());
                    } else {
                        savepoints.pop();
                        connection.releaseSavepoint(top.savepoint());
                    }
                    return;
                }
                savepoints.pop();
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    private void requireBlock(String what) {
        if (!inBlock()) {
            throw PgException.error(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    /**
     * A statement failed: a block becomes FAILED, an implicit transaction is rolled back. A
     * block without savepoints is rolled back in the engine at once, as PostgreSQL aborts the
     * transaction at the error: its row locks go now, not at the client's ROLLBACK, so a
     * transaction waiting for them (the other side of a deadlock) goes on.
     */
    public void onError() {
        switch (state) {
            case IN_BLOCK -> {
                state = State.FAILED;
                if (savepoints.isEmpty()) {
                    try {
                        // A dropped database's engine closed the connection: nothing to undo
                        // (and trying would write a trace file into the removed directory).
                        if (!connection.isClosed()) {
                            connection.rollback();
                        }
                    } catch (SQLException e) {
                        // The block's ROLLBACK tries again.
                    }
                }
            }
            case IMPLICIT -> finish(false);
            default -> {
            }
        }
    }

    /** The session ends: roll back whatever is open. */
    void abandon() {
        if (state != State.IDLE) {
            finish(false);
        }
    }

    private void finish(boolean commit) {
        try {
            if (commit) {
                // Turning auto-commit on commits: one engine COMMIT, not a second empty one.
                connection.setAutoCommit(true);
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            state = State.IDLE;
            savepoints.clear();
            try {
                connection.rollback();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            setAutoCommit(true);
            onEnd.run();
            throw EngineErrors.translate(e);
        }
        state = State.IDLE;
        savepoints.clear();
        setAutoCommit(true);
        onEnd.run();
    }

    private void setAutoCommit(boolean on) {
        try {
            connection.setAutoCommit(on);
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }
}
