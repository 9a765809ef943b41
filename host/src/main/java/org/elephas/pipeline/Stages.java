package org.elephas.pipeline;

import java.util.List;
import java.util.Objects;

import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.Query;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.api.sql.QueryDesc;

/**
 * The pipeline's chain points, one per stage, each modelled on PostgreSQL's hook of the same
 * name. Each field holds the entry point of its stage: the standard implementation until hooks
 * are chained in front of it. Entry points are swapped whole (volatile), so a statement runs
 * each stage on the snapshot it read.
 */
public final class Stages {

    /** {@code post_parse_analyze_hook}. */
    @FunctionalInterface
    public interface PostParseAnalyze {
        /** @param query the analysed statement */
        void analyze(Query query);
    }

    /** {@code planner_hook}. */
    @FunctionalInterface
    public interface Planner {
        /**
         * @param query the query
         * @param queryString its source text
         * @param cursorOptions PostgreSQL's cursor options (0 here)
         * @param boundParams parameter values when known at planning, else empty
         * @return the plan
         */
        PlannedStmt plan(Query query, String queryString, int cursorOptions, List<Object> boundParams);
    }

    /** {@code ProcessUtility_hook}. */
    @FunctionalInterface
    public interface ProcessUtility {
        /**
         * @param pstmt the utility statement, wrapped
         * @param queryString its source text
         * @param readOnlyTree whether the tree must not be changed
         * @param context where it comes from
         * @param params parameter values
         * @param dest where rows go ({@code SHOW}, {@code EXPLAIN})
         * @param qc the completion to fill in
         */
        void process(PlannedStmt pstmt, String queryString, boolean readOnlyTree, ProcessUtilityContext context,
                List<Object> params, DestReceiver dest, QueryCompletion qc);
    }

    /** {@code ExecutorCheckPerms_hook}. */
    @FunctionalInterface
    public interface ExecutorCheckPerms {
        /**
         * @param queryDesc the statement about to start
         * @param ereportOnViolation whether to raise the error rather than return false
         * @return whether the statement may run
         */
        boolean check(QueryDesc queryDesc, boolean ereportOnViolation);
    }

    /** {@code ExecutorStart_hook}. */
    @FunctionalInterface
    public interface ExecutorStart {
        /**
         * @param queryDesc the statement
         * @param eflags PostgreSQL's executor flags (0 here)
         */
        void start(QueryDesc queryDesc, int eflags);
    }

    /** {@code ExecutorRun_hook}. */
    @FunctionalInterface
    public interface ExecutorRun {
        /**
         * @param queryDesc the statement
         * @param count the most rows to produce, 0 for all
         * @param executeOnce whether it will not be run again
         */
        void run(QueryDesc queryDesc, long count, boolean executeOnce);
    }

    /** {@code ExecutorFinish_hook}. */
    @FunctionalInterface
    public interface ExecutorFinish {
        /** @param queryDesc the statement */
        void finish(QueryDesc queryDesc);
    }

    /** {@code ExecutorEnd_hook}. */
    @FunctionalInterface
    public interface ExecutorEnd {
        /** @param queryDesc the statement */
        void end(QueryDesc queryDesc);
    }

    /** Entry point of post_parse_analyze (the standard one does nothing). */
    public volatile PostParseAnalyze postParseAnalyze;
    /** Entry point of the planner. */
    public volatile Planner planner;
    /** Entry point of ProcessUtility. */
    public volatile ProcessUtility processUtility;
    /** Entry point of ExecutorCheckPerms. */
    public volatile ExecutorCheckPerms executorCheckPerms;
    /** Entry point of ExecutorStart. */
    public volatile ExecutorStart executorStart;
    /** Entry point of ExecutorRun. */
    public volatile ExecutorRun executorRun;
    /** Entry point of ExecutorFinish. */
    public volatile ExecutorFinish executorFinish;
    /** Entry point of ExecutorEnd. */
    public volatile ExecutorEnd executorEnd;

    /** The standard implementations, kept for hooks to call at the end of their chains. */
    private final Standard standard;

    /**
     * The standard implementation of every stage.
     *
     * @param planner standard_planner
     * @param utility standard_ProcessUtility
     * @param executor standard_Executor*
     */
    public record Standard(Planner planner, ProcessUtility utility, StandardExecutor executor) {
        /** Checks the parts. */
        public Standard {
            Objects.requireNonNull(planner);
            Objects.requireNonNull(utility);
            Objects.requireNonNull(executor);
        }
    }

    /** @param standard the standard implementations */
    public Stages(Standard standard) {
        this.standard = standard;
        this.postParseAnalyze = q -> { };
        this.planner = standard.planner();
        this.processUtility = standard.utility();
        this.executorCheckPerms = standard.executor()::checkPerms;
        this.executorStart = standard.executor()::start;
        this.executorRun = standard.executor()::run;
        this.executorFinish = standard.executor()::finish;
        this.executorEnd = standard.executor()::end;
    }

    /** @return the standard implementations */
    public Standard standard() {
        return standard;
    }
}
