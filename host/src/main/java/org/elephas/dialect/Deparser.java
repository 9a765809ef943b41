package org.elephas.dialect;

import net.sf.jsqlparser.statement.Statement;

/** Writes a parse tree back as SQL the engine accepts. */
public final class Deparser {
    private Deparser() {
    }

    /**
     * @param tree a parse tree
     * @return its SQL
     */
    public static String deparse(Statement tree) {
        return tree.toString();
    }

    /**
     * @param tree a parse tree, possibly ending in an {@link EngineScript}
     * @return the engine statements it stands for
     */
    public static EngineStatement toEngine(Statement tree) {
        if (tree instanceof EngineScript script) {
            return script.statement();
        }
        return EngineStatement.of(tree.toString());
    }
}
