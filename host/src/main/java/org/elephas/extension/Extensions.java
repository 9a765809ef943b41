package org.elephas.extension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.ExtensionInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.engine.EngineErrors;
import org.elephas.library.ExtensionLibrary;
import org.elephas.session.Session;
import org.elephas.sql.Identifiers;

/**
 * {@code CREATE EXTENSION}, {@code ALTER EXTENSION ... UPDATE} and {@code DROP EXTENSION} in
 * the calling session's database, after PostgreSQL's {@code extension.c}:
 *
 * <ol>
 * <li>The extension's bundle is installed (not started) and its control file and scripts read.
 * <li>The version (given, else {@code default_version}, else the highest installation script)
 *     and the scripts that reach it are chosen; the schema is the control file's, else the one
 *     given, else the current one.
 * <li>Required extensions must be installed, or are created first with CASCADE.
 * <li>Only superusers may create an extension, unless its control file says
 *     {@code superuser = false}, or {@code trusted = true} and the role has CREATE on the database.
 * <li>The catalog row goes in, then the scripts run through the pipeline one nesting level down
 *     (ProcessUtility context SUBCOMMAND), with {@code @extschema@} and {@code MODULE_PATHNAME}
 *     replaced and the target schema current. The objects they create become the extension's
 *     members. If a script fails, its objects are dropped again and the row removed: the engine
 *     commits each DDL statement, so this stands in for PostgreSQL's transactional DDL.
 * </ol>
 *
 * Extension commands of all sessions run one at a time.
 */
public final class Extensions {
    private static final Pattern ECHO_LINE = Pattern.compile("(?m)^\\\\echo.*$");

    private final Catalog catalog;
    private final ExtensionLibrary library;
    private final ExtensionObjects objects;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param catalog the cluster catalog
     * @param library where bundles are found
     * @param objects extension members
     */
    public Extensions(Catalog catalog, ExtensionLibrary library, ExtensionObjects objects) {
        this.catalog = catalog;
        this.library = library;
        this.objects = objects;
    }

    /** @return the members store */
    public ExtensionObjects objects() {
        return objects;
    }

    /**
     * @param databaseOid a database
     * @param name an extension name
     * @return the installed extension
     */
    public Optional<ExtensionInfo> installed(int databaseOid, String name) {
        return catalog.extensions(databaseOid).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    // ---- CREATE EXTENSION ----

    /**
     * @param session the calling session
     * @param name the extension
     * @param schemaName {@code SCHEMA}, or null
     * @param version {@code VERSION}, or null
     * @param cascade {@code CASCADE}
     * @param ifNotExists {@code IF NOT EXISTS}
     */
    public void create(Session session, String name, String schemaName, String version, boolean cascade,
            boolean ifNotExists) {
        lock.lock();
        try {
            if (installed(session.database().oid(), name).isPresent()) {
                if (ifNotExists) {
                    session.notice(LogLevel.NOTICE, SqlState.DUPLICATE_OBJECT,
                            "extension \"" + name + "\" already exists, skipping");
                    return;
                }
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
            }
            createInternal(session, name, schemaName, version, cascade, new ArrayList<>());
        } finally {
            lock.unlock();
        }
    }

    private ExtensionInfo createInternal(Session session, String name, String schemaName, String version,
            boolean cascade, List<String> parents) {
        DatabaseInfo db = session.database();
        ExtensionBundle bundle = bundle(name);
        ExtensionControl control = bundle.control();
        String target = version != null ? version : bundle.defaultVersion();
        if (target == null) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "version to install must be specified");
        }
        List<ExtensionBundle.Script> scripts = bundle.installPath(target);
        Connection engine = session.connection();
        String schema = schema(engine, name, control, schemaName, cascade && !parents.isEmpty());
        List<Integer> required = new ArrayList<>();
        for (String r : control.requires()) {
            required.add(required(session, r, name, schemaName, cascade, parents).oid());
        }
        RoleInfo role = catalog.role(session.role().oid()).orElse(session.role());
        checkMayCreate(role, db, control, name);
        int oid = catalog.newOid();
        ExtensionInfo info = new ExtensionInfo(oid, db.oid(), name, target, role.oid(), schema);
        catalog.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO extensions (oid, database_oid, name, version,"
                    + " owner, schema_name) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, oid);
                ps.setInt(2, db.oid());
                ps.setString(3, name);
                ps.setString(4, target);
                ps.setInt(5, role.oid());
                ps.setString(6, schema);
                ps.executeUpdate();
            }
        });
        Set<ExtensionMember> before = objects.list(engine);
        try {
            for (ExtensionBundle.Script script : scripts) {
                runScript(session, bundle, script, schema);
            }
        } catch (RuntimeException e) {
            undo(session, before, oid);
            throw e;
        }
        Set<ExtensionMember> created = new LinkedHashSet<>(objects.list(engine));
        created.removeAll(before);
        objects.record(oid, created, required);
        return info;
    }

    private ExtensionBundle bundle(String name) {
        try {
            return ExtensionBundle.of(name, library.install(name));
        } catch (PgException e) {
            if (!SqlState.UNDEFINED_FILE.equals(e.sqlState())) {
                throw e;
            }
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + name + "\" is not available")
                    .withDetail("Could not find a bundle with \"" + ExtensionLibrary.EXTENSION_HEADER + ": " + name
                            + "\" in \"" + library.directory() + "\".")
                    .withHint("The extension must first be installed on the system where Elephas is running.");
        }
    }

    /** The schema the extension goes into; the control file's is created if missing. */
    private static String schema(Connection engine, String name, ExtensionControl control, String given,
            boolean cascaded) {
        try {
            if (control.schema() != null) {
                if (given != null && !given.equals(control.schema()) && !cascaded) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "extension \"" + name + "\" must be installed in schema \"" + control.schema() + "\"");
                }
                if (!schemaExists(engine, control.schema())) {
                    try (Statement s = engine.createStatement()) {
                        s.execute("CREATE SCHEMA " + Identifiers.quote(control.schema()));
                    }
                }
                return control.schema();
            }
            if (given != null) {
                if (!schemaExists(engine, given)) {
                    throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + given + "\" does not exist");
                }
                return given;
            }
            return engine.getSchema();
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    private static boolean schemaExists(Connection engine, String schema) throws SQLException {
        try (PreparedStatement ps = engine.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code get_required_extension}. */
    private ExtensionInfo required(Session session, String required, String requiredBy, String schemaName,
            boolean cascade, List<String> parents) {
        Optional<ExtensionInfo> found = installed(session.database().oid(), required);
        if (found.isPresent()) {
            return found.get();
        }
        if (!cascade) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "required extension \"" + required + "\" is not installed")
                    .withHint("Use CREATE EXTENSION ... CASCADE to install required extensions too.");
        }
        if (parents.contains(required) || required.equals(requiredBy)) {
            throw PgException.error(SqlState.INVALID_RECURSION,
                    "cyclic dependency detected between extensions \"" + required + "\" and \"" + requiredBy + "\"");
        }
        session.notice(LogLevel.NOTICE, SqlState.SUCCESSFUL_COMPLETION, "installing required extension \"" + required + "\"");
        List<String> chain = new ArrayList<>(parents);
        chain.add(requiredBy);
        return createInternal(session, required, schemaName, null, true, chain);
    }

    private void checkMayCreate(RoleInfo role, DatabaseInfo db, ExtensionControl control, String name) {
        if (role.superuser() || !control.superuser()) {
            return;
        }
        if (!control.trusted()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create extension \"" + name + "\"")
                    .withHint("Must be superuser to create this extension.");
        }
        if (!catalog.hasDatabasePrivilege(role, db, 'C')) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create extension \"" + name + "\"")
                    .withHint("Must have CREATE privilege on current database to create this extension.");
        }
    }

    /** {@code execute_extension_script}. */
    private static void runScript(Session session, ExtensionBundle bundle, ExtensionBundle.Script script, String schema) {
        String sql = ECHO_LINE.matcher(bundle.read(script)).replaceAll("");
        sql = sql.replace("@extschema@", Identifiers.quoteIfNeeded(schema));
        String modulePathname = bundle.control().modulePathname();
        sql = sql.replace("MODULE_PATHNAME", modulePathname != null ? modulePathname : bundle.name());
        Connection engine = session.connection();
        String previous;
        try {
            previous = engine.getSchema();
            engine.setSchema(schema);
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        try {
            session.runNested(sql, List.of(), ProcessUtilityContext.SUBCOMMAND, DestReceiver.NONE);
        } finally {
            try {
                engine.setSchema(previous);
            } catch (SQLException e) {
                // The schema it was in is gone: the session stays where it is.
            }
        }
    }

    /** A script failed: drop what it created so far and forget the extension. */
    private void undo(Session session, Set<ExtensionMember> before, int oid) {
        try {
            List<ExtensionMember> created = new ArrayList<>(objects.list(session.connection()));
            created.removeAll(before);
            objects.dropObjects(session.connection(), session.database().oid(), created);
        } catch (RuntimeException cleanup) {
            // The script's own error is what the client needs to see.
        } finally {
            deleteRows(oid);
        }
    }

    private void deleteRows(int oid) {
        catalog.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM extensions WHERE oid = ?")) {
                ps.setInt(1, oid);
                ps.executeUpdate();
            }
            ExtensionObjects.forget(c, oid);
        });
    }

    // ---- ALTER EXTENSION ... UPDATE ----

    /**
     * @param session the calling session
     * @param name the extension
     * @param version {@code TO version}, or null for the default version
     */
    public void update(Session session, String name, String version) {
        lock.lock();
        try {
            ExtensionInfo ext = installed(session.database().oid(), name).orElseThrow(() -> doesNotExist(name));
            checkOwner(session, ext);
            ExtensionBundle bundle = bundle(name);
            String target = version != null ? version : bundle.defaultVersion();
            if (target == null) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "version to install must be specified");
            }
            if (target.equals(ext.version())) {
                session.notice(LogLevel.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "version \"" + target + "\" of extension \"" + name + "\" is already installed");
                return;
            }
            List<ExtensionBundle.Script> scripts = bundle.updatePath(ext.version(), target);
            Connection engine = session.connection();
            Set<ExtensionMember> before = objects.list(engine);
            String reached = ext.version();
            try {
                for (ExtensionBundle.Script script : scripts) {
                    runScript(session, bundle, script, ext.schema());
                    reached = script.toVersion();
                }
            } finally {
                // Scripts that ran are committed (engine DDL): record where the extension got to.
                Set<ExtensionMember> now = objects.list(engine);
                Set<ExtensionMember> created = new LinkedHashSet<>(now);
                created.removeAll(before);
                objects.record(ext.oid(), created, List.of());
                objects.prune(ext.oid(), now);
                String at = reached;
                catalog.change(c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE extensions SET version = ? WHERE oid = ?")) {
                        ps.setString(1, at);
                        ps.setInt(2, ext.oid());
                        ps.executeUpdate();
                    }
                });
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- DROP EXTENSION ----

    /**
     * @param session the calling session
     * @param names the extensions
     * @param ifExists {@code IF EXISTS}
     * @param cascade {@code CASCADE}
     */
    public void drop(Session session, List<String> names, boolean ifExists, boolean cascade) {
        lock.lock();
        try {
            int db = session.database().oid();
            List<ExtensionInfo> targets = new ArrayList<>();
            for (String name : names) {
                Optional<ExtensionInfo> ext = installed(db, name);
                if (ext.isEmpty()) {
                    if (!ifExists) {
                        throw doesNotExist(name);
                    }
                    session.notice(LogLevel.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "extension \"" + name + "\" does not exist, skipping");
                } else if (!targets.contains(ext.get())) {
                    checkOwner(session, ext.get());
                    targets.add(ext.get());
                }
            }
            List<ExtensionInfo> dependents = dependents(db, targets);
            List<ExtensionMember> members = new ArrayList<>();
            for (ExtensionInfo e : targets) {
                members.addAll(objects.members(e.oid()));
            }
            for (ExtensionInfo e : dependents) {
                members.addAll(objects.members(e.oid()));
            }
            List<ExtensionObjects.Dependent> external = objects.externalDependents(session.connection(), members);
            // PostgreSQL's reportDependentObjects: what would go too, as "X depends on Y".
            List<String> objectsToo = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (ExtensionObjects.Dependent d : external) {
                objectsToo.add(d.object());
                lines.add(d.object() + " depends on " + d.dependsOn());
            }
            List<ExtensionInfo> involved = new ArrayList<>(targets);
            involved.addAll(dependents);
            for (ExtensionInfo d : dependents) {
                objectsToo.add("extension " + d.name());
                for (int r : objects.requires(d.oid())) {
                    for (ExtensionInfo t : involved) {
                        if (t.oid() == r) {
                            lines.add("extension " + d.name() + " depends on extension " + t.name());
                        }
                    }
                }
            }
            if (!objectsToo.isEmpty()) {
                if (!cascade) {
                    throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop extension "
                            + targets.get(0).name() + " because other objects depend on it")
                            .withDetail(String.join("\n", lines))
                            .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
                }
                session.notice(LogLevel.NOTICE, SqlState.SUCCESSFUL_COMPLETION, objectsToo.size() == 1
                        ? "drop cascades to " + objectsToo.get(0)
                        : "drop cascades to " + objectsToo.size() + " other objects");
            }
            // Dependents before what they require; each in reverse order of creation.
            List<ExtensionInfo> order = new ArrayList<>(dependents);
            order.sort((a, b) -> Integer.compare(b.oid(), a.oid()));
            List<ExtensionInfo> rest = new ArrayList<>(targets);
            rest.sort((a, b) -> Integer.compare(b.oid(), a.oid()));
            order.addAll(rest);
            for (ExtensionInfo ext : order) {
                objects.dropObjects(session.connection(), db, objects.members(ext.oid()));
                deleteRows(ext.oid());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Installed extensions that require any of {@code targets}, directly or not, not themselves targets. */
    private List<ExtensionInfo> dependents(int db, List<ExtensionInfo> targets) {
        List<ExtensionInfo> found = new ArrayList<>();
        Set<Integer> closed = new LinkedHashSet<>();
        targets.forEach(t -> closed.add(t.oid()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ExtensionInfo e : catalog.extensions(db)) {
                if (!closed.contains(e.oid()) && objects.requires(e.oid()).stream().anyMatch(closed::contains)) {
                    closed.add(e.oid());
                    found.add(e);
                    grew = true;
                }
            }
        }
        return found;
    }

    private void checkOwner(Session session, ExtensionInfo ext) {
        RoleInfo role = catalog.role(session.role().oid()).orElse(session.role());
        if (!role.superuser() && role.oid() != ext.ownerOid()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of extension " + ext.name());
        }
    }

    private static PgException doesNotExist(String name) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
    }

    /**
     * {@code LOAD}: load an extension's bundle into the server, running its {@code _PG_init} unless
     * it is loaded already. Only superusers: PostgreSQL lets others load only from
     * {@code $libdir/plugins}, which has no counterpart here.
     *
     * @param session the calling session
     * @param file the name given, an extension name ({@code $libdir/} is ignored)
     */
    public void load(Session session, String file) {
        RoleInfo role = catalog.role(session.role().oid()).orElse(session.role());
        String name = file.startsWith("$libdir/") ? file.substring("$libdir/".length()) : file;
        if (!role.superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "access to library \"" + file + "\" is not allowed");
        }
        library.load(name);
    }
}
