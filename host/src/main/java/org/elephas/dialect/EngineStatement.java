package org.elephas.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * What the engine runs for one PostgreSQL statement: usually one engine statement, sometimes a
 * few that must run first ({@code before}: their results are discarded), as when a
 * data-modifying {@code WITH} query is materialised before the statement that reads it.
 *
 * @param before engine statements run first, in order, for their effect only
 * @param main the engine statement whose result and row count are the statement's; empty when
 *     the {@code before} statements are all there is (a PostgreSQL statement the engine answers
 *     with nothing but checks, such as {@code ALTER TABLE t SET (fillfactor = 70)})
 */
public record EngineStatement(List<String> before, String main) {

    /** Copies the list. */
    public EngineStatement {
        before = List.copyOf(before);
    }

    /**
     * @param sql one engine statement
     * @return it, alone
     */
    public static EngineStatement of(String sql) {
        return new EngineStatement(List.of(), sql);
    }

    /** @return whether there are statements to run before the main one */
    public boolean hasBefore() {
        return !before.isEmpty();
    }

    /** @return whether there is a main statement */
    public boolean hasMain() {
        return !main.isEmpty();
    }

    /** @return every statement, in the order they run */
    public List<String> all() {
        List<String> all = new ArrayList<>(before);
        if (hasMain()) {
            all.add(main);
        }
        return all;
    }

    /** @return the statements as one script, separated by semicolons */
    @Override
    public String toString() {
        return String.join(";\n", all());
    }
}
