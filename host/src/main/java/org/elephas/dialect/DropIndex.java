package org.elephas.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.elephas.engine.EngineErrors;
import org.elephas.sql.LexedStatement;

/**
 * PostgreSQL's {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}
 * as one H2 {@code DROP INDEX [IF EXISTS] name} per index, followed by dropping the invisible
 * generated columns an {@link IndexDefinition} made for a partial unique or expression index.
 */
final class DropIndex implements TokenRewrite {

    @Override
    public Set<String> triggerWords() {
        return Set.of("index");
    }

    @Override
    public boolean applies(LexedStatement s) {
        return s.word(0).equals("drop") && s.word(1).equals("index");
    }

    @Override
    public EngineStatement rewrite(LexedStatement s, Connection engine) {
        int i = 2;
        if (s.word(i).equals("concurrently")) {
            i++;
        }
        boolean ifExists = Tokens.wordsAt(s, i, "if", "exists");
        if (ifExists) {
            i += 2;
        }
        List<String> statements = new ArrayList<>();
        while (i < s.tokens().size()) {
            int end = Tokens.nameEnd(s, i);
            if (end < 0) {
                return EngineStatement.of(s.text()); // let the engine report the syntax error
            }
            String name = Splice.source(s, i, end);
            statements.add("DROP INDEX " + (ifExists ? "IF EXISTS " : "") + name);
            List<String> parts = Tokens.nameParts(s, i, end);
            statements.addAll(generatedColumns(engine, parts));
            i = end + 1;
            if (!Tokens.is(s, i, ",")) {
                break;
            }
            i++;
        }
        if (s.word(i).equals("cascade") || s.word(i).equals("restrict")) {
            i++;
        }
        if (i < s.tokens().size() || statements.isEmpty()) {
            return EngineStatement.of(s.text());
        }
        return new EngineStatement(statements.subList(0, statements.size() - 1), statements.get(statements.size() - 1));
    }

    /** {@code ALTER TABLE .. DROP COLUMN} for each generated column of the index. */
    private static List<String> generatedColumns(Connection engine, List<String> indexName) {
        List<String> out = new ArrayList<>();
        if (engine == null) {
            return out;
        }
        String index = indexName.get(indexName.size() - 1);
        String schema = indexName.size() > 1 ? indexName.get(indexName.size() - 2) : null;
        try (PreparedStatement ps = engine.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME "
                + "FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE INDEX_NAME = ? AND INDEX_SCHEMA = "
                + "COALESCE(?, CURRENT_SCHEMA) AND COLUMN_NAME LIKE ? ESCAPE '\\' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, index);
            ps.setString(2, schema);
            ps.setString(3, index.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "$%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("ALTER TABLE " + Tokens.quote(rs.getString(1)) + "." + Tokens.quote(rs.getString(2))
                            + " DROP COLUMN IF EXISTS " + Tokens.quote(rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        return out;
    }
}
