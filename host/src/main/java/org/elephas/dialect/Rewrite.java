package org.elephas.dialect;

import java.util.Set;

import net.sf.jsqlparser.statement.Statement;

import org.elephas.sql.LexedStatement;

/**
 * One translation of a PostgreSQL form the engine lacks into one it has, done on the parse
 * tree ({@link TokenRewrite}s work on the tokens instead). A rewrite declares its trigger
 * words, so that statements without them are never parsed; {@link #applies} refines that
 * cheaply, still without a parse.
 */
public interface Rewrite {

    /**
     * @return lower-case words at least one of which a statement must contain for
     *     {@link #applies} to be asked (the cheap pre-check of the plain path)
     */
    Set<String> triggerWords();

    /**
     * @param statement a statement containing one of the trigger words
     * @return whether this rewrite must see its parse tree
     */
    default boolean applies(LexedStatement statement) {
        return true;
    }

    /**
     * Rewrite the tree in place.
     *
     * @param tree the statement's parse tree; an {@link EngineScript} when an earlier rewrite
     *     already translated it out of JSqlParser's grammar (return it unchanged)
     * @return the tree to run (usually {@code tree} itself), or an {@link EngineScript} when the
     *     translation needs SQL JSqlParser cannot represent
     */
    Statement rewrite(Statement tree);
}
