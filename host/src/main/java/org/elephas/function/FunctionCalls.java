package org.elephas.function;

import java.sql.Connection;
import java.sql.ResultSet;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * The one entry the generated function classes call ({@link FunctionWrappers}): public because
 * they live in other class loaders; not for anything else.
 */
public final class FunctionCalls {
    private FunctionCalls() {
    }

    /**
     * Call a Java function for the engine, on the calling session's thread.
     *
     * @param oid the function
     * @param args the arguments the call gave (trailing defaults missing)
     * @return the result, as the declared return type's Java class
     * @throws Throwable whatever the function throws (the engine reports it)
     */
    public static Object call(int oid, Object[] args) throws Throwable {
        JavaFunctions functions = JavaFunctions.current();
        if (functions == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "the server is not running");
        }
        return functions.call(oid, args);
    }

    /**
     * Call a set-returning Java function ({@code RETURNS TABLE}) for the engine.
     *
     * @param oid the function
     * @param connection the connection the engine passes to table functions
     * @param args the arguments the call gave (trailing defaults missing)
     * @return the rows
     * @throws Throwable whatever the function throws (the engine reports it)
     */
    public static ResultSet callSet(int oid, Connection connection, Object[] args) throws Throwable {
        JavaFunctions functions = JavaFunctions.current();
        if (functions == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "the server is not running");
        }
        return functions.callSet(oid, connection, args);
    }
}
