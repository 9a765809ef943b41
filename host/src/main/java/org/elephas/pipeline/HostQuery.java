package org.elephas.pipeline;

import java.util.Optional;

import net.sf.jsqlparser.statement.Statement;

import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.Query;
import org.elephas.dialect.ParsedStatement;
import org.elephas.sql.CommandTags;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.QueryFingerprint;

/** The host's {@link Query}: a lexed statement, its fingerprint (computed on first use) and its lazy tree. */
public final class HostQuery extends ParsedStatement implements Query {
    private final CommandType commandType;
    private QueryFingerprint fingerprint;
    private int nestingLevel;

    /** @param lexed the statement */
    public HostQuery(LexedStatement lexed) {
        super(lexed);
        this.commandType = lexed.commandType();
    }

    @Override
    public String sourceText() {
        return lexed().text();
    }

    @Override
    public CommandType commandType() {
        return commandType;
    }

    @Override
    public String commandTag() {
        return isUtility() ? CommandTags.of(lexed()) : commandType.name();
    }

    @Override
    public long queryId() {
        return fingerprint().queryId();
    }

    @Override
    public String normalizedText() {
        return fingerprint().normalizedText();
    }

    private QueryFingerprint fingerprint() {
        QueryFingerprint f = fingerprint;
        if (f == null) {
            f = QueryFingerprint.of(lexed());
            fingerprint = f;
        }
        return f;
    }

    @Override
    public int nestingLevel() {
        return nestingLevel;
    }

    /** @param level the backend's nesting level as the pipeline takes this statement up */
    void setNestingLevel(int level) {
        nestingLevel = level;
    }

    @Override
    public Optional<Statement> parseTree() {
        return tree();
    }

    @Override
    public boolean parseTreeBuilt() {
        return treeBuilt();
    }

    @Override
    public String toString() {
        return sourceText();
    }
}
