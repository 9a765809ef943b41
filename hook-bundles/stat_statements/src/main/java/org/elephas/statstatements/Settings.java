package org.elephas.statstatements;

import java.util.List;

import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;

/**
 * The extension's parameters: pg_stat_statements' own, under the prefix {@code stat_statements.}
 * (PostgreSQL's is {@code pg_stat_statements.}).
 */
final class Settings {
    /** pgss's PGSS_TRACK_NONE / TOP / ALL, as the enum parameter reads. */
    static final String TRACK_NONE = "none";
    static final String TRACK_TOP = "top";
    static final String TRACK_ALL = "all";

    final GucVariable<Integer> max;
    final GucVariable<String> track;
    final GucVariable<Boolean> trackUtility;
    final GucVariable<Boolean> trackPlanning;

    /** Define the parameters; only while preloading, since {@code max} is a postmaster parameter. */
    Settings() {
        max = Gucs.intVariable("stat_statements.max", 5000)
                .description("Sets the maximum number of statements tracked by stat_statements.")
                .range(100, Integer.MAX_VALUE)
                .context(GucContext.POSTMASTER)
                .define();
        track = Gucs.enumVariable("stat_statements.track", TRACK_TOP, List.of(TRACK_NONE, TRACK_TOP, TRACK_ALL))
                .description("Selects which statements are tracked by stat_statements.")
                .context(GucContext.SUSET)
                .define();
        trackUtility = Gucs.boolVariable("stat_statements.track_utility", true)
                .description("Selects whether utility commands are tracked by stat_statements.")
                .context(GucContext.SUSET)
                .define();
        trackPlanning = Gucs.boolVariable("stat_statements.track_planning", false)
                .description("Selects whether planning duration is tracked by stat_statements.")
                .context(GucContext.SUSET)
                .define();
    }

    /**
     * pgss's {@code pgss_enabled(level)}: whether statements at this nesting level are tracked.
     *
     * @param nestingLevel the nesting level
     * @return whether to track
     */
    boolean enabled(int nestingLevel) {
        String t = track.get();
        return TRACK_ALL.equals(t) || (nestingLevel == 0 && TRACK_TOP.equals(t));
    }
}
