package org.elephas.sql;

import java.util.Set;

/**
 * The command tag PostgreSQL reports for a utility statement the engine runs
 * ({@code CREATE TABLE}, {@code DROP INDEX}, {@code ALTER TABLE}, ...), from its key words.
 */
public final class CommandTags {
    /** Words between CREATE and the object type that the tag leaves out. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "temp", "temporary", "unlogged",
            "unique", "global", "local", "cached", "memory", "trusted", "procedural", "recursive", "default", "force",
            "constraint");
    /** Object types written with two words. */
    private static final Set<String> TWO_WORD_OBJECTS = Set.of("materialized", "foreign", "event", "access", "text",
            "operator", "user");

    private CommandTags() {
    }

    /**
     * @param statement a utility statement
     * @return its tag
     */
    public static String of(LexedStatement statement) {
        String first = statement.word(0);
        switch (first) {
            case "create", "drop", "alter" -> {
                int i = 1;
                while (CREATE_MODIFIERS.contains(statement.word(i))) {
                    i++;
                }
                String object = statement.word(i);
                if (TWO_WORD_OBJECTS.contains(object) && !statement.word(i + 1).isEmpty()
                        && !(object.equals("user") && !statement.word(i + 1).equals("mapping"))) {
                    object = object + " " + statement.word(i + 1);
                } else if (object.equals("user") || object.equals("group")) {
                    object = "role"; // CREATE USER and CREATE GROUP report CREATE ROLE, as in PostgreSQL
                }
                return (first + " " + object).toUpperCase(java.util.Locale.ROOT).trim();
            }
            case "truncate" -> {
                return "TRUNCATE TABLE";
            }
            case "start" -> {
                return "START TRANSACTION";
            }
            case "end" -> {
                return "COMMIT";
            }
            case "abort" -> {
                return "ROLLBACK";
            }
            case "" -> {
                return "";
            }
            default -> {
                return first.toUpperCase(java.util.Locale.ROOT);
            }
        }
    }
}
