package org.elephas.samples.workerspi;

import static org.junit.jupiter.api.Assertions.fail;

/** The TAP assertions the ported tests need, on a {@link PgNode}. */
final class TapAssertions {
    private TapAssertions() {
    }

    /**
     * {@code ok($node->poll_query_until(db, sql, expected), name)}: on failure, says what the
     * query printed last and shows the server log.
     *
     * @param node the node
     * @param database the database
     * @param sql the query
     * @param expected the output awaited
     * @param name the assertion's name in the TAP test
     */
    static void okPoll(PgNode node, String database, String sql, String expected, String name) {
        if (!node.pollQueryUntil(database, sql, expected)) {
            PgNode.PsqlResult last = node.psql(database, sql);
            fail(name + ": timed out waiting for\n" + expected + "\nfrom " + sql + "\nlast output:\n" + last.stdout()
                    + last.stderr() + "\nserver log:\n" + node.log());
        }
    }
}
