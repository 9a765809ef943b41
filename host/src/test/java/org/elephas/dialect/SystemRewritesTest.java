package org.elephas.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.elephas.sql.LexedStatement;
import org.junit.jupiter.api.Test;

/**
 * The system-view and system-function rewrites: what they change, and that statements which do
 * not need them are never parsed.
 */
class SystemRewritesTest {
    private final Dialect dialect = Dialect.standard();

    private ParsedStatement statement(String sql) {
        return new ParsedStatement(LexedStatement.split(sql).get(0));
    }

    private String engineSql(String sql) {
        return dialect.toEngineSql(statement(sql));
    }

    @Test
    void ordinaryStatementsStayUnparsed() {
        for (String sql : List.of("select 1", "select current_setting('work_mem')", "select pg_backend_pid()",
                "select pg_terminate_backend(42)", "select version from schema_migrations",
                "select t.pg_settings from t", "select * from other.pg_settings", "insert into t values ($1)")) {
            ParsedStatement s = statement(sql);
            assertEquals(List.of(), dialect.rewritesFor(s.lexed()), sql);
            dialect.toEngineSql(s);
            assertFalse(s.treeBuilt(), "parsed: " + sql);
        }
        assertEquals("select 1", engineSql("select 1"));
    }

    @Test
    void viewNamesUnqualifiedOrInPgCatalogPointAtTheSystemSchema() {
        // Pointed there on tokens (CatalogNames), so the text stays as written.
        assertEquals("select name, setting from elephas_catalog.pg_settings where name like 'max%' order by 1",
                engineSql("select name, setting from pg_settings where name like 'max%' order by 1"));
        assertEquals("select a.pid from elephas_catalog.pg_stat_activity a join elephas_catalog.pg_database d "
                + "on d.datname = a.datname where exists (select 1 from elephas_catalog.pg_roles r)",
                engineSql("select a.pid from pg_catalog.pg_stat_activity a join pg_database d on d.datname = a.datname"
                        + " where exists (select 1 from pg_roles r)"));
        assertEquals("select * from elephas_catalog.elephas_workers",
                engineSql("select * from pg_catalog.elephas_workers"));
    }

    @Test
    void engineBuiltInsAndKeyWordsBecomeHostFunctionsKeepingTheirColumnNames() {
        assertEquals("SELECT elephas_catalog.version_text() AS \"version\"", engineSql("select version()"));
        assertEquals("SELECT elephas_catalog.current_role_name() AS \"current_user\", "
                + "elephas_catalog.session_user_name() AS \"session_user\", elephas_catalog.current_role_name() AS \"user\", "
                + "elephas_catalog.current_database_name() AS \"current_catalog\"",
                engineSql("select current_user, session_user, user, current_catalog"));
        assertEquals("SELECT elephas_catalog.set_config_value('search_path', '', false) AS \"set_config\"",
                engineSql("select pg_catalog.set_config('search_path', '', false)"));
        assertEquals("SELECT x FROM t WHERE owner = elephas_catalog.current_role_name()",
                engineSql("select x from t where owner = current_user"));
        assertEquals("SELECT elephas_catalog.current_setting('a') AS \"current_setting\"",
                engineSql("select pg_catalog.current_setting('a')"));
        assertTrue(engineSql("select pg_catalog.version(), upper(current_database())")
                .contains("elephas_catalog.version_text() AS \"version\", upper(elephas_catalog.current_database_name())"));
    }
}
