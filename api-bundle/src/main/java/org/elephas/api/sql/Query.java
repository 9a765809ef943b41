package org.elephas.api.sql;

import java.util.Optional;

import net.sf.jsqlparser.statement.Statement;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One statement after parse analysis (PostgreSQL's {@code Query}), as {@code post_parse_analyze}
 * and the planner see it.
 *
 * <p>The parse tree is built on first request and kept: a statement nobody inspects is never
 * parsed, and one that several hooks inspect is parsed once. A hook may change the tree; once
 * it has been built, the tree (not the source text) is what the planner plans.
 */
@ProviderType
public interface Query {

    /** @return this statement's own text, as the client sent it */
    String sourceText();

    /** @return what the statement does */
    CommandType commandType();

    /**
     * PostgreSQL's {@code CreateCommandTag}: the tag the statement reports when it completes,
     * without a row count; known before it runs.
     *
     * @return the tag, e.g. {@code SELECT}, {@code CREATE TABLE}, {@code CREATE ROLE}, {@code SET}
     */
    String commandTag();

    /** @return whether this is a utility statement (goes to ProcessUtility, not the planner) */
    default boolean isUtility() {
        return commandType() == CommandType.UTILITY;
    }

    /**
     * @return a fingerprint of the statement with its constants removed: statements that
     *     differ only in constants have the same id; never 0
     */
    long queryId();

    /** @return the text with each constant replaced by {@code $n}, as pg_stat_statements shows it */
    String normalizedText();

    /**
     * PostgreSQL's nesting level as pg_stat_statements counts it (see
     * {@link QueryDesc#nestingLevel()}): the planner, ExecutorRun, ExecutorFinish and
     * ProcessUtility calls in progress on the backend when the pipeline took this statement up,
     * for {@code post_parse_analyze} and the planner; for ProcessUtility, when it was called.
     *
     * @return the level, 0 for a client's statement
     * @since 1.3
     */
    int nestingLevel();

    /**
     * @return the parse tree, built now if nobody asked before; empty when the parser does not
     *     understand this statement (the engine may still)
     */
    Optional<Statement> parseTree();

    /** @return whether the parse tree has been built (so the planner plans the tree) */
    boolean parseTreeBuilt();
}
