package org.elephas.dialect;

import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Points references to the host's system views ({@code pg_settings}, {@code pg_stat_activity},
 * ...), unqualified or qualified with {@code pg_catalog}, at the schema where the host keeps them.
 * The engine has read-only tables of its own under some of these names in its
 * {@code pg_catalog}; PostgreSQL always finds its system views first, so the rewrite does too.
 * Only statements that mention a view name as a relation are parsed.
 */
public final class SystemViewRewrite implements Rewrite {
    /** The engine schema holding the host's system views and functions. */
    public static final String SCHEMA = "elephas_catalog";

    /** The system views the host provides, by name. */
    public static final Set<String> VIEWS = Set.of("pg_stat_activity", "pg_wait_events", "pg_settings",
            "pg_database", "pg_roles", "pg_extension", "elephas_workers", "elephas_bundles", "elephas_hooks");

    private static final String PG_CATALOG = "pg_catalog";

    @Override
    public Set<String> triggerWords() {
        return VIEWS;
    }

    /** A view name counts when it is not called like a function and not qualified by another schema. */
    @Override
    public boolean applies(LexedStatement statement) {
        List<Token> tokens = statement.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.IDENTIFIER && VIEWS.contains(t.text()) && !followedBy(tokens, i, "(")
                    && unqualifiedOrPgCatalog(tokens, i)) {
                return true;
            }
        }
        return false;
    }

    static boolean followedBy(List<Token> tokens, int i, String symbol) {
        return i + 1 < tokens.size() && tokens.get(i + 1).is(symbol);
    }

    /** Whether token i stands alone or as {@code pg_catalog.<token>}. */
    static boolean unqualifiedOrPgCatalog(List<Token> tokens, int i) {
        if (i == 0 || !tokens.get(i - 1).is(".")) {
            return true;
        }
        return i >= 2 && tokens.get(i - 2).isWord(PG_CATALOG) && (i < 3 || !tokens.get(i - 3).is("."));
    }

    @Override
    public Statement rewrite(Statement tree) {
        TreeWalker.walk(tree, new TreeWalker.Visitor() {
            @Override
            public void table(Table table) {
                String name = table.getName();
                String schema = table.getSchemaName();
                // Unquoted names fold to lower case; quoted ones keep their quotes here and never match.
                if (name != null && VIEWS.contains(name.toLowerCase(java.util.Locale.ROOT))
                        && (schema == null || schema.equalsIgnoreCase(PG_CATALOG))
                        && table.getDatabaseName() == null) {
                    table.setSchemaName(SCHEMA);
                }
            }
        });
        return tree;
    }
}
