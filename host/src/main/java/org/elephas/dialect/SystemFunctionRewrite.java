package org.elephas.dialect;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Points calls of the host's system functions at the host's implementations where the engine
 * would answer otherwise:
 *
 * <ul>
 * <li>functions the engine has built in under PostgreSQL's name ({@code version()},
 *     {@code set_config()}, {@code current_database()}), which it answers with its own values;
 * <li>the key words {@code current_user}, {@code user}, {@code current_role},
 *     {@code session_user} and {@code current_catalog}, which the engine answers with its own
 *     user ({@code sa}) and database;
 * <li>any host function qualified with {@code pg_catalog} ({@code pg_catalog.set_config(...)},
 *     as pg_dump writes it), since the engine's {@code pg_catalog} does not have them.
 * </ul>
 *
 * Unqualified calls of the other host functions ({@code current_setting}, {@code pg_backend_pid},
 * ...) need no rewrite: the engine finds them on its search path, so such statements stay
 * unparsed. A rewritten call at the top of a select list keeps PostgreSQL's column name
 * ({@code version}, {@code current_user}).
 */
public final class SystemFunctionRewrite implements Rewrite {
    /** Built-in engine functions replaced by the host's, by PostgreSQL name: the host function. */
    private static final Map<String, String> ENGINE_FUNCTIONS = Map.of("version", "version_text", "set_config",
            "set_config_value", "current_database", "current_database_name");
    /** Key words the engine answers itself, by key word: the host function. */
    private static final Map<String, String> KEY_WORDS = Map.of("current_user", "current_role_name", "user",
            "current_role_name", "current_role", "current_role_name", "session_user", "session_user_name",
            "current_catalog", "current_database_name");
    /** Host functions the engine finds unqualified on its search path. */
    private static final Set<String> HOST_FUNCTIONS = Set.of("current_setting", "pg_backend_pid", "pg_reload_conf",
            "pg_terminate_backend", "pg_cancel_backend");
    private static final Set<String> TRIGGERS;

    static {
        java.util.HashSet<String> words = new java.util.HashSet<>(ENGINE_FUNCTIONS.keySet());
        words.addAll(KEY_WORDS.keySet());
        words.addAll(HOST_FUNCTIONS);
        TRIGGERS = Set.copyOf(words);
    }

    @Override
    public Set<String> triggerWords() {
        return TRIGGERS;
    }

    @Override
    public boolean applies(LexedStatement statement) {
        List<Token> tokens = statement.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != TokenKind.IDENTIFIER) {
                continue;
            }
            boolean call = SystemViewRewrite.followedBy(tokens, i, "(");
            boolean qualified = i > 0 && tokens.get(i - 1).is(".");
            if (ENGINE_FUNCTIONS.containsKey(t.text()) && call && SystemViewRewrite.unqualifiedOrPgCatalog(tokens, i)) {
                return true;
            }
            if (KEY_WORDS.containsKey(t.text()) && !call && !qualified && !SystemViewRewrite.followedBy(tokens, i, ".")) {
                return true;
            }
            if (HOST_FUNCTIONS.contains(t.text()) && call && qualified
                    && SystemViewRewrite.unqualifiedOrPgCatalog(tokens, i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Statement rewrite(Statement tree) {
        Map<Expression, String> replaced = new IdentityHashMap<>();
        TreeWalker.walk(tree, new TreeWalker.Visitor() {
            @Override
            public void function(Function f) {
                if (f.getName() == null) {
                    return;
                }
                // JSqlParser may keep "pg_catalog.name" as one part or as two.
                List<String> name = List.of(f.getName().split("\\."));
                if (name.size() > 2) {
                    return;
                }
                String simple = name.get(name.size() - 1).toLowerCase(java.util.Locale.ROOT);
                boolean pgCatalog = name.size() == 2 && name.get(0).equalsIgnoreCase("pg_catalog");
                if (name.size() == 2 && !pgCatalog) {
                    return;
                }
                String target = ENGINE_FUNCTIONS.get(simple);
                if (target == null && pgCatalog && HOST_FUNCTIONS.contains(simple)) {
                    target = simple;
                }
                if (target != null) {
                    f.setName(List.of(SystemViewRewrite.SCHEMA, target));
                    replaced.put(f, simple);
                }
            }

            @Override
            public void column(Column c) {
                if (c.getTable() != null && c.getTable().getName() != null) {
                    return;
                }
                String word = c.getColumnName().toLowerCase(java.util.Locale.ROOT);
                String target = c.getColumnName().startsWith("\"") ? null : KEY_WORDS.get(word);
                if (target != null) {
                    // JSqlParser parses these key words as column references; a column prints as
                    // its name, so naming it the call replaces the node in the SQL it deparses to.
                    c.setColumnName(SystemViewRewrite.SCHEMA + "." + target + "()");
                    replaced.put(c, word);
                }
            }
        });
        if (tree instanceof PlainSelect select && select.getSelectItems() != null) {
            for (SelectItem<?> item : select.getSelectItems()) {
                String label = replaced.get(item.getExpression());
                if (label != null && item.getAlias() == null) {
                    item.setAlias(new Alias("\"" + label + "\"", true));
                }
            }
        }
        return tree;
    }
}
