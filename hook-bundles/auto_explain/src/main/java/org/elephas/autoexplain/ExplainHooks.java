package org.elephas.autoexplain;

import java.util.concurrent.ThreadLocalRandom;

import org.elephas.api.Elog;
import org.elephas.api.LogLevel;
import org.elephas.api.sql.QueryDesc;
import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorStartHook;

/**
 * auto_explain's executor hooks. PostgreSQL's also chains ExecutorRun and ExecutorFinish only to
 * count its nesting level around them; here the host counts it
 * ({@link QueryDesc#executorNestingLevel()}), so statements run from inside (SPI, functions) are
 * seen as nested without those two links:
 *
 * <ul>
 * <li>ExecutorStart decides, at the start of each top-level statement, whether it is sampled,
 * and has the executor time the statement ({@link QueryDesc#instrumentTotalTime()}) when
 * logging is enabled for it;</li>
 * <li>ExecutorEnd logs {@code duration: ... ms  plan: ...} when the statement ran at least
 * {@code log_min_duration}, before calling the rest of the chain, which releases the
 * statement.</li>
 * </ul>
 *
 * Like PostgreSQL's, the time is that of ExecutorRun and ExecutorFinish only: a portal's time
 * between fetches does not count.
 */
final class ExplainHooks {
    private final AutoExplainSettings settings;

    /** @param settings the parameters */
    ExplainHooks(AutoExplainSettings settings) {
        this.settings = settings;
    }

    /**
     * PostgreSQL's {@code auto_explain_enabled()}: logging is on, this level is logged, and the
     * current top-level statement was sampled.
     *
     * @param minDuration {@code log_min_duration}, read once by the caller
     */
    private boolean enabled(BackendState state, int level, int minDuration) {
        // Sampled first: false whenever logging was off when the statement began.
        return state.currentQuerySampled && minDuration >= 0 && (level == 0 || settings.logNestedStatements());
    }

    /**
     * ExecutorStart: sample, then have the executor time the statement if it may be logged
     * (auto_explain allocates {@code queryDesc->totaltime}; the timer is shared with other
     * extensions that ask).
     */
    void executorStart(QueryDesc queryDesc, int eflags, ExecutorStartHook.Next next) {
        BackendState state = BackendState.current();
        int level = queryDesc.executorNestingLevel();
        int minDuration = settings.logMinDuration();
        if (level == 0) {
            // Once per top-level statement: its nested statements are all logged or none is.
            state.currentQuerySampled = minDuration >= 0 && sampled(settings.sampleRate());
        }
        next.executorStart(queryDesc, eflags);
        // Sampled first: when it is false (logging off), no parameter is read again.
        if (state.currentQuerySampled && enabled(state, level, minDuration)) {
            queryDesc.instrumentTotalTime();
        }
    }

    private static boolean sampled(double rate) {
        return rate >= 1.0 || ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** ExecutorEnd: log the plan of a statement that ran long enough, then release it. */
    void executorEnd(QueryDesc queryDesc, ExecutorEndHook.Next next) {
        if (queryDesc.totalTimeInstrumented()) {
            BackendState state = BackendState.current();
            int minDuration = settings.logMinDuration();
            double msec = queryDesc.totalTimeNanos() / 1_000_000.0;
            if (enabled(state, queryDesc.executorNestingLevel(), minDuration) && msec >= minDuration) {
                logPlan(queryDesc, msec);
            }
        }
        next.executorEnd(queryDesc);
    }

    private void logPlan(QueryDesc queryDesc, double msec) {
        String report = PlanReport.build(queryDesc, settings.jsonFormat(), settings.logParameterMaxLength());
        // The report carries the statement's text itself: no STATEMENT line (Elog never adds one).
        Elog.elog(settings.logLevel(), String.format(java.util.Locale.ROOT, "duration: %.3f ms  plan:\n%s", msec,
                report));
    }
}
