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
 */
public record JavaFunction(int oid, int databaseOid, String schema, String name, List<SqlType> argTypes,
        List<String> defaults, SqlType returnType, boolean strict, String library, String symbol) {

    /** Copies the lists. */
    public JavaFunction {
        argTypes = List.copyOf(argTypes);
        defaults = List.copyOf(defaults);
    }

    /** @return {@code name(type, ...)} as PostgreSQL's messages print a function */
    public String signature() {
        return name + argTypes.stream().map(SqlType::displayName).collect(Collectors.joining(",", "(", ")"));
    }
}
