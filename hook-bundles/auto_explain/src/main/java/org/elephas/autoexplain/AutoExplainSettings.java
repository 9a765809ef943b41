package org.elephas.autoexplain;

import java.util.List;

import org.elephas.api.LogLevel;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucUnit;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;

/**
 * The {@code auto_explain.*} parameters. Every one is {@code SUSET}, as in PostgreSQL: what
 * reaches the server log is the administrator's decision. Values are read per backend, so a
 * superuser's {@code SET} applies to that session only.
 */
final class AutoExplainSettings {
    /** The levels {@code log_level} accepts: the non-error levels, as PostgreSQL's list. */
    private static final List<String> LEVELS =
            List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "log");
    /** The EXPLAIN formats this module can write. */
    private static final List<String> FORMATS = List.of("text", "json");

    private final GucVariable<Integer> logMinDuration;
    private final GucVariable<Integer> logParameterMaxLength;
    private final GucVariable<Boolean> logNestedStatements;
    private final GucVariable<Double> sampleRate;
    private final GucVariable<String> logLevel;
    private final GucVariable<String> logFormat;

    private AutoExplainSettings(GucVariable<Integer> logMinDuration, GucVariable<Integer> logParameterMaxLength,
            GucVariable<Boolean> logNestedStatements, GucVariable<Double> sampleRate, GucVariable<String> logLevel,
            GucVariable<String> logFormat) {
        this.logMinDuration = logMinDuration;
        this.logParameterMaxLength = logParameterMaxLength;
        this.logNestedStatements = logNestedStatements;
        this.sampleRate = sampleRate;
        this.logLevel = logLevel;
        this.logFormat = logFormat;
    }

    /** @return the parameters, defined in the host */
    static AutoExplainSettings define() {
        GucVariable<Integer> minDuration = Gucs.intVariable("auto_explain.log_min_duration", -1)
                .description("Sets the minimum execution time above which plans will be logged.")
                .longDescription("Zero prints all plans. -1 turns this feature off.")
                .range(-1, Integer.MAX_VALUE).unit(GucUnit.MS)
                .context(GucContext.SUSET).define();
        GucVariable<Integer> parameterMaxLength = Gucs.intVariable("auto_explain.log_parameter_max_length", -1)
                .description("Sets the maximum length of query parameter values to log.")
                .longDescription("-1 means log values in full.")
                .range(-1, Integer.MAX_VALUE).unit(GucUnit.BYTE)
                .context(GucContext.SUSET).define();
        GucVariable<Boolean> nested = Gucs.boolVariable("auto_explain.log_nested_statements", false)
                .description("Log nested statements.")
                .context(GucContext.SUSET).define();
        GucVariable<Double> rate = Gucs.realVariable("auto_explain.sample_rate", 1.0)
                .description("Fraction of queries to process.")
                .range(0.0, 1.0)
                .context(GucContext.SUSET).define();
        GucVariable<String> level = Gucs.enumVariable("auto_explain.log_level", "log", LEVELS)
                .description("Log level for the plan.")
                .context(GucContext.SUSET).define();
        GucVariable<String> format = Gucs.enumVariable("auto_explain.log_format", "text", FORMATS)
                .description("EXPLAIN format to be used for plan logging.")
                .context(GucContext.SUSET).define();
        return new AutoExplainSettings(minDuration, parameterMaxLength, nested, rate, level, format);
    }

    /** @return milliseconds a statement must run to be logged; -1 when logging is off */
    int logMinDuration() {
        return logMinDuration.get();
    }

    /** @return the most bytes of each parameter value to log, -1 for all, 0 for no parameters */
    int logParameterMaxLength() {
        return logParameterMaxLength.get();
    }

    /** @return whether statements run inside other statements (SPI, functions) are logged too */
    boolean logNestedStatements() {
        return logNestedStatements.get();
    }

    /** @return the fraction of top-level statements considered, 0 to 1 */
    double sampleRate() {
        return sampleRate.get();
    }

    /** @return the level plans are logged at */
    LogLevel logLevel() {
        return LogLevel.fromName(logLevel.get());
    }

    /** @return whether plans are written as JSON rather than text */
    boolean jsonFormat() {
        return "json".equals(logFormat.get());
    }
}
