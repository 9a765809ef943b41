package org.elephas.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One engine DDL statement at a time per database.
 *
 * <p>H2 2.4 can deadlock two sessions that run DDL at once: {@code CREATE SCHEMA} (any
 * database-level object) waits for the meta lock while holding the database's monitor, and a
 * session that holds the meta lock in the middle of its own DDL (a {@code CREATE TABLE} adding
 * its constraints) then blocks on that monitor. Nothing breaks the cycle but H2's 2 s lock
 * timeout, which fails the first statement with {@code Timeout trying to lock table "SYS"}.
 * Several worker_spi workers creating their schemas at once hit it every time. H2 runs DDL
 * one at a time anyway (the meta lock), so holding this lock around each engine DDL statement
 * costs no concurrency. Reentrant: a command's sub-commands (CREATE SCHEMA's elements) nest.
 */
public final class DdlLock {
    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private DdlLock() {
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Take the DDL lock for a statement sent to the engine if it is DDL ({@code CREATE},
     * {@code ALTER}, {@code DROP}, {@code COMMENT}, {@code TRUNCATE}); other statements
     * ({@code CALL}, {@code EXPLAIN}, ...) run without it, so that nothing they wait for can
     * wait for it.
     *
     * @param commandTag the statement's command tag
     * @param connection an engine connection
     * @return the held lock, or one that holds nothing
     * @throws SQLException when the connection is closed
     */
    public static Held acquireFor(String commandTag, Connection connection) throws SQLException {
        String word = commandTag.split(" ", 2)[0];
        boolean ddl = switch (word) {
            case "CREATE", "ALTER", "DROP", "COMMENT", "TRUNCATE" -> true;
            default -> false;
        };
        return ddl ? acquire(connection) : () -> { };
    }

    /**
     * Take the DDL lock of the connection's database, waiting as long as it takes (the holder
     * is running one DDL statement).
     *
     * @param connection an engine connection
     * @return the held lock
     * @throws SQLException when the connection is closed
     */
    public static Held acquire(Connection connection) throws SQLException {
        ReentrantLock lock = LOCKS.computeIfAbsent(connection.getMetaData().getURL(), k -> new ReentrantLock(true));
        lock.lock();
        return lock::unlock;
    }
}
