package org.elephas.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of schema creations, drops and renames in the engine: sessions map
 * {@code search_path} to the schemas that exist, and map it again when this moves.
 */
public final class SchemaChanges {
    private static final AtomicLong GENERATION = new AtomicLong();

    private SchemaChanges() {
    }

    /** A statement created, dropped or renamed a schema. */
    public static void changed() {
        GENERATION.incrementAndGet();
    }

    /** @return the current generation */
    public static long generation() {
        return GENERATION.get();
    }

    /**
     * @param commandTag a statement's command tag
     * @return whether the statement can change the set of schemas
     */
    public static boolean affects(String commandTag) {
        return commandTag.equals("CREATE SCHEMA") || commandTag.equals("DROP SCHEMA") || commandTag.equals("ALTER SCHEMA");
    }
}
