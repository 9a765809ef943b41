package org.elephas.extension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.osgi.framework.Bundle;

/**
 * An extension's SQL side, read from its bundle without starting it: the control file and the
 * scripts. {@code sql/NAME--V.sql} installs version V; {@code sql/NAME--A--B.sql} updates A to B.
 * A version can be installed through an installation script of an older version followed by
 * update scripts, as PostgreSQL does when no direct script exists.
 */
public final class ExtensionBundle {
    /** The folder of a bundle that holds its scripts. */
    static final String SCRIPT_FOLDER = "sql";

    private final String name;
    private final Bundle bundle;
    private final ExtensionControl control;
    private final Map<String, String> installScripts = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> updateScripts = new HashMap<>();

    /**
     * A script to run.
     *
     * @param path its path in the bundle
     * @param fromVersion the version it updates from, or null for an installation script
     * @param toVersion the version it leaves installed
     */
    public record Script(String path, String fromVersion, String toVersion) {
    }

    private ExtensionBundle(String name, Bundle bundle, ExtensionControl control) {
        this.name = name;
        this.bundle = bundle;
        this.control = control;
    }

    /**
     * @param name the extension's name
     * @param bundle its bundle (installed; it need not be started)
     * @return its SQL side
     * @throws PgException 0A000 {@code extension "x" is not available} when the bundle has neither
     *     a control file nor a script
     */
    public static ExtensionBundle of(String name, Bundle bundle) {
        URL controlFile = bundle.getEntry(name + ".control");
        ExtensionControl control = controlFile == null ? ExtensionControl.defaults(name)
                : ExtensionControl.parse(name, read(controlFile), bundle.getLocation() + "!/" + name + ".control");
        ExtensionBundle b = new ExtensionBundle(name, bundle, control);
        b.findScripts();
        if (controlFile == null && b.installScripts.isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + name + "\" is not available")
                    .withDetail("Its bundle " + bundle.getSymbolicName() + " has neither \"" + name
                            + ".control\" nor any \"" + SCRIPT_FOLDER + "/" + name + "--VERSION.sql\" script.")
                    .withHint("The extension's bundle must carry its SQL scripts to be created with CREATE EXTENSION.");
        }
        return b;
    }

    private void findScripts() {
        Enumeration<URL> entries = bundle.findEntries(SCRIPT_FOLDER, name + "--*.sql", false);
        List<URL> urls = entries == null ? List.of() : Collections.list(entries);
        String prefix = name + "--";
        for (URL url : urls) {
            String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            String versions = file.substring(prefix.length(), file.length() - ".sql".length());
            String[] parts = versions.split("--", -1);
            String path = SCRIPT_FOLDER + "/" + file;
            if (parts.length == 1 && !parts[0].isEmpty()) {
                installScripts.put(parts[0], path);
            } else if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                updateScripts.computeIfAbsent(parts[0], k -> new HashMap<>()).put(parts[1], path);
            }
        }
    }

    /** @return the extension's name */
    public String name() {
        return name;
    }

    /** @return its control file, or the defaults */
    public ExtensionControl control() {
        return control;
    }

    /** @return the bundle */
    public Bundle bundle() {
        return bundle;
    }

    /**
     * @return {@code default_version}, or without one the highest version among the installation
     *     scripts; null when there is none
     */
    public String defaultVersion() {
        if (control.defaultVersion() != null) {
            return control.defaultVersion();
        }
        return installScripts.keySet().stream().max(Versions::compare).orElse(null);
    }

    /**
     * The scripts that install a version: its own installation script, or else the shortest
     * chain of update scripts from another version's installation script.
     *
     * @param version the version to install
     * @return the scripts, in order
     * @throws PgException 22023 when there is no way
     */
    public List<Script> installPath(String version) {
        if (installScripts.containsKey(version)) {
            return List.of(new Script(installScripts.get(version), null, version));
        }
        List<Script> best = null;
        for (Map.Entry<String, String> start : installScripts.entrySet()) {
            Optional<List<Script>> updates = shortestUpdatePath(start.getKey(), version);
            if (updates.isPresent() && (best == null || updates.get().size() + 1 < best.size())) {
                best = new ArrayList<>();
                best.add(new Script(start.getValue(), null, start.getKey()));
                best.addAll(updates.get());
            }
        }
        if (best == null) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "extension \"" + name
                    + "\" has no installation script nor update path for version \"" + version + "\"");
        }
        return best;
    }

    /**
     * @param from the installed version
     * @param to the version wanted
     * @return the update scripts, in order
     * @throws PgException 22023 when there is no path
     */
    public List<Script> updatePath(String from, String to) {
        return shortestUpdatePath(from, to).orElseThrow(() -> PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                "extension \"" + name + "\" has no update path from version \"" + from + "\" to version \"" + to + "\""));
    }

    /** Breadth first over the update scripts: the path with fewest steps. */
    private Optional<List<Script>> shortestUpdatePath(String from, String to) {
        Map<String, Script> reachedBy = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        reachedBy.put(from, null);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            if (v.equals(to) && !v.equals(from)) {
                List<Script> path = new ArrayList<>();
                for (String at = to; reachedBy.get(at) != null; at = reachedBy.get(at).fromVersion()) {
                    path.add(0, reachedBy.get(at));
                }
                return Optional.of(path);
            }
            for (Map.Entry<String, String> next : updateScripts.getOrDefault(v, Map.of()).entrySet()) {
                if (!reachedBy.containsKey(next.getKey())) {
                    reachedBy.put(next.getKey(), new Script(next.getValue(), v, next.getKey()));
                    queue.add(next.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param script a script of this bundle
     * @return its text
     */
    public String read(Script script) {
        URL url = bundle.getEntry(script.path());
        if (url == null) {
            throw PgException.error(SqlState.UNDEFINED_FILE, "could not open extension script \"" + script.path()
                    + "\" in bundle " + bundle.getSymbolicName());
        }
        return read(url);
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PgException.error(SqlState.UNDEFINED_FILE, "could not read \"" + url + "\": " + e.getMessage());
        }
    }
}
