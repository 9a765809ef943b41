package org.elephas.api.hooks;

import org.elephas.api.sql.Query;

/** {@code post_parse_analyze_hook}: sees each statement after parse analysis, before planning. */
@FunctionalInterface
public interface PostParseAnalyzeHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /** @param query the analysed statement */
        void postParseAnalyze(Query query);
    }

    /**
     * @param query the analysed statement; its query id is set
     * @param next the rest of the chain
     */
    void postParseAnalyze(Query query, Next next);
}
