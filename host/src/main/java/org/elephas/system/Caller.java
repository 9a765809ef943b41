package org.elephas.system;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.backend.Backend;
import org.elephas.guc.GucSession;
import org.elephas.session.Session;

/** The session calling a system function: the engine calls them on the session's own thread. */
final class Caller {
    private Caller() {
    }

    /**
     * @return the calling session
     * @throws PgException when the function is not called from a session's statement
     */
    static Session session() {
        Session s = Session.current();
        if (s == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "this function can only be called in a session");
        }
        return s;
    }

    /** @return the calling session's parameters */
    static GucSession gucs() {
        GucSession g = session().backend().gucSession();
        if (g == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "the session has no parameters");
        }
        return g;
    }

    /** @return the calling backend */
    static Backend backend() {
        return session().backend();
    }

    /** @return whether the calling session's role is a superuser */
    static boolean isSuperuser() {
        return session().role().superuser();
    }
}
