package org.elephas.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.elephas.api.sql.CommandType;
import org.junit.jupiter.api.Test;

/** Statement boundaries, command types, tags and fingerprints, all without a parser. */
class LexedStatementTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        List<LexedStatement> s = LexedStatement.split("select ';'; ; select $$a;b$$;\n-- done\n");
        assertEquals(List.of("select ';'", "select $$a;b$$"), s.stream().map(LexedStatement::text).toList());
        assertEquals(List.of(), LexedStatement.split("  -- nothing\n"));
    }

    @Test
    void commandTypeFromLeadingWords() {
        assertEquals(CommandType.SELECT, LexedStatement.of("(select 1)").commandType());
        assertEquals(CommandType.SELECT, LexedStatement.of("values (1)").commandType());
        assertEquals(CommandType.INSERT, LexedStatement.of("insert into t values (1)").commandType());
        assertEquals(CommandType.UPDATE,
                LexedStatement.of("with d as (delete from t returning v) update t set v = 1 from d").commandType());
        assertEquals(CommandType.SELECT, LexedStatement.of("with x as (select 1) select * from x").commandType());
        assertEquals(CommandType.UTILITY, LexedStatement.of("create table t(a int)").commandType());
        assertEquals(CommandType.UTILITY, LexedStatement.of("explain select 1").commandType());
    }

    @Test
    void commandTagsLikePostgres() {
        assertEquals("CREATE TABLE", CommandTags.of(LexedStatement.of("create temp table t(a int)")));
        assertEquals("CREATE INDEX", CommandTags.of(LexedStatement.of("CREATE UNIQUE INDEX i ON t(a)")));
        assertEquals("CREATE VIEW", CommandTags.of(LexedStatement.of("create or replace view v as select 1")));
        assertEquals("CREATE MATERIALIZED VIEW",
                CommandTags.of(LexedStatement.of("create materialized view v as select 1")));
        assertEquals("DROP TABLE", CommandTags.of(LexedStatement.of("drop table if exists t")));
        assertEquals("TRUNCATE TABLE", CommandTags.of(LexedStatement.of("truncate t")));
        assertEquals("ALTER TABLE", CommandTags.of(LexedStatement.of("alter table t add column b int")));
        assertEquals("CREATE ROLE", CommandTags.of(LexedStatement.of("create user u")));
        assertEquals("DROP ROLE", CommandTags.of(LexedStatement.of("DROP GROUP g")));
        assertEquals("CREATE USER MAPPING", CommandTags.of(LexedStatement.of("create user mapping for u server s")));
    }

    @Test
    void fingerprintIgnoresConstantsButNotShape() {
        QueryFingerprint a = QueryFingerprint.of(LexedStatement.of("SELECT * FROM t WHERE id = 1 AND name = 'x'"));
        QueryFingerprint b = QueryFingerprint.of(LexedStatement.of("select *  from T where ID = 42 and name = 'yy'"));
        QueryFingerprint c = QueryFingerprint.of(LexedStatement.of("select * from t where id = 1 or name = 'x'"));
        assertEquals(a.queryId(), b.queryId());
        assertNotEquals(a.queryId(), c.queryId());
        assertEquals("SELECT * FROM t WHERE id = $1 AND name = $2", a.normalizedText());
    }

    /** Where one identifier ends and the next begins counts, and every character does. */
    @Test
    void fingerprintSeesTokenBoundariesAndEveryCharacter() {
        long a = QueryFingerprint.of(LexedStatement.of("select abcd, e from t")).queryId();
        long b = QueryFingerprint.of(LexedStatement.of("select abc, de from t")).queryId();
        long c = QueryFingerprint.of(LexedStatement.of("select abcd, f from t")).queryId();
        long d = QueryFingerprint.of(LexedStatement.of("select abce, e from t")).queryId();
        assertNotEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(a, d);
        assertEquals(a, QueryFingerprint.of(LexedStatement.of("SELECT ABCD , E FROM T")).queryId());
    }

    /** Characters are hashed four at a time: a change anywhere in the chunk, high or low, counts. */
    @Test
    void fingerprintSeesEveryPositionOfALongIdentifier() {
        String name = "abcdefghijklm";
        java.util.Set<Long> ids = new java.util.HashSet<>();
        ids.add(QueryFingerprint.of(LexedStatement.of("select " + name + " from t")).queryId());
        for (int i = 0; i < name.length(); i++) {
            String changed = name.substring(0, i) + 'z' + name.substring(i + 1);
            ids.add(QueryFingerprint.of(LexedStatement.of("select " + changed + " from t")).queryId());
        }
        assertEquals(name.length() + 1, ids.size(), "each one-character change gives another id");
    }

    @Test
    void normalisedConstantsNumberAfterTheStatementsOwnParameters() {
        assertEquals("select $3 from t where a = $2 and b = $1",
                QueryFingerprint.of(LexedStatement.of("select 'k' from t where a = $2 and b = $1")).normalizedText());
    }
}
