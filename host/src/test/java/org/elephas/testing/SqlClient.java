package org.elephas.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.elephas.api.PgException;
import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.ClientOutput;
import org.elephas.session.Notice;
import org.elephas.session.Session;

/**
 * An in-process client of a {@link Session} for tests: runs simple queries and keeps what
 * came back (collecting rows is fine here; the pipeline itself streams them).
 */
public final class SqlClient implements AutoCloseable {
    private final Session session;
    private final List<Notice> notices = new CopyOnWriteArrayList<>();

    /** The results of one statement. */
    public static final class Result {
        /** Its columns. */
        public List<Column> columns = List.of();
        /** Its rows. */
        public final List<List<Object>> rows = new ArrayList<>();
        /** Its completion tag, e.g. {@code INSERT 0 1}. */
        public String tag;
    }

    /** @param session the session to drive */
    public SqlClient(Session session) {
        this.session = session;
        session.setNoticeSink(notices::add);
    }

    /** @return the session */
    public Session session() {
        return session;
    }

    /** @return notices received so far */
    public List<Notice> notices() {
        return notices;
    }

    /** @return the messages of the notices received so far */
    public List<String> noticeMessages() {
        return notices.stream().map(Notice::message).toList();
    }

    /**
     * @param sql one or more statements
     * @return one result per statement
     */
    public List<Result> run(String sql) {
        List<Result> results = new ArrayList<>();
        session.simpleQuery(sql, new ClientOutput() {
            private Result current = new Result();

            @Override
            public void startup(CommandType operation, List<Column> columns) {
                current.columns = columns;
            }

            @Override
            public boolean receive(Object[] row) {
                current.rows.add(Arrays.asList(row));
                return true;
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void commandComplete(QueryCompletion completion) {
                current.tag = completion.toString();
                results.add(current);
                current = new Result();
            }
        });
        return results;
    }

    /**
     * @param sql one statement
     * @return its completion tag
     */
    public String exec(String sql) {
        List<Result> r = run(sql);
        return r.get(r.size() - 1).tag;
    }

    /**
     * @param sql a query
     * @return the rows of its last statement
     */
    public List<List<Object>> rows(String sql) {
        List<Result> r = run(sql);
        return r.get(r.size() - 1).rows;
    }

    /**
     * @param sql a query returning one value
     * @return that value
     */
    public Object value(String sql) {
        List<List<Object>> rows = rows(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    /**
     * @param sql statements expected to fail
     * @return the error
     */
    public PgException error(String sql) {
        return assertThrows(PgException.class, () -> run(sql));
    }

    @Override
    public void close() {
        session.close();
    }
}
