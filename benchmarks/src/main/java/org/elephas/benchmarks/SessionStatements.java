package org.elephas.benchmarks;

import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.Session;
import org.elephas.session.ClientOutput;

/**
 * The statements the in-process benchmarks run on a session ({@link PipelineBenchmark},
 * {@link HookBundlesBenchmark}): {@code select 1}, and a primary-key lookup on the
 * {@code accounts} table as a new simple query each time (a different key, so a different
 * text) and as a prepared statement. One definition, so that the two benchmarks measure the
 * same thing.
 */
final class SessionStatements {
    private static final String LOOKUP = "lookup";

    private final Session session;
    private final AccountLookups lookups = new AccountLookups();

    /** Prepare the lookup on a session whose {@code accounts} table is filled. */
    SessionStatements(Session session) {
        this.session = session;
        session.prepare(LOOKUP, AccountLookups.LOOKUP + "$1");
    }

    void select1(ClientOutput out) {
        session.simpleQuery("select 1", out);
    }

    void lookupSimple(ClientOutput out) {
        session.simpleQuery(lookups.literal(lookups.nextKey()), out);
    }

    QueryCompletion lookupPrepared(ClientOutput out) {
        return session.executePrepared(LOOKUP, lookups.params(lookups.nextKey()), out);
    }

    /** Every statement returns what it should (not measured): the lookups a row's balance. */
    void check() {
        int aid = 4_321;
        BlackholeClient sink = new BlackholeClient(null);
        session.simpleQuery(lookups.literal(aid), sink);
        expect(sink.last, AccountLookups.balance(aid), "simple query");
        session.executePrepared(LOOKUP, lookups.params(aid), sink);
        expect(sink.last, AccountLookups.balance(aid), "prepared statement");
        select1(sink);
        expect(sink.last, 1, "select 1");
    }

    static void expect(Object actual, int expected, String what) {
        if (!(actual instanceof Number n) || n.intValue() != expected) {
            throw new IllegalStateException(what + " returned " + actual + ", expected " + expected);
        }
    }
}
