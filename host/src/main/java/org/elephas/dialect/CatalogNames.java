package org.elephas.dialect;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Points the catalog relations and functions that clients query ({@code pg_catalog.pg_class},
 * {@code pg_type}, {@code pg_catalog.format_type(..)}, ...) at the host's versions in
 * {@value SystemViewRewrite#SCHEMA}. The engine has a small {@code pg_catalog} of its own, with
 * its own object ids and first on its search path, so every reference is rewritten: a relation
 * qualified with {@code pg_catalog}, or written bare after {@code FROM}, {@code JOIN} or a comma;
 * a function called qualified with {@code pg_catalog} or bare. The host's system views
 * ({@link SystemViewRewrite#VIEWS}) are pointed there the same way, so that psql's and pgjdbc's
 * catalog queries need no parse (JSqlParser does not read all of them).
 *
 * <p>Also rewritten, for psql's {@code \d}: {@code pg_partition_ancestors(x) WITH ORDINALITY AS
 * a(relid, depth)} in a FROM list, which the engine cannot correlate, becomes an empty relation
 * of those columns (Elephas has no partitions; psql reads it only for partitions' triggers); and
 * {@code current_database() AS x} (pgjdbc's metadata queries) becomes the host's function
 * directly, which spares those long statements a parse; and in these statements,
 * PostgreSQL's array type syntax {@code ::int2[]} as the engine's {@code ::int2 ARRAY}.
 */
public final class CatalogNames implements TokenRewrite {
    /** The catalog relations the host provides as views (beside {@link SystemViewRewrite#VIEWS}). */
    public static final Set<String> RELATIONS = Set.of("pg_namespace", "pg_class", "pg_type", "pg_attribute",
            "pg_attrdef", "pg_index", "pg_constraint", "pg_description", "pg_am", "pg_tablespace", "pg_collation",
            "pg_proc", "pg_user", "pg_auth_members", "pg_inherits", "pg_partitioned_table", "pg_trigger",
            "pg_policy", "pg_statistic_ext", "pg_publication", "pg_publication_namespace", "pg_publication_rel",
            "pg_sequence", "pg_depend");

    /** The catalog functions the host provides, which the engine may otherwise answer with its own. */
    public static final Set<String> FUNCTIONS = Set.of("format_type", "pg_get_userbyid", "pg_table_is_visible",
            "pg_type_is_visible", "pg_function_is_visible", "pg_get_indexdef", "pg_get_constraintdef",
            "pg_get_expr", "obj_description", "col_description", "shobj_description", "current_schemas",
            "array_position", "array_upper", "pg_partition_ancestors", "pg_relation_is_publishable", "pg_get_triggerdef",
            "pg_get_statisticsobjdef_columns", "pg_get_function_result", "pg_get_function_arguments",
            "pg_size_pretty", "pg_database_size", "pg_table_size", "pg_relation_size", "pg_total_relation_size", "regclassout");

    /**
     * The prefix of the host's function aliases: the engine refuses an alias named like one of
     * its built-ins ({@code format_type}, {@code pg_get_expr}, ...), so {@code format_type} is
     * {@code elephas_catalog.host_format_type}.
     */
    public static final String PREFIX = "host_";

    private static final String PG_CATALOG = "pg_catalog";
    private static final String CURRENT_DATABASE = "current_database";
    private static final Set<String> ALL_RELATIONS;
    private static final Set<String> TRIGGERS;

    static {
        Set<String> relations = new HashSet<>(RELATIONS);
        relations.addAll(SystemViewRewrite.VIEWS);
        ALL_RELATIONS = Set.copyOf(relations);
        Set<String> words = new HashSet<>(relations);
        words.addAll(FUNCTIONS);
        words.add(CURRENT_DATABASE);
        TRIGGERS = Set.copyOf(words);
    }

    @Override
    public Set<String> triggerWords() {
        return TRIGGERS;
    }

    @Override
    public boolean applies(LexedStatement statement) {
        for (int i = 0; i < statement.tokens().size(); i++) {
            if (target(statement, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * If token i names a catalog relation or function to rewrite, the index of the first token
     * of the reference (i, or i - 2 for {@code pg_catalog.name}); else -1.
     */
    private static int target(LexedStatement s, int i) {
        List<Token> tokens = s.tokens();
        Token t = tokens.get(i);
        if (t.kind() != TokenKind.IDENTIFIER || !TRIGGERS.contains(t.text())) {
            return -1;
        }
        boolean call = Tokens.is(s, i + 1, "(");
        boolean qualified = Tokens.is(s, i - 1, ".");
        boolean pgCatalog = qualified && s.word(i - 2).equals(PG_CATALOG) && !Tokens.is(s, i - 3, ".");
        if (qualified && !pgCatalog) {
            return -1;
        }
        int first = pgCatalog ? i - 2 : i;
        if (t.text().equals(CURRENT_DATABASE)) {
            return call && Tokens.is(s, i + 2, ")") && s.word(i + 3).equals("as") ? first : -1;
        }
        if (FUNCTIONS.contains(t.text()) && call) {
            return first;
        }
        if (ALL_RELATIONS.contains(t.text()) && !call && !Tokens.is(s, i + 1, ".")) {
            if (pgCatalog) {
                return first;
            }
            String before = i == 0 ? "" : s.word(i - 1);
            return before.equals("from") || before.equals("join") || Tokens.is(s, i - 1, ",") ? first : -1;
        }
        return -1;
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, Connection engine) {
        Splice splice = new Splice(statement);
        for (int i = 0; i < statement.tokens().size(); i++) {
            if (arrayTypeBrackets(statement, i)) {
                splice.replace(i, i + 1, " ARRAY");
                i++;
                continue;
            }
            int first = target(statement, i);
            if (first < 0) {
                continue;
            }
            String name = statement.word(i);
            if (name.equals(CURRENT_DATABASE)) {
                splice.replace(first, i + 2, SystemViewRewrite.SCHEMA + ".current_database_name()");
                i += 2;
            } else if (name.equals("pg_partition_ancestors") && fromWithOrdinality(statement, i)) {
                int close = Tokens.closing(statement, i + 1);
                int aliasClose = Tokens.closing(statement, close + 5);
                splice.replace(first, aliasClose, "(SELECT CAST(NULL AS INT) AS relid, CAST(NULL AS BIGINT) AS depth"
                        + " WHERE FALSE) AS " + statement.tokens().get(close + 4).text());
                i = aliasClose;
            } else {
                splice.replace(first, i, SystemViewRewrite.SCHEMA + "." + (FUNCTIONS.contains(name)
                        && Tokens.is(statement, i + 1, "(") ? PREFIX : "") + name);
            }
        }
        return EngineStatement.of(splice.text());
    }

    /** {@code [ ]} after {@code ::type} or {@code ::pg_catalog.type}: PostgreSQL's array type syntax. */
    private static boolean arrayTypeBrackets(LexedStatement s, int i) {
        if (!Tokens.is(s, i, "[") || !Tokens.is(s, i + 1, "]") || s.word(i - 1).isEmpty()) {
            return false;
        }
        return Tokens.is(s, i - 2, "::") || Tokens.is(s, i - 2, ".") && Tokens.is(s, i - 4, "::");
    }

    /** {@code name(..) WITH ORDINALITY AS a(relid, depth)}. */
    private static boolean fromWithOrdinality(LexedStatement s, int i) {
        int close = Tokens.closing(s, i + 1);
        return close > 0 && s.word(close + 1).equals("with") && s.word(close + 2).equals("ordinality")
                && s.word(close + 3).equals("as") && Tokens.is(s, close + 5, "(")
                && Tokens.closing(s, close + 5) > 0;
    }
}
