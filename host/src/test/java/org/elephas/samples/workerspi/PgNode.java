package org.elephas.samples.workerspi;

import java.util.Map;

/**
 * What a ported TAP test asks of its server: the few methods of PostgreSQL's
 * {@code PostgreSQL::Test::Cluster} that {@code worker_spi}'s tests use, with their meaning.
 * Results are what {@code psql -XAtq} prints: one line per row, columns separated by {@code |},
 * booleans as {@code t}/{@code f}, NULL as an empty string.
 *
 * <p>{@link DistributionNode} implements them on the real distribution, over pgjdbc.
 */
interface PgNode extends AutoCloseable {

    /**
     * {@code safe_psql}: run SQL; any error fails the test.
     *
     * @param database the database to connect to
     * @param sql one or more statements
     * @return the last statement's rows, as psql prints them
     */
    String safePsql(String database, String sql);

    /**
     * {@code psql}: run SQL, tolerating errors.
     *
     * @param database the database to connect to
     * @param sql one or more statements
     * @return psql's exit status, stdout and stderr ({@code ERROR:  message} lines)
     */
    PsqlResult psql(String database, String sql);

    /**
     * {@code poll_query_until}: run a query until it prints {@code expected} without error.
     *
     * @param database the database to connect to
     * @param sql the query
     * @param expected the output awaited
     * @return true when it did before the deadline, false when the deadline passed
     */
    boolean pollQueryUntil(String database, String sql, String expected);

    /**
     * {@code poll_query_until} with PostgreSQL's default expectation {@code t}.
     *
     * @param database the database to connect to
     * @param sql the query
     * @return true when it printed {@code t} before the deadline
     */
    default boolean pollQueryUntil(String database, String sql) {
        return pollQueryUntil(database, sql, "t");
    }

    /** @return the current end of the server log, for {@link #waitForLog} ({@code -s $node->logfile}) */
    long logOffset();

    /**
     * {@code wait_for_log}: wait for a line matching {@code regex} after {@code offset}; fails
     * the test on timeout.
     *
     * @param regex a pattern searched for in each line
     * @param offset a value of {@link #logOffset()}
     */
    void waitForLog(String regex, long offset);

    /**
     * {@code append_conf('postgresql.conf', ...)}: settings for the next (re)start.
     *
     * @param settings name to value
     */
    void appendConf(Map<String, String> settings);

    /** {@code restart}: stop the server (fast) and start it again with its configuration. */
    void restart();

    /** {@code reload}: re-read the configuration files and signal every backend (SIGHUP). */
    void reload();

    /**
     * What {@code injection_points_attach('procarray-reduce-count', 'error')} does for
     * {@code CountOtherDBBackends}: fewer tries before a database that stays busy fails the
     * command. A node that cannot shorten the wait returns a no-op: tests then take about 5 s
     * longer and mean the same.
     *
     * @return closing it restores PostgreSQL's 50 tries
     */
    AutoCloseable reduceDatabaseInterlockRetries();

    /** @return the running server's log so far, for failure messages */
    String log();

    /** Stop the server. */
    @Override
    void close();

    /**
     * What {@code psql -XAtq -v ON_ERROR_STOP=1} returned and printed.
     *
     * @param ret the exit status: 0, 2 when it could not connect (or lost the connection), 3
     *     when a statement failed
     * @param stdout rows, as psql -XAtq prints them
     * @param stderr notices and {@code ERROR:  message} (with DETAIL and HINT lines), else empty
     */
    record PsqlResult(int ret, String stdout, String stderr) {
    }
}
