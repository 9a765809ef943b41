package org.elephas.dialect;

import java.util.Optional;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

import org.elephas.sql.LexedStatement;

/**
 * A statement whose parse tree is built on first request and then kept: parsed at most once,
 * whoever asks (hooks, the dialect). Once built, the tree is what the engine runs.
 */
public class ParsedStatement {
    private final LexedStatement lexed;
    private boolean attempted;
    private Statement tree;
    private String parseError;

    /** @param lexed the statement */
    public ParsedStatement(LexedStatement lexed) {
        this.lexed = lexed;
    }

    /** @return the statement's text and tokens */
    public final LexedStatement lexed() {
        return lexed;
    }

    /** @return the tree, parsed now if it was not yet; empty when the parser does not understand it */
    public final synchronized Optional<Statement> tree() {
        if (!attempted) {
            attempted = true;
            try {
                tree = CCJSqlParserUtil.parse(Dialect.plainText(lexed));
            } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
                parseError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        }
        return Optional.ofNullable(tree);
    }

    /** @return whether a tree has been built */
    public final synchronized boolean treeBuilt() {
        return tree != null;
    }

    /** @return why parsing failed, or null */
    public final synchronized String parseError() {
        return parseError;
    }

    /** @param replacement the tree to run instead */
    final synchronized void replaceTree(Statement replacement) {
        this.tree = replacement;
        this.attempted = true;
    }
}
