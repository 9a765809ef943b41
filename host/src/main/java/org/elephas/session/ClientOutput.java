package org.elephas.session;

import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.QueryCompletion;

/**
 * Where a session sends the results of a client's query: each statement's rows (as a
 * {@link DestReceiver}), then its completion; or that the query was empty.
 */
public interface ClientOutput extends DestReceiver {

    /** @param completion one statement finished, with this tag */
    void commandComplete(QueryCompletion completion);

    /** The query held no statement. */
    default void emptyQuery() {
    }
}
