package org.elephas.dialect;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
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
 * {@code $n} parameters spelt {@code ?n}. Otherwise:
 *
 * <ol>
 * <li>the {@link TokenRewrite}s that apply splice the statement's text (forms JSqlParser cannot
 * parse, and small expression-level spellings), possibly into several engine statements;
 * <li>if a tree {@link Rewrite} applies, the (main) statement is parsed once, rewritten by each
 * tree rewrite in order and deparsed; a rewrite whose result leaves JSqlParser's grammar ends
 * the chain with an {@link EngineScript}.
 * </ol>
 *
 * When a hook has built the tree, the tree is what runs: token rewrites then apply to its
 * deparsed text.
 */
public final class Dialect {
    private final List<Rewrite> rewrites;
    private final HashSet<String> triggerWords;

    /** @param rewrites the rewrites, applied in order (token rewrites before tree rewrites) */
    public Dialect(List<Rewrite> rewrites) {
        this.rewrites = List.copyOf(rewrites);
        // A HashSet probed in an indexed loop: about three times faster here than Set.copyOf's
        // set through an iterator, and this check is all the plain path pays.
        HashSet<String> words = new HashSet<>();
        for (Rewrite r : rewrites) {
            words.addAll(r.triggerWords());
        }
        this.triggerWords = words;
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
        List<String> hits = null;
        List<Token> tokens = statement.tokens();
        for (int i = 0, n = tokens.size(); i < n; i++) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.IDENTIFIER && triggerWords.contains(t.text())) {
                if (hits == null) {
                    hits = new ArrayList<>(4);
                }
                hits.add(t.text());
            }
        }
        if (hits == null) {
            return List.of();
        }
        List<Rewrite> needed = new ArrayList<>(2);
        for (Rewrite r : rewrites) {
            Set<String> words = r.triggerWords();
            for (String hit : hits) {
                if (words.contains(hit)) {
                    if (r.applies(statement)) {
                        needed.add(r);
                    }
                    break;
                }
            }
        }
        return needed;
    }

    private static boolean containsAny(LexedStatement statement, Set<String> words) {
        List<Token> tokens = statement.tokens();
        for (int i = 0, n = tokens.size(); i < n; i++) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.IDENTIFIER && words.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The engine's SQL for a statement, as one script (several engine statements are separated
     * by semicolons).
     *
     * @param statement the statement
     * @return the SQL to run
     * @throws PgException when a rewrite is needed and the statement cannot be parsed, or a
     *     rewrite refuses the statement
     */
    public String toEngineSql(ParsedStatement statement) {
        return toEngine(statement, null).toString();
    }

    /**
     * The engine's statements for a statement.
     *
     * @param statement the statement
     * @param engine the session's engine connection, for rewrites that resolve names at
     *     planning time; may be null
     * @return what the engine runs
     * @throws PgException when a rewrite is needed and the statement cannot be parsed, or a
     *     rewrite refuses the statement
     */
    public EngineStatement toEngine(ParsedStatement statement, Connection engine) {
        boolean hookTree = statement.treeBuilt();
        LexedStatement lexed = statement.lexed();
        if (hookTree) {
            Statement tree = statement.tree().orElseThrow();
            if (tree instanceof EngineScript script) {
                return script.statement();
            }
            lexed = LexedStatement.of(Deparser.deparse(tree));
        }
        List<Rewrite> needed = rewritesFor(lexed);
        if (needed.isEmpty()) {
            return EngineStatement.of(plainText(lexed));
        }
        List<TokenRewrite> tokenRewrites = new ArrayList<>();
        List<Rewrite> treeRewrites = new ArrayList<>();
        for (Rewrite r : needed) {
            if (r instanceof TokenRewrite tr) {
                tokenRewrites.add(tr);
            } else {
                treeRewrites.add(r);
            }
        }
        EngineStatement text = tokenRewrites.isEmpty() ? EngineStatement.of(lexed.text())
                : applyTokenRewrites(lexed, tokenRewrites, engine);
        List<String> before = new ArrayList<>();
        for (String part : text.before()) {
            before.add(plainText(LexedStatement.of(part)));
        }
        if (!text.hasMain()) {
            return new EngineStatement(before, "");
        }
        LexedStatement main = tokenRewrites.isEmpty() ? lexed : LexedStatement.of(text.main());
        if (treeRewrites.isEmpty() || !needsTree(main, treeRewrites)) {
            return new EngineStatement(before, plainText(main));
        }
        Statement tree;
        if (hookTree && tokenRewrites.isEmpty()) {
            tree = statement.tree().orElseThrow();
        } else if (tokenRewrites.isEmpty()) {
            tree = statement.tree().orElseThrow(() -> unparsable(statement.parseError()));
        } else {
            tree = parse(plainText(main));
        }
        for (Rewrite r : treeRewrites) {
            tree = r.rewrite(tree);
        }
        if (before.isEmpty()) {
            statement.replaceTree(tree);
        }
        EngineStatement rewritten = Deparser.toEngine(tree);
        before.addAll(rewritten.before());
        return new EngineStatement(before, rewritten.main());
    }

    /** Whether a tree rewrite still applies to the main statement after the token rewrites. */
    private static boolean needsTree(LexedStatement main, List<Rewrite> treeRewrites) {
        for (Rewrite r : treeRewrites) {
            if (containsAny(main, r.triggerWords()) && r.applies(main)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Apply the token rewrites in order. The statement as written needs only those its tokens
     * selected; a statement a rewrite produced (a part of a split statement, a changed text) is
     * offered to every later token rewrite whose trigger words and {@link Rewrite#applies} hold.
     */
    private EngineStatement applyTokenRewrites(LexedStatement lexed, List<TokenRewrite> selected, Connection engine) {
        List<String> before = new ArrayList<>();
        String main = lexed.text();
        LexedStatement mainLexed = lexed;
        boolean original = true;
        for (Rewrite rewrite : rewrites) {
            if (!(rewrite instanceof TokenRewrite r)) {
                continue;
            }
            List<String> nextBefore = new ArrayList<>();
            for (String part : before) {
                nextBefore.addAll(applyOne(r, LexedStatement.of(part), engine).all());
            }
            if (!main.isEmpty() && (!original || selected.contains(r))) {
                LexedStatement current = mainLexed != null ? mainLexed : LexedStatement.of(main);
                EngineStatement e = applyOne(r, current, engine);
                nextBefore.addAll(e.before());
                boolean same = e.main().equals(main) && !e.hasBefore();
                original &= same;
                mainLexed = same ? current : null;
                main = e.main();
            }
            before = nextBefore;
        }
        return new EngineStatement(before, main);
    }

    private static EngineStatement applyOne(TokenRewrite r, LexedStatement part, Connection engine) {
        if (!containsAny(part, r.triggerWords()) || !r.applies(part)) {
            return EngineStatement.of(part.text());
        }
        return r.rewrite(part, engine);
    }

    private static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
            throw unparsable(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static PgException unparsable(String why) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "statement needs translation for the engine but could not be parsed").withDetail(why);
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
