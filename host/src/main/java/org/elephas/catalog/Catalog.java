package org.elephas.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.engine.DdlFingerprint;
import org.elephas.engine.EngineErrors;
import org.h2.api.ErrorCode;
import org.h2.engine.Constants;

/**
 * The cluster-wide catalog (PostgreSQL's shared catalogs): databases, roles, database
 * privileges, and the extensions installed in each database.
 *
 * <p>Stored in its own H2 database, {@code DATADIR/global/catalog}, written through on every
 * change (one JDBC transaction per change, under this object's lock) and mirrored in an
 * immutable in-memory snapshot that readers use without locking. A new catalog is bootstrapped
 * like {@code initdb}: the superuser {@code postgres} (OID 10), the databases
 * {@code template1} (1), {@code template0} (4, not accepting connections) and {@code postgres}
 * (5), each granting CONNECT and TEMPORARY to PUBLIC.
 */
public final class Catalog implements AutoCloseable {
    /** The bootstrap superuser's OID, as in PostgreSQL. */
    public static final int BOOTSTRAP_SUPERUSER_OID = 10;
    /** The bootstrap superuser's name. */
    public static final String BOOTSTRAP_SUPERUSER = "postgres";
    /** {@code template1}'s OID. */
    public static final int TEMPLATE1_OID = 1;
    /** {@code template0}'s OID. */
    public static final int TEMPLATE0_OID = 4;
    /** {@code postgres}'s OID. */
    public static final int POSTGRES_OID = 5;
    /** The grantee OID that means PUBLIC. */
    public static final int PUBLIC = 0;
    /** OIDs of objects created after bootstrap start here ({@code FirstNormalObjectId}). */
    static final int FIRST_NORMAL_OID = 16384;

    /** The catalog's own tables (as {@link #ensureTables} records them: owner {@value #OWNER}). */
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE IF NOT EXISTS roles (oid INT PRIMARY KEY, name VARCHAR NOT NULL UNIQUE,
              superuser BOOLEAN NOT NULL, createdb BOOLEAN NOT NULL, createrole BOOLEAN NOT NULL,
              canlogin BOOLEAN NOT NULL, password VARCHAR, connlimit INT NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS databases (oid INT PRIMARY KEY, name VARCHAR NOT NULL UNIQUE,
              owner INT NOT NULL, allowconn BOOLEAN NOT NULL, istemplate BOOLEAN NOT NULL, connlimit INT NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS database_privileges (database_oid INT NOT NULL, grantee INT NOT NULL,
              privilege CHAR(1) NOT NULL, PRIMARY KEY (database_oid, grantee, privilege))""", """
            CREATE TABLE IF NOT EXISTS extensions (oid INT PRIMARY KEY, database_oid INT NOT NULL,
              name VARCHAR NOT NULL, version VARCHAR NOT NULL, owner INT NOT NULL, schema_name VARCHAR NOT NULL,
              UNIQUE (database_oid, name))""",
            "CREATE SEQUENCE IF NOT EXISTS oids START WITH 16384");
    private static final String OWNER = "catalog";
    /** Which definitions of each owner's tables the catalog holds, by fingerprint. */
    private static final String TABLE_VERSIONS =
            "CREATE TABLE IF NOT EXISTS table_versions (owner VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL)";

    private final Connection connection;
    private final List<DatabaseDropListener> dropListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Integer, ReadWriteLock> databaseLocks = new ConcurrentHashMap<>();
    /** Owner: the fingerprint of its table definitions the catalog holds. Guarded by this. */
    private final Map<String, String> tableVersions = new HashMap<>();
    private volatile Snapshot snapshot;

    /** What readers see: immutable. */
    record Snapshot(Map<String, DatabaseInfo> databasesByName, Map<Integer, DatabaseInfo> databasesByOid,
            Map<String, RoleInfo> rolesByName, Map<Integer, RoleInfo> rolesByOid,
            Map<Integer, List<Privilege>> privilegesByDatabase, Map<Integer, List<ExtensionInfo>> extensionsByDatabase) {
    }

    /**
     * One granted database privilege.
     *
     * @param grantee the role, or {@link #PUBLIC}
     * @param privilege {@code C} CREATE, {@code c} CONNECT, {@code T} TEMPORARY
     */
    public record Privilege(int grantee, char privilege) {
    }

    private Catalog(Connection connection) {
        this.connection = connection;
    }

    /**
     * Open the catalog, creating and bootstrapping it when it does not exist yet.
     *
     * @param globalDirectory {@code DATADIR/global}
     * @return the open catalog
     */
    public static Catalog open(Path globalDirectory) {
        try {
            Files.createDirectories(globalDirectory);
            boolean existed = Files.exists(globalDirectory.resolve("catalog" + Constants.SUFFIX_MV_FILE));
            Properties props = new Properties();
            props.setProperty("user", "sa");
            props.setProperty("password", "");
            Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + globalDirectory.resolve("catalog").toAbsolutePath()
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", props);
            Catalog catalog = new Catalog(c);
            catalog.readTableVersions(existed);
            catalog.ensureTables(OWNER, SCHEMA, Catalog::bootstrapIfEmpty);
            catalog.refresh();
            return catalog;
        } catch (java.io.IOException e) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "could not create catalog directory: " + e.getMessage());
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * The fingerprints recorded by {@link #ensureTables}. A catalog made before they were
     * recorded has no such table: every owner's definitions then run once more.
     */
    private synchronized void readTableVersions(boolean existed) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (existed) {
                try (ResultSet rs = s.executeQuery("SELECT owner, fingerprint FROM table_versions")) {
                    while (rs.next()) {
                        tableVersions.put(rs.getString(1), rs.getString(2));
                    }
                    return;
                } catch (SQLException e) {
                    int code = e.getErrorCode();
                    if (code != ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1 && code != ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2
                            && code != ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1) {
                        throw e;
                    }
                }
            }
            s.execute(TABLE_VERSIONS);
        }
    }

    /**
     * Create or upgrade catalog tables that a part of the host keeps. The definitions are
     * idempotent ({@code CREATE TABLE IF NOT EXISTS}, {@code ADD COLUMN IF NOT EXISTS}); they run
     * only when the catalog does not record these exact ones for that owner, so that a boot does
     * not send a cold engine DDL it ran before.
     *
     * @param owner who keeps the tables (one record each)
     * @param statements the definitions, in order
     */
    public void ensureTables(String owner, List<String> statements) {
        try {
            ensureTables(owner, statements, c -> { });
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** ... then {@code then} (such as bootstrap rows) before the fingerprint is recorded. */
    private synchronized void ensureTables(String owner, List<String> statements, Change then) throws SQLException {
        String fingerprint = DdlFingerprint.of(statements);
        if (fingerprint.equals(tableVersions.get(owner))) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String ddl : statements) {
                s.execute(ddl);
            }
        }
        then.apply(connection);
        // Recorded last: after a crash in between, the next open runs them again.
        try (PreparedStatement p = connection.prepareStatement("MERGE INTO table_versions KEY (owner) VALUES (?, ?)")) {
            p.setString(1, owner);
            p.setString(2, fingerprint);
            p.executeUpdate();
        }
        tableVersions.put(owner, fingerprint);
    }

    /** initdb's rows, in a catalog that has no roles yet. */
    private static void bootstrapIfEmpty(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM roles")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            s.execute("INSERT INTO roles VALUES (" + BOOTSTRAP_SUPERUSER_OID + ", '" + BOOTSTRAP_SUPERUSER
                    + "', TRUE, TRUE, TRUE, TRUE, NULL, -1)");
            s.execute("INSERT INTO databases VALUES (" + TEMPLATE1_OID + ", 'template1', 10, TRUE, TRUE, -1), ("
                    + TEMPLATE0_OID + ", 'template0', 10, FALSE, TRUE, -1), (" + POSTGRES_OID + ", 'postgres', 10, TRUE, FALSE, -1)");
            for (int db : new int[] {TEMPLATE1_OID, TEMPLATE0_OID, POSTGRES_OID}) {
                s.execute("INSERT INTO database_privileges VALUES (" + db + ", 0, 'c'), (" + db + ", 0, 'T')");
            }
        }
    }

    /** Re-read everything into a new snapshot. Called under the lock after each change. */
    synchronized void refresh() throws SQLException {
        Map<String, DatabaseInfo> dbByName = new HashMap<>();
        Map<Integer, DatabaseInfo> dbByOid = new HashMap<>();
        Map<String, RoleInfo> roleByName = new HashMap<>();
        Map<Integer, RoleInfo> roleByOid = new HashMap<>();
        Map<Integer, List<Privilege>> privileges = new HashMap<>();
        Map<Integer, List<ExtensionInfo>> extensions = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT oid, name, owner, allowconn, istemplate, connlimit FROM databases")) {
                while (rs.next()) {
                    DatabaseInfo d = new DatabaseInfo(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getInt(6));
                    dbByName.put(d.name(), d);
                    dbByOid.put(d.oid(), d);
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT oid, name, superuser, createdb, createrole, canlogin, password, connlimit FROM roles")) {
                while (rs.next()) {
                    RoleInfo r = new RoleInfo(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8));
                    roleByName.put(r.name(), r);
                    roleByOid.put(r.oid(), r);
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT database_oid, grantee, privilege FROM database_privileges ORDER BY database_oid, grantee")) {
                while (rs.next()) {
                    privileges.computeIfAbsent(rs.getInt(1), k -> new java.util.ArrayList<>())
                            .add(new Privilege(rs.getInt(2), rs.getString(3).charAt(0)));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT oid, database_oid, name, version, owner, schema_name FROM extensions ORDER BY oid")) {
                while (rs.next()) {
                    extensions.computeIfAbsent(rs.getInt(2), k -> new java.util.ArrayList<>()).add(new ExtensionInfo(
                            rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)));
                }
            }
        }
        privileges.replaceAll((k, v) -> List.copyOf(v));
        extensions.replaceAll((k, v) -> List.copyOf(v));
        snapshot = new Snapshot(Map.copyOf(dbByName), Map.copyOf(dbByOid), Map.copyOf(roleByName),
                Map.copyOf(roleByOid), Map.copyOf(privileges), Map.copyOf(extensions));
    }

    // ---- reads (lock-free) ----

    /**
     * @param name a database name
     * @return the database
     */
    public Optional<DatabaseInfo> database(String name) {
        return Optional.ofNullable(snapshot.databasesByName().get(name));
    }

    /**
     * @param oid a database OID
     * @return the database
     */
    public Optional<DatabaseInfo> database(int oid) {
        return Optional.ofNullable(snapshot.databasesByOid().get(oid));
    }

    /** @return every database */
    public Collection<DatabaseInfo> databases() {
        return snapshot.databasesByOid().values();
    }

    /**
     * @param name a role name
     * @return the role
     */
    public Optional<RoleInfo> role(String name) {
        return Optional.ofNullable(snapshot.rolesByName().get(name));
    }

    /**
     * @param oid a role OID
     * @return the role
     */
    public Optional<RoleInfo> role(int oid) {
        return Optional.ofNullable(snapshot.rolesByOid().get(oid));
    }

    /** @return every role */
    public Collection<RoleInfo> roles() {
        return snapshot.rolesByOid().values();
    }

    /**
     * @param databaseOid a database
     * @return the privileges granted on it
     */
    public List<Privilege> privileges(int databaseOid) {
        return snapshot.privilegesByDatabase().getOrDefault(databaseOid, List.of());
    }

    /**
     * PostgreSQL's {@code has_database_privilege}: superusers and the owner have every
     * privilege; others need a grant to them or to PUBLIC.
     *
     * @param role the role
     * @param database the database
     * @param privilege {@code C}, {@code c} or {@code T}
     * @return whether the role has it
     */
    public boolean hasDatabasePrivilege(RoleInfo role, DatabaseInfo database, char privilege) {
        if (role.superuser() || role.oid() == database.ownerOid()) {
            return true;
        }
        for (Privilege p : privileges(database.oid())) {
            if (p.privilege() == privilege && (p.grantee() == PUBLIC || p.grantee() == role.oid())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param databaseOid a database
     * @return the extensions installed in it, in creation order
     */
    public List<ExtensionInfo> extensions(int databaseOid) {
        return snapshot.extensionsByDatabase().getOrDefault(databaseOid, List.of());
    }

    /**
     * The lock on a database as an object (PostgreSQL's lock on its {@code pg_database} row):
     * connecting holds it shared while it checks the database and becomes visible in the
     * ProcArray; CREATE DATABASE (on its template), ALTER DATABASE RENAME and DROP DATABASE
     * hold it exclusively while they make sure nobody is connected and act.
     *
     * @param databaseOid a database
     * @return its lock
     */
    public ReadWriteLock databaseLock(int databaseOid) {
        return databaseLocks.computeIfAbsent(databaseOid, oid -> new ReentrantReadWriteLock());
    }

    // ---- writes ----

    /**
     * Run a change in one catalog transaction, then refresh the snapshot.
     *
     * @param change the JDBC work
     */
    public synchronized void change(Change change) {
        try {
            connection.setAutoCommit(false);
            try {
                change.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            refresh();
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * Be told when a database has been dropped, to forget what other catalog tables keep of it
     * (extension members, Java functions).
     *
     * @param listener called after a database's own rows are deleted
     */
    public void addDatabaseDropListener(DatabaseDropListener listener) {
        dropListeners.add(listener);
    }

    /**
     * A database's rows are gone: tell the listeners.
     *
     * @param databaseOid the dropped database
     * @param extensionOids the extensions that were installed in it
     */
    public void databaseDropped(int databaseOid, List<Integer> extensionOids) {
        for (DatabaseDropListener l : dropListeners) {
            l.dropped(databaseOid, extensionOids);
        }
    }

    /** Forgets what another catalog table keeps of a dropped database. */
    @FunctionalInterface
    public interface DatabaseDropListener {
        /**
         * @param databaseOid the dropped database
         * @param extensionOids the extensions that were installed in it
         */
        void dropped(int databaseOid, List<Integer> extensionOids);
    }

    /**
     * @return a new OID from the cluster-wide counter
     */
    public synchronized int newOid() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT NEXT VALUE FOR oids");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * Read tables that other components keep in the catalog database (they create them with
     * {@link #ensureTables} and write them with {@link #change}), under the catalog's lock.
     *
     * @param <T> what the read returns
     * @param read the JDBC work; it must not write
     * @return its result
     */
    public synchronized <T> T read(Read<T> read) {
        try {
            return read.apply(connection);
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * One catalog read.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Read<T> {
        /**
         * @param connection the catalog connection
         * @return the result
         * @throws SQLException from the driver
         */
        T apply(Connection connection) throws SQLException;
    }

    /** One catalog change. */
    @FunctionalInterface
    public interface Change {
        /**
         * @param connection the catalog connection, inside a transaction
         * @throws SQLException to roll back
         */
        void apply(Connection connection) throws SQLException;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing at shutdown: nothing left to do.
        }
    }
}
