package org.elephas.function;

import static org.elephas.sql.Identifiers.quote;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.catalog.Catalog;
import org.elephas.engine.EngineErrors;
import org.elephas.library.ExtensionLibrary;
import org.osgi.framework.BundleEvent;

/**
 * The Java functions of every database: their catalog entries (table {@code java_functions} in
 * the cluster catalog, PostgreSQL's {@code pg_proc} for C functions), the engine aliases that
 * make them callable, and the calls themselves.
 *
 * <p>Calls go to {@link FunctionTargets}, which finds the bundle methods.
 */
public final class JavaFunctions {
    private static volatile JavaFunctions current;

    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS java_functions (oid INT PRIMARY KEY, database_oid INT NOT NULL,
              schema_name VARCHAR NOT NULL, name VARCHAR NOT NULL, arg_types VARCHAR ARRAY NOT NULL,
              defaults VARCHAR ARRAY NOT NULL, return_type VARCHAR NOT NULL, strict BOOLEAN NOT NULL,
              library VARCHAR NOT NULL, symbol VARCHAR, result_columns VARCHAR ARRAY DEFAULT ARRAY[] NOT NULL,
              UNIQUE (database_oid, schema_name, name))""";
    /**
     * Added for set-returning functions: catalogs made before have no such column. (A new table
     * has it from the start: adding a column makes the engine copy the table, 24 ms of a first boot.)
     */
    private static final String RESULT_COLUMNS = """
            ALTER TABLE java_functions ADD COLUMN IF NOT EXISTS result_columns VARCHAR ARRAY DEFAULT ARRAY[] NOT NULL""";
    private static final String COLUMNS = "oid, database_oid, schema_name, name, arg_types, defaults, return_type, strict,"
            + " library, symbol, result_columns";

    private final Catalog catalog;
    private final Map<Integer, JavaFunction> byOid = new ConcurrentHashMap<>();
    private final FunctionTargets targets;
    private final Map<Integer, Class<?>> wrappers = new ConcurrentHashMap<>();

    private JavaFunctions(Catalog catalog, ExtensionLibrary library) {
        this.catalog = catalog;
        this.targets = new FunctionTargets(library);
    }

    /**
     * Open the registry: create its catalog table if needed and make it the one the engine's
     * calls reach.
     *
     * @param catalog the cluster catalog
     * @param library where extension bundles are loaded from
     * @return the registry
     */
    public static JavaFunctions open(Catalog catalog, ExtensionLibrary library) {
        catalog.ensureTables("java_functions", List.of(TABLE, RESULT_COLUMNS));
        JavaFunctions functions = new JavaFunctions(catalog, library);
        FunctionClassFactory.ensureRegistered();
        current = functions;
        return functions;
    }

    /** Stop answering the engine's calls (shutdown). */
    public void close() {
        if (current == this) {
            current = null;
        }
    }

    /** @return the running host's registry, or null */
    static JavaFunctions current() {
        return current;
    }

    // ---- catalog ----

    /**
     * @param oid a function OID
     * @return the function, or null
     */
    public JavaFunction function(int oid) {
        JavaFunction f = byOid.get(oid);
        if (f != null) {
            return f;
        }
        List<JavaFunction> found = select("oid = ?", oid);
        if (found.isEmpty()) {
            return null;
        }
        byOid.put(oid, found.get(0));
        return found.get(0);
    }

    /**
     * @param databaseOid a database
     * @param schema a schema
     * @param name a function name
     * @return the Java function of that name
     */
    public Optional<JavaFunction> find(int databaseOid, String schema, String name) {
        return select("database_oid = ? AND schema_name = ? AND name = ?", databaseOid, schema, name).stream().findFirst();
    }

    /**
     * @param databaseOid a database
     * @return its Java functions
     */
    public List<JavaFunction> functions(int databaseOid) {
        return select("database_oid = ?", databaseOid);
    }

    private List<JavaFunction> select(String where, Object... args) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM java_functions WHERE " + where
                    + " ORDER BY oid")) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<JavaFunction> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<SqlType> types = new ArrayList<>();
                        for (String t : strings(rs.getArray(5))) {
                            types.add(SqlType.of(t));
                        }
                        List<JavaFunction.ResultColumn> resultColumns = new ArrayList<>();
                        for (String column : strings(rs.getArray(11))) {
                            resultColumns.add(JavaFunction.ResultColumn.parse(column));
                        }
                        out.add(new JavaFunction(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), types,
                                strings(rs.getArray(6)), SqlType.of(rs.getString(7)), rs.getBoolean(8),
                                rs.getString(9), rs.getString(10), resultColumns));
                    }
                }
                return out;
            }
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add((String) o);
        }
        return out;
    }

    /**
     * {@code CREATE [OR REPLACE] FUNCTION ... LANGUAGE java}: check that the bundle has the method
     * (loading the bundle, as PostgreSQL's validator loads the library), record the function and
     * create its engine alias.
     *
     * @param engine the session's engine connection
     * @param definition the function; its OID is ignored
     * @param replace OR REPLACE
     * @param immutable whether it was declared IMMUTABLE (the engine may then fold calls)
     * @return the function with its OID
     * @throws PgException PostgreSQL's errors for an existing function or a missing method
     */
    public JavaFunction create(Connection engine, JavaFunction definition, boolean replace, boolean immutable) {
        Optional<JavaFunction> existing = find(definition.databaseOid(), definition.schema(), definition.name());
        if (existing.isPresent() && !aliasExists(engine, definition.schema(), definition.name())) {
            // Dropped behind the catalog's back (DROP SCHEMA ... CASCADE in the engine): forget it.
            deleteRow(existing.get().oid());
            existing = Optional.empty();
        }
        int oid;
        if (existing.isPresent()) {
            JavaFunction old = existing.get();
            if (!old.argTypes().equals(definition.argTypes())) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "function \"" + definition.name() + "\" already exists with different argument types")
                        .withDetail("Functions cannot be overloaded by argument types in Elephas.");
            }
            if (!replace) {
                throw PgException.error(SqlState.DUPLICATE_FUNCTION,
                        "function \"" + definition.name() + "\" already exists with same argument types");
            }
            if (!old.returnType().equals(definition.returnType())) {
                throw PgException.error(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing function")
                        .withHint("Use DROP FUNCTION " + old.signature() + " first.");
            }
            oid = old.oid();
        } else {
            if (aliasExists(engine, definition.schema(), definition.name())) {
                throw PgException.error(SqlState.DUPLICATE_FUNCTION,
                        "function \"" + definition.name() + "\" already exists with same argument types");
            }
            oid = catalog.newOid();
        }
        boolean replacing = existing.isPresent();
        JavaFunction f = new JavaFunction(oid, definition.databaseOid(), definition.schema(), definition.name(),
                definition.argTypes(), definition.defaults(), definition.returnType(), definition.strict(),
                definition.library(), definition.symbol(), definition.resultColumns());
        targets.validate(f);
        forget(oid);
        catalog.change(c -> {
            if (replacing) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM java_functions WHERE oid = ?")) {
                    ps.setInt(1, oid);
                    ps.executeUpdate();
                }
            }
            insert(c, f);
        });
        byOid.put(oid, f);
        try (Statement s = engine.createStatement()) {
            if (replacing) {
                s.execute("DROP ALIAS IF EXISTS " + quote(f.schema()) + "." + quote(f.name()));
            }
            s.execute("CREATE ALIAS " + quote(f.schema()) + "." + quote(f.name()) + (immutable ? " DETERMINISTIC" : "")
                    + " FOR '" + FunctionWrappers.className(oid) + "." + FunctionWrappers.METHOD + "'");
        } catch (SQLException e) {
            deleteRow(oid);
            throw EngineErrors.translate(e);
        }
        return f;
    }

    /**
     * Drop a Java function: its engine alias and its catalog entry.
     *
     * @param engine the session's engine connection
     * @param f the function
     */
    public void drop(Connection engine, JavaFunction f) {
        try (Statement s = engine.createStatement()) {
            s.execute("DROP ALIAS IF EXISTS " + quote(f.schema()) + "." + quote(f.name()));
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        deleteRow(f.oid());
    }

    /**
     * Forget the catalog entries of a database that is gone.
     *
     * @param databaseOid the database
     */
    public void dropDatabase(int databaseOid) {
        for (JavaFunction f : functions(databaseOid)) {
            deleteRow(f.oid());
        }
    }

    private void deleteRow(int oid) {
        catalog.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM java_functions WHERE oid = ?")) {
                ps.setInt(1, oid);
                ps.executeUpdate();
            }
        });
        forget(oid);
    }

    private void forget(int oid) {
        byOid.remove(oid);
        targets.forget(oid);
        wrappers.remove(oid);
    }

    private static void insert(Connection c, JavaFunction f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO java_functions (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, f.oid());
            ps.setInt(2, f.databaseOid());
            ps.setString(3, f.schema());
            ps.setString(4, f.name());
            ps.setArray(5, c.createArrayOf("VARCHAR", f.argTypes().stream().map(SqlType::name).toArray()));
            ps.setArray(6, c.createArrayOf("VARCHAR", f.defaults().toArray()));
            ps.setString(7, f.returnType().name());
            ps.setBoolean(8, f.strict());
            ps.setString(9, f.library());
            ps.setString(10, f.symbol());
            ps.setArray(11, c.createArrayOf("VARCHAR", f.resultColumns().stream().map(Object::toString).toArray()));
            ps.executeUpdate();
        }
    }

    private static boolean aliasExists(Connection engine, String schema, String name) {
        try (PreparedStatement ps = engine.prepareStatement(
                "SELECT 1 FROM information_schema.routines WHERE routine_schema = ? AND routine_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    // ---- engine classes ----

    /**
     * @param oid a function OID
     * @return the class the engine calls for it, or null when there is no such function
     */
    Class<?> wrapperClass(int oid) {
        Class<?> c = wrappers.get(oid);
        if (c != null) {
            return c;
        }
        JavaFunction f = function(oid);
        if (f == null) {
            return null;
        }
        c = FunctionWrappers.define(f);
        Class<?> raced = wrappers.putIfAbsent(oid, c);
        return raced != null ? raced : c;
    }

    // ---- calls ----

    /**
     * Call a function for the engine.
     *
     * @param oid the function
     * @param given the arguments the call gave
     * @return the result as the declared return type's Java class
     * @throws Throwable what the function throws
     */
    Object call(int oid, Object[] given) throws Throwable {
        JavaFunction f = function(oid);
        if (f == null) {
            throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function with OID " + Integer.toUnsignedString(oid)
                    + " does not exist");
        }
        return targets.call(f, given);
    }

    /**
     * Call a set-returning function for the engine. The engine first asks for the result's
     * columns alone (on a connection whose URL is {@code jdbc:columnlist:connection}, while it
     * prepares the statement): that is answered from the declaration, without a call.
     *
     * @param oid the function
     * @param connection the connection the engine passes to table functions
     * @param given the arguments the call gave
     * @return the rows
     * @throws Throwable what the function throws
     */
    ResultSet callSet(int oid, Connection connection, Object[] given) throws Throwable {
        JavaFunction f = function(oid);
        if (f == null) {
            throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function with OID " + Integer.toUnsignedString(oid)
                    + " does not exist");
        }
        if (SetResults.COLUMN_LIST_URL.equals(connection.getMetaData().getURL())) {
            return SetResults.empty(f);
        }
        return SetResults.of(f, targets.call(f, given));
    }

    /**
     * Forget the call targets in a bundle that stopped, was updated or went away.
     *
     * @param event a bundle event
     */
    public void bundleChanged(BundleEvent event) {
        targets.bundleChanged(event);
    }
}
