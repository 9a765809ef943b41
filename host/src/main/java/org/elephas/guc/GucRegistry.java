package org.elephas.guc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.guc.GucAssignHook;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucSource;
import org.elephas.api.guc.GucType;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.host.GucServices;
import org.elephas.log.ServerLog;

/**
 * The parameter registry: PostgreSQL's guc.c for the whole server. It holds the global values
 * (the postmaster's: defaults, configuration files, command line), defines custom parameters,
 * keeps placeholders, reloads the files, and writes ALTER SYSTEM's file.
 *
 * <p>Protocol. Every change happens under this object's lock and ends by publishing a new
 * immutable {@link GucSnapshot} through a volatile field. A backend ({@link GucSession}) keeps the
 * snapshot it last adopted and its own SETs; it adopts the latest one in
 * {@link GucSession#adoptLatest()}, which the host calls when the backend processes a reload
 * (PostgreSQL's {@code ProcessConfigFile} in that process). Definitions, unlike values, take
 * effect in every backend at once, because the code that defines them is shared. Readers never
 * lock: {@link GucVariable#get()} is two volatile reads and an array access.
 *
 * <p>Priority of sources, lowest first: default, configuration file ({@code elephas.conf} then
 * {@code elephas.auto.conf}), command line, host override, then a backend's SET.
 */
public final class GucRegistry implements GucServices {

    /** The global state of one name; guarded by the registry's lock. */
    private static final class Entry {
        Parameter param;
        ConfigEntry file;
        String argv;
        String override;
        Setting current;
        boolean pendingRestart;

        Entry(Parameter param) {
            this.param = param;
        }

        boolean hasStoredValue() {
            return file != null || argv != null || override != null;
        }
    }

    private final ServerLog log;
    private final Supplier<GucSession> callingSession;
    private final BooleanSupplier preloadInProgress;
    private final ConfigFileParser parser;
    private final CustomNames customNames = new CustomNames();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<GucSession> sessions = ConcurrentHashMap.newKeySet();
    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();
    private final Set<String> coreNames = new HashSet<>();
    private volatile GucSnapshot global;
    private long generation;
    private boolean started;
    private Path configFile;
    private Path autoConfFile;
    /** Who is defining a parameter (an extension's bundle id), or null: see {@link #setDefinerLookup}. */
    private volatile Supplier<Object> definer = () -> null;
    /** Names each definer defined and prefixes it reserved, to undo when it unloads. */
    private final Map<Object, Set<String>> definedBy = new HashMap<>();
    private final Map<Object, Set<String>> reservedBy = new HashMap<>();

    /**
     * A registry holding the core parameters at their defaults.
     *
     * @param log the server log: reload messages and warnings go there, and its level follows
     *     {@code log_min_messages}
     * @param callingSession gives the calling thread's backend, or null for "no backend: use the
     *     global values"
     * @param preloadInProgress whether {@code shared_preload_bundles} are being loaded, the only
     *     time {@code POSTMASTER} parameters may be defined
     */
    public GucRegistry(ServerLog log, Supplier<GucSession> callingSession, BooleanSupplier preloadInProgress) {
        this.log = Objects.requireNonNull(log);
        this.callingSession = Objects.requireNonNull(callingSession);
        this.preloadInProgress = Objects.requireNonNull(preloadInProgress);
        this.parser = new ConfigFileParser(log);
        synchronized (this) {
            for (CoreParameters.Core core : CoreParameters.table(log)) {
                Parameter p = new Parameter(core.definition(), false, nextSlot.getAndIncrement(), core.category());
                Entry e = new Entry(p);
                entries.put(p.name(), e);
                coreNames.add(p.name());
                apply(e, Setting.of(core.definition().bootValue(), GucSource.DEFAULT));
            }
            publish();
        }
    }

    // ---------------------------------------------------------------- startup

    /**
     * Load the configuration at server start: the command line first (as the postmaster parses
     * its arguments first), then {@code configFile} (required) and {@code autoConfFile} (optional),
     * whose settings override the main file's. Command-line values keep priority over both.
     *
     * @param configFile {@code DATADIR/elephas.conf}
     * @param autoConfFile {@code DATADIR/elephas.auto.conf}, written by {@link #alterSystem}
     * @param commandLine {@code -c name=value} settings, in order ({@code -} in names reads as {@code _})
     * @throws GucConfigException on an unknown parameter, an invalid value or a syntax error; the
     *     host reports it as FATAL. Nothing is applied then.
     */
    public synchronized void loadAtStartup(Path configFile, Path autoConfFile, Map<String, String> commandLine)
            throws GucConfigException {
        if (started) {
            throw new IllegalStateException("the configuration is loaded already");
        }
        this.configFile = configFile.toAbsolutePath().normalize();
        this.autoConfFile = autoConfFile.toAbsolutePath().normalize();
        Map<String, String> argv = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : commandLine.entrySet()) {
            String name = c.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
            try {
                Entry e = entries.get(name);
                if (e != null && !e.param.placeholder()) {
                    ValueParser.parse(e.param.definition(), c.getValue(), GucSource.ARGV);
                } else {
                    customNames.checkAssignable(name);
                }
            } catch (PgException err) {
                throw new GucConfigException(List.of(err));
            }
            argv.put(name, c.getValue());
        }
        List<PgException> errors = new ArrayList<>();
        Map<String, ConfigEntry> file = readFiles(errors);
        if (!errors.isEmpty()) {
            for (PgException err : errors.subList(1, errors.size())) {
                log.log(LogLevel.LOG, err.getMessage(), err.detail(), err.hint());
            }
            throw new GucConfigException(errors);
        }
        argv.forEach((name, value) -> entryOrPlaceholder(name).argv = value);
        file.forEach((name, item) -> entryOrPlaceholder(name).file = item);
        for (Entry e : entries.values()) {
            apply(e, resolve(e, null));
        }
        started = true;
        generation++;
        publish();
    }

    /**
     * Set a parameter the host itself determines (for example {@code data_directory},
     * {@code config_file}, {@code hba_file}), with source {@code override}, above every other.
     *
     * @param name a core parameter
     * @param value its value
     * @throws PgException when the name is unknown or the value invalid
     */
    public synchronized void setOverride(String name, String value) {
        Entry e = entries.get(name.toLowerCase(Locale.ROOT));
        if (e == null || e.param.placeholder()) {
            throw GucErrors.unrecognized(name);
        }
        ValueParser.parse(e.param.definition(), value, GucSource.OVERRIDE);
        e.override = value;
        apply(e, resolve(e, null));
        publish();
    }

    // ---------------------------------------------------------------- reload

    /**
     * Register a listener told after every {@link #reload()}; the host signals every backend
     * (SIGHUP) from it, and each one calls {@link GucSession#adoptLatest()} when it processes the
     * signal.
     *
     * @param listener the listener
     */
    public void addReloadListener(Runnable listener) {
        reloadListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Re-read the configuration files (SIGHUP, {@code pg_reload_conf()}), PostgreSQL's
     * {@code ProcessConfigFile(PGC_SIGHUP)} in the postmaster. A syntax error, an unknown
     * parameter or an invalid value anywhere means no change at all. Otherwise changed
     * {@code postmaster} parameters are refused (logged, kept, marked pending restart), other
     * changes apply and are logged, and settings removed from the files revert to their defaults.
     * Then the generation advances and the listeners run.
     *
     * @return whether the files were applied (false when they contain errors)
     */
    public boolean reload() {
        boolean applied;
        synchronized (this) {
            if (!started) {
                throw new IllegalStateException("the configuration was never loaded");
            }
            applied = reloadLocked();
            generation++;
            publish();
        }
        refreshSessions();
        for (Runnable listener : reloadListeners) {
            listener.run();
        }
        return applied;
    }

    private boolean reloadLocked() {
        List<PgException> errors = new ArrayList<>();
        Map<String, ConfigEntry> file = readFiles(errors);
        if (!errors.isEmpty()) {
            for (PgException err : errors) {
                log.log(LogLevel.LOG, err.getMessage(), err.detail(), err.hint());
            }
            log.log(LogLevel.LOG, "configuration file \"" + errorFile(errors) + "\" contains errors; no changes were applied");
            return false;
        }
        String errorFile = null;
        // Settings that left the files revert to their defaults (postmaster ones cannot).
        for (Entry e : new ArrayList<>(entries.values())) {
            if (e.file == null || file.containsKey(e.param.name())) {
                continue;
            }
            boolean fromFile = e.current.source() == GucSource.FILE;
            if (fromFile && isFrozen(e.param)) {
                e.pendingRestart = true;
                log.log(LogLevel.LOG, GucErrors.cannotChangeWithoutRestart(e.param.name()).getMessage());
                errorFile = configFile.toString();
                continue;
            }
            e.file = null;
            if (e.param.placeholder() && !e.hasStoredValue()) {
                entries.remove(e.param.name());
                continue;
            }
            apply(e, resolve(e, null));
            if (fromFile) {
                log.log(LogLevel.LOG, "parameter \"" + e.param.name() + "\" removed from configuration file, reset to default");
            }
        }
        for (ConfigEntry item : file.values()) {
            Entry e = entries.get(item.name());
            if (e == null) {
                try {
                    customNames.checkAssignable(item.name());
                } catch (PgException err) {
                    // A stale line under a prefix reserved since: reported, but it blocks nothing.
                    log.log(LogLevel.LOG, err.getMessage(), err.detail(), err.hint());
                    errorFile = item.file();
                    continue;
                }
                e = entryOrPlaceholder(item.name());
            }
            String before = e.current == null ? null : ValueFormat.show(e.param.definition(), e.current.value());
            ConfigEntry previous = e.file;
            e.file = item;
            Setting wanted = resolve(e, null);
            if (isFrozen(e.param)) {
                if (!Objects.equals(wanted.value(), e.current.value())) {
                    e.pendingRestart = true;
                    e.file = previous;
                    log.log(LogLevel.LOG, GucErrors.cannotChangeWithoutRestart(e.param.name()).getMessage());
                    errorFile = item.file();
                } else {
                    e.pendingRestart = false;
                    apply(e, wanted);
                }
                continue;
            }
            apply(e, wanted);
            if (!ValueFormat.show(e.param.definition(), e.current.value()).equals(before)) {
                log.log(LogLevel.LOG, "parameter \"" + item.name() + "\" changed to \"" + item.value() + "\"");
            }
        }
        if (errorFile != null) {
            log.log(LogLevel.LOG, "configuration file \"" + errorFile + "\" contains errors; unaffected changes were applied");
        }
        return true;
    }

    /** The file an error belongs to, for the summary line: PostgreSQL names the top-level file. */
    private String errorFile(List<PgException> errors) {
        for (PgException e : errors) {
            if (e instanceof FileError fe) {
                return fe.file;
            }
        }
        return configFile.toString();
    }

    /** A validation error that remembers the file it was found in. */
    private static final class FileError extends PgException {
        private static final long serialVersionUID = 1L;
        private final String file;

        FileError(PgException e, String file) {
            super(LogLevel.ERROR, e.sqlState(), e.getMessage(), e.detail(), e.hint(), null);
            this.file = file;
        }
    }

    /**
     * Parse both files and validate every setting against the current definitions.
     *
     * @param errors where errors go, in PostgreSQL's words
     * @return the settings by name, each the last one found, in the order of those last ones
     */
    private Map<String, ConfigEntry> readFiles(List<PgException> errors) {
        ConfigFileParser.Result main = parser.parse(configFile, true);
        // A missing auto file is the normal case (no ALTER SYSTEM yet): skipped without a word.
        ConfigFileParser.Result auto = Files.exists(autoConfFile) ? parser.parse(autoConfFile, false)
                : new ConfigFileParser.Result(List.of(), List.of());
        for (PgException e : main.errors()) {
            errors.add(new FileError(e, configFile.toString()));
        }
        for (PgException e : auto.errors()) {
            errors.add(new FileError(e, autoConfFile.toString()));
        }
        Map<String, ConfigEntry> last = new LinkedHashMap<>();
        List<ConfigEntry> all = new ArrayList<>(main.entries());
        all.addAll(auto.entries());
        for (ConfigEntry item : all) {
            last.remove(item.name()); // keeps the position of the last occurrence, as PG applies them
            last.put(item.name(), item);
        }
        for (ConfigEntry item : last.values()) {
            Entry e = entries.get(item.name());
            if (e == null || e.param.placeholder()) {
                if (item.name().indexOf('.') < 0) {
                    errors.add(new FileError(PgException.error(SqlState.UNDEFINED_OBJECT,
                            "unrecognized configuration parameter \"" + item.name() + "\" in file \"" + item.file()
                                    + "\" line " + item.line()), item.file()));
                } else if (!CustomNames.isValid(item.name())) {
                    errors.add(new FileError(GucErrors.invalidName(item.name()).withDetail(
                            CustomNames.NAME_RULE_DETAIL), item.file()));
                }
                continue;
            }
            try {
                if (e.param.context() == GucContext.INTERNAL || e.param.hasFlag(GucFlags.DISALLOW_IN_FILE)) {
                    throw GucErrors.cannotChange(item.name());
                }
                ValueParser.parse(e.param.definition(), item.value(), GucSource.FILE);
            } catch (PgException err) {
                // PostgreSQL's message says nothing of where the value is: the detail does.
                String where = "line " + item.line() + " of configuration file \"" + item.file() + "\"";
                errors.add(new FileError(new PgException(LogLevel.ERROR, err.sqlState(), err.getMessage(),
                        err.detail() == null ? where : err.detail() + " " + where, err.hint(), null), item.file()));
            }
        }
        return last;
    }

    /** @return whether a parameter's running value is fixed after startup */
    private boolean isFrozen(Parameter p) {
        return started && !p.placeholder()
                && (p.context() == GucContext.POSTMASTER || p.context() == GucContext.INTERNAL);
    }

    // ---------------------------------------------------------------- values

    /**
     * The value an entry should have from its stored sources: override, then command line, then
     * file, then the default. With {@code warnings} non-null (a definition replacing a
     * placeholder), invalid stored values are reported as WARNINGs and dropped; otherwise they are
     * known to be valid.
     */
    private Setting resolve(Entry e, List<PgException> warnings) {
        GucDefinition<?> def = e.param.definition();
        if (e.override != null) {
            Object v = parseStored(e, e.override, GucSource.OVERRIDE, warnings);
            if (v != null || warnings == null) {
                return Setting.of(v, GucSource.OVERRIDE);
            }
            e.override = null;
        }
        if (e.argv != null) {
            Object v = parseStored(e, e.argv, GucSource.ARGV, warnings);
            if (v != null || warnings == null) {
                return Setting.of(v, GucSource.ARGV);
            }
            e.argv = null;
        }
        if (e.file != null) {
            Object v = parseStored(e, e.file.value(), GucSource.FILE, warnings);
            if (v != null || warnings == null) {
                return new Setting(v, GucSource.FILE, e.file.file(), e.file.line());
            }
            e.file = null;
        }
        return Setting.of(def.bootValue(), GucSource.DEFAULT);
    }

    private static Object parseStored(Entry e, String text, GucSource source, List<PgException> warnings) {
        if (e.param.placeholder()) {
            return text;
        }
        try {
            return ValueParser.parse(e.param.definition(), text, source);
        } catch (PgException err) {
            if (warnings == null) {
                throw err;
            }
            warnings.add(err);
            return null;
        }
    }

    /** Make a setting current and tell the assign hook when the value changed. */
    private void apply(Entry e, Setting s) {
        Setting old = e.current;
        e.current = s;
        if (old == null || !Objects.equals(old.value(), s.value())) {
            @SuppressWarnings("unchecked")
            GucAssignHook<Object> hook = (GucAssignHook<Object>) e.param.definition().assignHook();
            if (hook != null) {
                hook.assign(s.value());
            }
        }
    }

    private Entry entryOrPlaceholder(String name) {
        return entries.computeIfAbsent(name, n -> new Entry(Parameter.placeholder(n, nextSlot.getAndIncrement())));
    }

    /** Publish the global values as a new snapshot; slots no longer used keep their last value. */
    private void publish() {
        int size = nextSlot.get();
        GucSnapshot old = global;
        Object[] values = new Object[size];
        Setting[] settings = new Setting[size];
        if (old != null) {
            System.arraycopy(old.values, 0, values, 0, old.values.length);
        }
        Map<String, Parameter> params = new HashMap<>();
        Set<String> pending = new HashSet<>();
        for (Entry e : entries.values()) {
            int slot = e.param.slot();
            params.put(e.param.name(), e.param);
            values[slot] = e.current.value();
            settings[slot] = e.current;
            if (e.pendingRestart) {
                pending.add(e.param.name());
            }
        }
        global = new GucSnapshot(generation, params, values, settings, settings, pending);
    }

    /** @return the latest global values */
    GucSnapshot current() {
        return global;
    }

    /** @return how many slots exist: every snapshot array may be this long */
    int slotCount() {
        return nextSlot.get();
    }

    /** Allocate a slot for a placeholder that lives only in one session. */
    Parameter sessionPlaceholder(String name) {
        return Parameter.placeholder(name, nextSlot.getAndIncrement());
    }

    CustomNames customNames() {
        return customNames;
    }

    ServerLog log() {
        return log;
    }

    /**
     * The server-wide value of a parameter, as the postmaster itself acts on it.
     *
     * @param name a defined parameter's name, case-insensitive
     * @return its typed value: Boolean, Integer, Double or String (enum: the lower-case name)
     * @throws IllegalArgumentException when no such parameter is defined
     */
    public Object globalValue(String name) {
        GucSnapshot g = global;
        Parameter p = g.params.get(name.toLowerCase(java.util.Locale.ROOT));
        if (p == null || p.placeholder()) {
            throw new IllegalArgumentException("no parameter \"" + name + "\" is defined");
        }
        return g.values[p.slot()];
    }

    /** @return the reload generation: it advances on every {@link #reload()} */
    public long generation() {
        return global.generation;
    }

    /**
     * The value of a slot in the calling thread's backend: the hot path of
     * {@link GucVariable#get()}.
     */
    Object read(int slot, Object fallback) {
        GucSession s = callingSession.get();
        Object[] v = (s != null ? s.view : global).values;
        if (slot < v.length) {
            return v[slot];
        }
        v = global.values; // defined after that backend's view was made
        return slot < v.length ? v[slot] : fallback;
    }

    // ---------------------------------------------------------------- sessions

    /**
     * Create the parameter state of a new backend (a client session or a background worker),
     * starting from the latest global values. Close it when the backend ends.
     *
     * @param superuser whether the backend's current role is a superuser (consulted on each SET)
     * @return the session
     */
    public GucSession newSession(BooleanSupplier superuser) {
        GucSession s = new GucSession(this, superuser, global);
        sessions.add(s);
        return s;
    }

    void unregister(GucSession s) {
        sessions.remove(s);
    }

    private void refreshSessions() {
        for (GucSession s : sessions) {
            s.definitionsChanged();
        }
    }

    // ---------------------------------------------------------------- custom parameters

    /**
     * {@code DefineCustom*Variable}: define an extension's parameter. A placeholder of the same
     * name hands over its stored values (file, command line, each session's SET), validated: an
     * invalid one is logged as WARNING and the default stays.
     *
     * @throws PgException ERROR {@code invalid configuration parameter name} (42602),
     *     {@code attempt to redefine parameter}; FATAL for {@code GUC_LIST_QUOTE} and for a
     *     {@code POSTMASTER} parameter defined after startup (55P02)
     */
    @Override
    public <T> GucVariable<T> define(GucDefinition<T> definition) {
        String name = definition.name().toLowerCase(Locale.ROOT);
        if (!CustomNames.isValid(name)) {
            throw GucErrors.invalidName(definition.name()).withDetail(CustomNames.NAME_RULE_DETAIL);
        }
        if ((definition.flags() & GucFlags.LIST_QUOTE) != 0) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "extensions cannot define GUC_LIST_QUOTE variables");
        }
        if (definition.context() == GucContext.POSTMASTER && !preloadInProgress.getAsBoolean()) {
            throw PgException.fatal(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "cannot create PGC_POSTMASTER variables after startup");
        }
        GucDefinition<T> def = normalize(definition, name);
        List<PgException> warnings = new ArrayList<>();
        Parameter param;
        synchronized (this) {
            Entry e = entries.get(name);
            if (e != null && !e.param.placeholder()) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "attempt to redefine parameter \"" + name + "\"");
            }
            ValueParser.check(def, def.bootValue(), ValueFormat.show(def, def.bootValue()), GucSource.DEFAULT);
            param = new Parameter(def, false, nextSlot.getAndIncrement(), Parameter.CUSTOM_CATEGORY);
            if (e == null) {
                e = new Entry(param);
                entries.put(name, e);
            } else {
                e.param = param;
                e.current = null;
            }
            Setting s = resolve(e, warnings);
            for (PgException w : warnings) {
                log.log(LogLevel.WARNING, w.getMessage(), w.detail(), w.hint());
            }
            apply(e, s);
            publish();
            Object owner = definer.get();
            if (owner != null) {
                definedBy.computeIfAbsent(owner, o -> new HashSet<>()).add(name);
            }
        }
        refreshSessions();
        return new SlotVariable<>(this, name, param.slot(), def.bootValue());
    }

    /** Lower-case the name and check the shape the type needs, so that reads never fail later. */
    private static <T> GucDefinition<T> normalize(GucDefinition<T> d, String name) {
        if (d.type() == GucType.INT || d.type() == GucType.REAL) {
            if (d.min() == null || d.max() == null) {
                throw new IllegalArgumentException("parameter \"" + name + "\" needs a range");
            }
        }
        if (d.type() == GucType.ENUM && !d.enumValues().contains(d.bootValue())) {
            throw new IllegalArgumentException("parameter \"" + name + "\" has a default that is not one of its values");
        }
        if ((d.type() == GucType.BOOL || d.type() == GucType.INT || d.type() == GucType.REAL) && d.bootValue() == null) {
            throw new IllegalArgumentException("parameter \"" + name + "\" needs a default");
        }
        return new GucDefinition<>(name, d.type(), d.shortDesc(), d.longDesc(), d.bootValue(), d.min(), d.max(),
                d.enumValues(), d.context(), d.flags(), d.unit(), d.checkHook(), d.assignHook());
    }

    /**
     * {@code MarkGUCPrefixReserved}: remove the placeholders under {@code prefix.} (globally and in
     * every session), each with a WARNING, and refuse new ones.
     */
    @Override
    public void markPrefixReserved(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        Set<String> removed = new java.util.TreeSet<>();
        synchronized (this) {
            customNames.reserve(p);
            Object owner = definer.get();
            if (owner != null) {
                reservedBy.computeIfAbsent(owner, o -> new HashSet<>()).add(p);
            }
            for (Entry e : new ArrayList<>(entries.values())) {
                if (e.param.placeholder() && CustomNames.isUnder(e.param.name(), p)) {
                    entries.remove(e.param.name());
                    removed.add(e.param.name());
                }
            }
            for (GucSession s : sessions) {
                removed.addAll(s.placeholderNamesUnder(p));
            }
            for (String name : removed) {
                log.log(LogLevel.WARNING, "invalid configuration parameter name \"" + name + "\", removing it",
                        "\"" + p + "\" is now a reserved prefix.", null);
            }
            publish();
        }
        refreshSessions();
    }

    /**
     * Forget the definitions of an extension whose bundle unloads: each parameter under
     * {@code prefix.} becomes a placeholder again, keeping its stored strings (file, command
     * line, sessions' SETs), and the prefix is no longer reserved. Assign hooks are not called.
     *
     * @param prefix the extension's prefix
     */
    public void undefinePrefix(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        undefine(Set.of(p), name -> CustomNames.isUnder(name, p));
    }

    /**
     * Tell the registry how to find who defines a parameter or reserves a prefix (the host
     * finds the extension bundle on the caller's stack), so that {@link #undefineOwner} can undo
     * exactly what that owner did.
     *
     * @param lookup gives the calling owner, or null when there is none
     */
    public void setDefinerLookup(Supplier<Object> lookup) {
        this.definer = Objects.requireNonNull(lookup);
    }

    /**
     * Forget what an owner (an extension's bundle) defined, as {@link #undefinePrefix} does: its
     * parameters become placeholders again, keeping their stored strings, and the prefixes it
     * reserved are released. The bundle's next {@code _PG_init} (a hot-deploy update) can then
     * define them again without {@code attempt to redefine parameter}.
     *
     * @param owner what the definer lookup returned while the owner defined its parameters
     */
    public void undefineOwner(Object owner) {
        Set<String> names;
        Set<String> prefixes;
        synchronized (this) {
            names = definedBy.remove(owner);
            prefixes = reservedBy.remove(owner);
        }
        if (names == null && prefixes == null) {
            return;
        }
        Set<String> defined = names == null ? Set.of() : names;
        undefine(prefixes == null ? Set.of() : prefixes, defined::contains);
    }

    private void undefine(Set<String> releasedPrefixes, java.util.function.Predicate<String> which) {
        synchronized (this) {
            releasedPrefixes.forEach(customNames::release);
            for (Entry e : new ArrayList<>(entries.values())) {
                if (e.param.placeholder() || coreNames.contains(e.param.name()) || !which.test(e.param.name())) {
                    continue;
                }
                if (!e.hasStoredValue()) {
                    entries.remove(e.param.name());
                    continue;
                }
                e.param = Parameter.placeholder(e.param.name(), nextSlot.getAndIncrement());
                e.pendingRestart = false;
                e.current = resolve(e, null);
            }
            publish();
        }
        refreshSessions();
    }

    /** {@code GetConfigOption}: the value in the calling thread's backend, as SHOW prints it. */
    @Override
    public String show(String name) {
        GucSession s = callingSession.get();
        return s != null ? s.show(name) : global.show(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The rows of {@code pg_settings} in the calling thread's backend (global values when none),
     * sorted by name, without {@code GUC_NO_SHOW_ALL} parameters (placeholders among them).
     *
     * @return the rows
     */
    public List<SettingRow> settings() {
        GucSession s = callingSession.get();
        return SettingRows.of(s != null ? s.view : global, global);
    }

    // ---------------------------------------------------------------- ALTER SYSTEM

    /**
     * {@code ALTER SYSTEM SET name = value} / {@code ALTER SYSTEM RESET name}: rewrite
     * {@code elephas.auto.conf} atomically. Like PostgreSQL, nothing changes in the running
     * server until the next reload. The caller checks that the user is a superuser.
     *
     * @param name the parameter, or {@code all} (or null) with a null value for RESET ALL
     * @param valueOrNullForReset the new value, or null to remove the setting
     * @throws PgException {@code unrecognized configuration parameter} (42704),
     *     {@code parameter "%s" cannot be changed} for internal ones (55P02), an invalid value
     *     (22023), a value with a newline (22023), or an unreadable file
     */
    public synchronized void alterSystem(String name, String valueOrNullForReset) {
        if (autoConfFile == null) {
            throw new IllegalStateException("the configuration was never loaded");
        }
        AutoConfFile file = new AutoConfFile(autoConfFile, parser);
        if (name == null || (valueOrNullForReset == null && name.equalsIgnoreCase("all"))) {
            file.update(null, null);
            return;
        }
        String n = name.toLowerCase(Locale.ROOT);
        Entry e = entries.get(n);
        if (e != null && !e.param.placeholder()) {
            if (e.param.context() == GucContext.INTERNAL || e.param.hasFlag(GucFlags.DISALLOW_IN_FILE)) {
                throw GucErrors.cannotChange(n);
            }
            if (valueOrNullForReset != null) {
                ValueParser.parse(e.param.definition(), valueOrNullForReset, GucSource.FILE);
            }
        } else {
            customNames.checkAssignable(n);
        }
        if (valueOrNullForReset != null && valueOrNullForReset.indexOf('\n') >= 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "parameter value for ALTER SYSTEM must not contain a newline");
        }
        file.update(n, valueOrNullForReset);
    }
}
