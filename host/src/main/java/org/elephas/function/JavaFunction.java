package org.elephas.function;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Java function's catalog entry (PostgreSQL's {@code pg_proc} row for a C function).
 *
 * @param oid its OID
 * @param databaseOid the database it is defined in
 * @param schema its schema
 * @param name its name
 * @param argTypes its parameter types
 * @param defaults default expressions of the last {@code defaults.size()} parameters
 * @param returnType its result type
 * @param strict STRICT: called only when no argument is NULL, else the result is NULL
 * @param library the extension whose bundle implements it ({@code obj_file})
 * @param symbol {@code fully.qualified.Class.method}, or null for the method named like the
 *     function in the bundle's activator class ({@code link_symbol})
 * @param resultColumns the columns of {@code RETURNS TABLE (...)}; empty for a function that
 *     returns one value (then {@code returnType} is that value's type)
 */
public record JavaFunction(int oid, int databaseOid, String schema, String name, List<SqlType> argTypes,
        List<String> defaults, SqlType returnType, boolean strict, String library, String symbol,
        List<ResultColumn> resultColumns) {

    /**
     * One column of a set-returning function's result.
     *
     * @param name the column's name
     * @param type its type
     */
    public record ResultColumn(String name, SqlType type) {
        /** @return {@code name type}, as the catalog stores it */
        @Override
        public String toString() {
            return name + " " + type.name();
        }

        /**
         * @param stored {@code name type}, as {@link #toString()} wrote it
         * @return the column
         */
        public static ResultColumn parse(String stored) {
            int space = stored.indexOf(' ');
            return new ResultColumn(stored.substring(0, space), SqlType.of(stored.substring(space + 1)));
        }
    }

    /** Copies the lists. */
    public JavaFunction {
        argTypes = List.copyOf(argTypes);
        defaults = List.copyOf(defaults);
        resultColumns = List.copyOf(resultColumns);
    }

    /**
     * A function that returns one value.
     *
     * @param oid its OID
     * @param databaseOid the database it is defined in
     * @param schema its schema
     * @param name its name
     * @param argTypes its parameter types
     * @param defaults default expressions of the last parameters
     * @param returnType its result type
     * @param strict STRICT
     * @param library the extension whose bundle implements it
     * @param symbol the method, or null
     */
    public JavaFunction(int oid, int databaseOid, String schema, String name, List<SqlType> argTypes,
            List<String> defaults, SqlType returnType, boolean strict, String library, String symbol) {
        this(oid, databaseOid, schema, name, argTypes, defaults, returnType, strict, library, symbol, List.of());
    }

    /** @return whether it returns a set of rows ({@code RETURNS TABLE}) */
    public boolean returnsSet() {
        return !resultColumns.isEmpty();
    }

    /** @return {@code name(type, ...)} as PostgreSQL's messages print a function */
    public String signature() {
        return name + argTypes.stream().map(SqlType::displayName).collect(Collectors.joining(",", "(", ")"));
    }
}
