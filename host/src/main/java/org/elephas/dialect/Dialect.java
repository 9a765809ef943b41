package org.elephas.dialect;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.statement.Statement;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Turns a statement into the SQL the engine runs.
 *
 * <p>The plain path: when no token of the statement is a trigger word of any {@link Rewrite}
 * and no hook built the parse tree, the text goes to the engine as written, with PostgreSQL's
 * {@code $n} parameters spelt {@code ?n}. Otherwise the tree (built once, see
 * {@link ParsedStatement}) is rewritten by each rewrite that applies and deparsed.
 */
public final class Dialect {
    private final List<Rewrite> rewrites;
    private final Set<String> triggerWords;

    /** @param rewrites the rewrites, applied in order */
    public Dialect(List<Rewrite> rewrites) {
        this.rewrites = List.copyOf(rewrites);
        Set<String> words = new HashSet<>();
        for (Rewrite r : rewrites) {
            words.addAll(r.triggerWords());
        }
        this.triggerWords = Set.copyOf(words);
    }

    /** @return the standard dialect: every rewrite Elephas ships */
    public static Dialect standard() {
        return new Dialect(StandardRewrites.all());
    }

    /**
     * @param statement a statement
     * @return the rewrites it needs (empty on the plain path)
     */
    public List<Rewrite> rewritesFor(LexedStatement statement) {
        List<Rewrite> needed = null;
        for (Token t : statement.tokens()) {
            if (t.kind() == TokenKind.IDENTIFIER && triggerWords.contains(t.text())) {
                needed = new java.util.ArrayList<>();
                break;
            }
        }
        if (needed == null) {
            return List.of();
        }
        for (Rewrite r : rewrites) {
            if (containsAny(statement, r.triggerWords()) && r.applies(statement)) {
                needed.add(r);
            }
        }
        return needed;
    }

    private static boolean containsAny(LexedStatement statement, Set<String> words) {
        for (Token t : statement.tokens()) {
            if (t.kind() == TokenKind.IDENTIFIER && words.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The engine's SQL for a statement.
     *
     * @param statement the statement
     * @return the SQL to run
     * @throws PgException when a rewrite is needed and the statement cannot be parsed
     */
    public String toEngineSql(ParsedStatement statement) {
        List<Rewrite> needed = rewritesFor(statement.lexed());
        if (needed.isEmpty() && !statement.treeBuilt()) {
            return plainText(statement.lexed());
        }
        Optional<Statement> tree = statement.tree();
        if (tree.isEmpty()) {
            if (needed.isEmpty()) {
                return plainText(statement.lexed());
            }
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "statement needs translation for the engine but could not be parsed")
                    .withDetail(statement.parseError());
        }
        Statement t = tree.get();
        for (Rewrite r : needed) {
            t = r.rewrite(t);
        }
        statement.replaceTree(t);
        return Deparser.deparse(t);
    }

    /**
     * @param statement a statement
     * @return its text with {@code $n} spelt {@code ?n}
     */
    public static String plainText(LexedStatement statement) {
        String text = statement.text();
        StringBuilder out = null;
        int copied = 0;
        for (Token t : statement.tokens()) {
            if (t.kind() == TokenKind.PARAMETER) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, t.start()).append('?').append(t.text());
                copied = t.end();
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
