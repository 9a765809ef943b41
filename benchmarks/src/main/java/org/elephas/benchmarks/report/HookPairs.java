package org.elephas.benchmarks.report;

import java.util.List;

/**
 * The names under which {@code HookPairBenchmark} writes its results (file {@value #FILE}) and
 * under which the report reads them: per statement and set of attached sample extensions, the
 * CPU time per statement of each batch, and, per fork, what that set adds to a statement over
 * the batch without hooks of the same round (the paired differences).
 *
 * <p>{@code PgHookPairBenchmark} writes PostgreSQL 15's counterpart (file {@value #PG_FILE},
 * system {@value #POSTGRES}) under the same names: {@link #BOTH} is there
 * {@code pg_stat_statements} and {@code auto_explain} preloaded, {@link #NONE} a server that
 * preloads nothing, and {@link #CONTROL} a second server that preloads nothing either.
 */
public final class HookPairs {
    /** The result file. */
    public static final String FILE = "hook-pairs.json";

    /** PostgreSQL's result file ({@code PgHookPairBenchmark}). */
    public static final String PG_FILE = "pg-hook-pairs.json";

    /** The system of {@value #PG_FILE}'s series. */
    public static final String POSTGRES = "PostgreSQL 15";

    /**
     * PostgreSQL's control: a second server without hooks, paired with the first as the hooked
     * one is, so that its pairs show the pairing's bias (expected about 0).
     */
    public static final String CONTROL = "control";

    /** The statements, as the report names them. */
    public static final List<String> STATEMENTS = List.of("SELECT 1, simple", "primary-key lookup, simple",
            "primary-key lookup, prepared");

    /** The configuration without hooks, the base of every difference. */
    public static final String NONE = "none";

    /** Both samples: the configuration the target is about. */
    public static final String BOTH = "stat_statements + auto_explain";

    /** Every configuration: the extensions whose hooks are attached, {@code " + "}-separated. */
    public static final List<String> CONFIGURATIONS = List.of(NONE, "stat_statements", "auto_explain", BOTH);

    private HookPairs() {
    }

    /** @return the measure of the CPU time per statement of each batch (unit us) */
    public static String cpu(String statement, String configuration) {
        return statement + ", hooks of " + configuration + ", CPU time per statement";
    }

    /** @return the measure of the bytes allocated per statement of each batch (unit B) */
    public static String allocated(String statement, String configuration) {
        return statement + ", hooks of " + configuration + ", allocated per statement";
    }

    /** @return the measure of one fork's paired differences in CPU time per statement (unit us) */
    public static String added(String statement, String configuration, int fork) {
        return statement + ", " + configuration + " add, paired, fork " + fork;
    }

    /** @return the measure of the paired differences in wall time per statement, all forks (unit us) */
    public static String addedWall(String statement, String configuration) {
        return statement + ", " + configuration + " add, paired, wall time";
    }
}
