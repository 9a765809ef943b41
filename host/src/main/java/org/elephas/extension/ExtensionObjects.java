package org.elephas.extension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.elephas.catalog.Catalog;
import org.elephas.engine.EngineErrors;
import org.elephas.function.JavaFunction;
import org.elephas.function.JavaFunctions;
import org.elephas.sql.Identifiers;

/**
 * Which objects belong to which extension, and which extensions require which: catalog tables
 * {@code extension_members} and {@code extension_requires}, PostgreSQL's {@code pg_depend}
 * entries of types 'e' (member of) and 'n' between extensions.
 *
 * <p>An extension's members are the engine objects its script created: the host lists the
 * database's schemas, tables, views, sequences and functions before the script and after it.
 * Extension commands run one at a time; DDL another session runs meanwhile in the same database
 * would be counted too.
 */
public final class ExtensionObjects {
    private static final List<String> TABLES = List.of("""
            CREATE TABLE IF NOT EXISTS extension_members (extension_oid INT NOT NULL, kind VARCHAR NOT NULL,
              schema_name VARCHAR NOT NULL, name VARCHAR NOT NULL, PRIMARY KEY (extension_oid, kind, schema_name, name))""", """
            CREATE TABLE IF NOT EXISTS extension_requires (extension_oid INT NOT NULL, required_oid INT NOT NULL,
              PRIMARY KEY (extension_oid, required_oid))""");
    private static final String LIST = """
            SELECT 'schema', schema_name, schema_name FROM information_schema.schemata
            UNION ALL SELECT CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END, table_schema, table_name
              FROM information_schema.tables WHERE table_type IN ('BASE TABLE', 'VIEW', 'TABLE')
            UNION ALL SELECT 'sequence', sequence_schema, sequence_name FROM information_schema.sequences
            UNION ALL SELECT 'function', routine_schema, routine_name FROM information_schema.routines""";
    private static final String FOREIGN_KEYS = """
            SELECT tc.table_schema, tc.table_name, tc.constraint_name, uc.table_schema, uc.table_name
              FROM information_schema.referential_constraints rc
              JOIN information_schema.table_constraints tc
                ON tc.constraint_schema = rc.constraint_schema AND tc.constraint_name = rc.constraint_name
              JOIN information_schema.table_constraints uc
                ON uc.constraint_schema = rc.unique_constraint_schema AND uc.constraint_name = rc.unique_constraint_name""";
    /** Drop order: what may depend on something comes before it. */
    private static final List<String> DROP_ORDER = List.of("view", "function", "table", "sequence", "schema");

    private final Catalog catalog;
    private final JavaFunctions functions;

    /**
     * @param catalog the cluster catalog (its tables are created here if needed)
     * @param functions the Java functions, dropped with their catalog entries
     */
    public ExtensionObjects(Catalog catalog, JavaFunctions functions) {
        this.catalog = catalog;
        this.functions = functions;
        catalog.ensureTables("extension_objects", TABLES);
        catalog.addDatabaseDropListener(this::databaseDropped);
    }

    /** A dropped database takes its extensions' member and requirement rows and Java functions with it. */
    private void databaseDropped(int databaseOid, List<Integer> extensionOids) {
        catalog.change(c -> {
            for (int oid : extensionOids) {
                forget(c, oid);
            }
        });
        functions.dropDatabase(databaseOid);
    }

    /**
     * @param engine a connection to the database
     * @return the objects in it now
     */
    public Set<ExtensionMember> list(Connection engine) {
        Set<ExtensionMember> out = new LinkedHashSet<>();
        try (Statement s = engine.createStatement(); ResultSet rs = s.executeQuery(LIST)) {
            while (rs.next()) {
                out.add(new ExtensionMember(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        return out;
    }

    /**
     * @param extensionOid an extension
     * @return its members
     */
    public List<ExtensionMember> members(int extensionOid) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, schema_name, name FROM extension_members WHERE extension_oid = ?")) {
                ps.setInt(1, extensionOid);
                List<ExtensionMember> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ExtensionMember(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * @param extensionOids the extensions of a database
     * @param member an object
     * @return the extension it belongs to, if any
     */
    public Optional<Integer> owner(List<Integer> extensionOids, ExtensionMember member) {
        if (extensionOids.isEmpty()) {
            return Optional.empty();
        }
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT extension_oid FROM extension_members"
                    + " WHERE kind = ? AND schema_name = ? AND name = ?")) {
                ps.setString(1, member.kind());
                ps.setString(2, member.schema());
                ps.setString(3, member.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (extensionOids.contains(rs.getInt(1))) {
                            return Optional.of(rs.getInt(1));
                        }
                    }
                }
                return Optional.empty();
            }
        });
    }

    /**
     * @param extensionOid an extension
     * @return the extensions it requires
     */
    public List<Integer> requires(int extensionOid) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT required_oid FROM extension_requires WHERE extension_oid = ?")) {
                ps.setInt(1, extensionOid);
                List<Integer> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Record members and requirements of an extension.
     *
     * @param extensionOid the extension
     * @param members objects its script created
     * @param requiredOids extensions it requires
     */
    public void record(int extensionOid, Set<ExtensionMember> members, List<Integer> requiredOids) {
        catalog.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO extension_members KEY (extension_oid, kind,"
                    + " schema_name, name) VALUES (?, ?, ?, ?)")) {
                for (ExtensionMember m : members) {
                    ps.setInt(1, extensionOid);
                    ps.setString(2, m.kind());
                    ps.setString(3, m.schema());
                    ps.setString(4, m.name());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO extension_requires KEY (extension_oid, required_oid) VALUES (?, ?)")) {
                for (int r : requiredOids) {
                    ps.setInt(1, extensionOid);
                    ps.setInt(2, r);
                    ps.executeUpdate();
                }
            }
        });
    }

    /**
     * Forget members that no longer exist (an update script dropped them).
     *
     * @param extensionOid the extension
     * @param existing the objects that exist now
     */
    public void prune(int extensionOid, Set<ExtensionMember> existing) {
        List<ExtensionMember> gone = members(extensionOid).stream().filter(m -> !existing.contains(m)).toList();
        if (gone.isEmpty()) {
            return;
        }
        catalog.change(c -> deleteMembers(c, extensionOid, gone));
    }

    /**
     * An object outside the extensions being dropped that depends on one of their members.
     *
     * @param object what it is, e.g. {@code view v}
     * @param dependsOn what it depends on, e.g. {@code table t}
     */
    public record Dependent(String object, String dependsOn) {
    }

    /**
     * Objects that are not among {@code members} but depend on one of them: views that read a
     * member table or view, foreign keys that reference a member table. The engine writes view
     * definitions with fully qualified, quoted names, which is what is looked for.
     *
     * @param engine a connection to the database
     * @param members the members about to be dropped
     * @return the dependents
     */
    public List<Dependent> externalDependents(Connection engine, Collection<ExtensionMember> members) {
        List<Dependent> out = new ArrayList<>();
        try (Statement s = engine.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name, view_definition FROM information_schema.views"
                    + " WHERE table_schema <> 'information_schema'")) {
                while (rs.next()) {
                    if (members.contains(new ExtensionMember("view", rs.getString(1), rs.getString(2)))) {
                        continue;
                    }
                    String definition = rs.getString(3) == null ? "" : rs.getString(3);
                    for (ExtensionMember m : members) {
                        if ((m.kind().equals("table") || m.kind().equals("view"))
                                && definition.contains(Identifiers.quote(m.schema()) + "." + Identifiers.quote(m.name()))) {
                            out.add(new Dependent("view " + rs.getString(2), m.kind() + " " + m.name()));
                            break;
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery(FOREIGN_KEYS)) {
                while (rs.next()) {
                    ExtensionMember referenced = new ExtensionMember("table", rs.getString(4), rs.getString(5));
                    if (members.contains(referenced)
                            && !members.contains(new ExtensionMember("table", rs.getString(1), rs.getString(2)))) {
                        out.add(new Dependent("constraint " + rs.getString(3) + " on table " + rs.getString(2),
                                "table " + referenced.name()));
                    }
                }
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        return out;
    }

    /**
     * Drop objects from the engine, dependents first; Java functions lose their catalog entry.
     * Dependent objects that are not members (see {@link #externalDependents}) go with them.
     *
     * @param engine a connection to the database
     * @param databaseOid the database
     * @param objects the objects
     */
    public void dropObjects(Connection engine, int databaseOid, List<ExtensionMember> objects) {
        List<ExtensionMember> ordered = new ArrayList<>(objects);
        ordered.sort(Comparator.comparingInt(m -> DROP_ORDER.indexOf(m.kind())));
        try (Statement s = engine.createStatement()) {
            for (ExtensionMember m : ordered) {
                String qualified = Identifiers.quote(m.schema()) + "." + Identifiers.quote(m.name());
                switch (m.kind()) {
                    case "view" -> s.execute("DROP VIEW IF EXISTS " + qualified + " CASCADE");
                    case "table" -> s.execute("DROP TABLE IF EXISTS " + qualified + " CASCADE");
                    case "sequence" -> s.execute("DROP SEQUENCE IF EXISTS " + qualified);
                    case "schema" -> s.execute("DROP SCHEMA IF EXISTS " + Identifiers.quote(m.name()) + " CASCADE");
                    case "function" -> {
                        Optional<JavaFunction> f = functions.find(databaseOid, m.schema(), m.name());
                        if (f.isPresent()) {
                            functions.drop(engine, f.get());
                        } else {
                            s.execute("DROP ALIAS IF EXISTS " + qualified);
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * Forget an extension's members and requirements.
     *
     * @param c the catalog connection, inside a change
     * @param extensionOid the extension
     * @throws SQLException from the driver
     */
    static void forget(Connection c, int extensionOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM extension_members WHERE extension_oid = ?")) {
            ps.setInt(1, extensionOid);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM extension_requires WHERE extension_oid = ?")) {
            ps.setInt(1, extensionOid);
            ps.executeUpdate();
        }
    }

    private static void deleteMembers(Connection c, int extensionOid, List<ExtensionMember> gone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM extension_members WHERE extension_oid = ?"
                + " AND kind = ? AND schema_name = ? AND name = ?")) {
            for (ExtensionMember m : gone) {
                ps.setInt(1, extensionOid);
                ps.setString(2, m.kind());
                ps.setString(3, m.schema());
                ps.setString(4, m.name());
                ps.executeUpdate();
            }
        }
    }
}
