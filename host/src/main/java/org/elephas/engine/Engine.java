package org.elephas.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * The embedded H2 engine. Each Elephas database is an H2 database in {@code DATADIR/base/OID/};
 * every session gets its own JDBC connection to it. The engine keeps one connection per open
 * database so that the database stays open between sessions (opening an H2 file costs
 * milliseconds, a connection to an open one microseconds).
 *
 * <p>Results stream: {@code LAZY_QUERY_EXECUTION} makes H2 produce a query's rows as they are
 * fetched instead of materialising the result first, so the executor's row-at-a-time receiver
 * is fed straight from the engine.
 *
 * <p>Durability: {@code WRITE_DELAY=0} writes each commit to the file at once, so committed
 * data survives the death of the JVM (not of the machine: H2 does not fsync per commit; see
 * docs/sql.md).
 */
public final class Engine implements AutoCloseable {
    /**
     * H2 settings that make it speak PostgreSQL's dialect as far as it can: identifiers fold to
     * lower case, NULLs sort last ascending, and words PostgreSQL allows as column names are not
     * key words.
     */
    static final String DIALECT_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";NON_KEYWORDS=VALUE,KEY,USER,YEAR,MONTH,DAY,HOUR,MINUTE,SECOND,ROW,ROWNUM,TOP,LIMIT,MINUS"
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE";

    /** The file of an H2 database in its directory. */
    public static final String DATABASE_FILE = "elephas.mv.db";
    private static final String DATABASE_NAME = "elephas";

    private final Path baseDirectory;
    private final Path seed;
    private final org.h2.Driver driver = new org.h2.Driver();
    private final Map<Integer, Connection> keepers = new ConcurrentHashMap<>();
    private final List<DatabaseInitializer> initializers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Sets up a database's host objects (functions, views) each time the engine opens it. */
    @FunctionalInterface
    public interface DatabaseInitializer {
        /**
         * @param connection a connection to the database just opened
         * @throws SQLException when a statement fails
         */
        void initialize(Connection connection) throws SQLException;
    }

    /** @param baseDirectory {@code DATADIR/base} */
    public Engine(Path baseDirectory) {
        this(baseDirectory, null);
    }

    /**
     * @param baseDirectory {@code DATADIR/base}
     * @param seed an engine file a new database starts from instead of an empty one (the
     *     distribution's, holding the system objects, so that they are not created statement
     *     by statement at a data directory's first boot); {@code null} or a missing file for none
     */
    public Engine(Path baseDirectory, Path seed) {
        this.baseDirectory = baseDirectory;
        this.seed = seed;
    }

    /**
     * @param initializer run on every database the engine opens, from now on
     */
    public void addInitializer(DatabaseInitializer initializer) {
        initializers.add(initializer);
    }

    /**
     * A new connection to a database, opening it first if needed. The connection is in
     * auto-commit mode.
     *
     * @param databaseOid the database
     * @return a connection the caller closes
     * @throws PgException when the engine cannot open it
     */
    public Connection connect(int databaseOid) {
        if (closed) {
            throw PgException.fatal(SqlState.ADMIN_SHUTDOWN, "the database system is shutting down");
        }
        keepers.computeIfAbsent(databaseOid, this::open);
        try {
            return rawConnect(databaseOid);
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * Create the files of a new, empty database.
     *
     * @param databaseOid its OID
     */
    public void createDatabase(int databaseOid) {
        openDatabase(databaseOid);
    }

    /**
     * Open a database now rather than at its first connection (opening replays its definitions,
     * which takes tens of milliseconds). Connections that arrive meanwhile wait for this open.
     * An open that ends after {@link #close()} closes the database again.
     *
     * @param databaseOid the database
     * @throws PgException when the engine cannot open it
     */
    public void openDatabase(int databaseOid) {
        keepers.computeIfAbsent(databaseOid, this::open);
        if (closed) {
            closeKeeper(databaseOid);
        }
    }

    /**
     * Create a new database as a copy of another (CREATE DATABASE ... TEMPLATE): H2's online
     * {@code BACKUP}, a transactionally consistent copy of the template's file, unpacked as
     * the new database's file. Only committed data is copied. The caller has made sure no
     * other session is connected to the template.
     *
     * @param templateOid the database to copy
     * @param databaseOid the new database's OID (its directory must not exist)
     */
    public void copyDatabase(int templateOid, int databaseOid) {
        Path target = databaseDirectory(databaseOid);
        Path zip = baseDirectory.resolve(".copy-" + databaseOid + ".zip");
        try {
            if (Files.exists(target)) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "database directory " + target + " already exists");
            }
            Files.deleteIfExists(zip);
            try (Connection c = connect(templateOid); Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            Files.createDirectories(target);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    Path file = target.resolve(e.getName()).normalize();
                    if (!file.startsWith(target) || e.isDirectory()) {
                        continue;
                    }
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                }
            }
        } catch (SQLException e) {
            deleteQuietly(target);
            throw EngineErrors.translate(e);
        } catch (IOException e) {
            deleteQuietly(target);
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not copy database: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException e) {
                // A stale copy is overwritten next time.
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (UncheckedIOException e) {
            // Left for the next attempt to report.
        }
    }

    /**
     * Close a database and delete its files. The caller has made sure nobody is connected.
     *
     * @param databaseOid the database
     */
    public void dropDatabase(int databaseOid) {
        closeKeeper(databaseOid);
        deleteTree(baseDirectory.resolve(Integer.toString(databaseOid)));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove database directory " + dir, e);
        }
    }

    /**
     * @param databaseOid a database
     * @return where its files are
     */
    public Path databaseDirectory(int databaseOid) {
        return baseDirectory.resolve(Integer.toString(databaseOid));
    }

    private Connection open(int databaseOid) {
        try {
            Path directory = Files.createDirectories(databaseDirectory(databaseOid));
            boolean seeded = plantSeed(directory);
            Connection keeper;
            try {
                keeper = rawConnect(databaseOid);
            } catch (SQLException e) {
                if (!seeded) {
                    throw e;
                }
                // A seed this engine cannot open (damaged, or of another engine version): start
                // from an empty database, as without one.
                Files.deleteIfExists(directory.resolve(DATABASE_FILE));
                keeper = rawConnect(databaseOid);
            }
            for (DatabaseInitializer init : initializers) {
                init.initialize(keeper);
            }
            return keeper;
        } catch (IOException e) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "could not create database directory: " + e.getMessage());
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** Copy the seed into a directory that holds no database yet; whether it was. */
    private boolean plantSeed(Path directory) {
        Path file = directory.resolve(DATABASE_FILE);
        if (seed == null || !Files.isRegularFile(seed) || Files.exists(file)) {
            return false;
        }
        try {
            Files.copy(seed, file);
            return true;
        } catch (IOException e) {
            // Without it the database starts empty; a partial copy must not stay behind.
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The open then fails and says why.
            }
            return false;
        }
    }

    private Connection rawConnect(int databaseOid) throws SQLException {
        String url = "jdbc:h2:file:" + databaseDirectory(databaseOid).resolve(DATABASE_NAME).toAbsolutePath()
                + DIALECT_SETTINGS;
        Properties props = new Properties();
        props.setProperty("user", "sa");
        props.setProperty("password", "");
        return driver.connect(url, props);
    }

    private void closeKeeper(int databaseOid) {
        Connection keeper = keepers.remove(databaseOid);
        if (keeper != null) {
            try (Statement s = keeper.createStatement()) {
                // The last connection: SHUTDOWN closes the files even if a session leaked one.
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // Closing anyway below.
            }
            try {
                keeper.close();
            } catch (SQLException e) {
                // Already closed by SHUTDOWN.
            }
        }
    }

    /** Close every database cleanly (fast shutdown, after sessions and workers are gone). */
    @Override
    public void close() {
        closed = true;
        for (Integer oid : List.copyOf(keepers.keySet())) {
            closeKeeper(oid);
        }
    }
}
