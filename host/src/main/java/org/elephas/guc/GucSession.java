package org.elephas.guc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucSource;

/**
 * The parameters of one backend (a client session or a background worker): the global values it
 * last adopted, plus its own values, in increasing priority: options from the connection request
 * (source {@code client}), {@code SET} (source {@code session}) and {@code SET LOCAL}.
 *
 * <p>Protocol. The backend's thread calls the mutators; the registry may also call
 * {@link #definitionsChanged()} from another thread when an extension defines or forgets
 * parameters. Mutators hold this object's lock and end by publishing a new immutable
 * {@link GucSnapshot} in {@link #view}; readers ({@link org.elephas.api.guc.GucVariable#get()},
 * {@link #show}) only read that volatile field. Global values reach the backend only through
 * {@link #adoptLatest()}, so a worker sees a reload when it processes it, as in PostgreSQL.
 */
public final class GucSession implements AutoCloseable {

    /**
     * A value this backend set.
     *
     * @param text what was written
     * @param bySuperuser whether a superuser set it (a placeholder may later become SUSET)
     * @param source CLIENT or SESSION
     * @param parsedFor the parameter {@link #value} was parsed for
     * @param value the typed value
     */
    private record Own(String text, boolean bySuperuser, GucSource source, Parameter parsedFor, Object value) {
    }

    private final GucRegistry registry;
    private final BooleanSupplier superuser;
    /** Values the server sets for this backend ({@code is_superuser}, ...): source override. */
    private final Map<String, Own> server = new LinkedHashMap<>();
    private final Map<String, Own> connection = new LinkedHashMap<>();
    private final Map<String, Own> session = new LinkedHashMap<>();
    private final Map<String, Own> local = new LinkedHashMap<>();
    /** Placeholders only this backend knows (SET of an undefined custom name), by name. */
    private final Map<String, Parameter> ownPlaceholders = new HashMap<>();
    private GucSnapshot base;
    private boolean started;
    /** What this backend reads; replaced, never changed. */
    volatile GucSnapshot view;

    GucSession(GucRegistry registry, BooleanSupplier superuser, GucSnapshot base) {
        this.registry = registry;
        this.superuser = Objects.requireNonNull(superuser);
        this.base = base;
        recompute();
    }

    /**
     * {@code ProcessConfigFile} in this backend: adopt the latest global values. Own values keep
     * their priority.
     *
     * @return whether there was anything newer to adopt
     */
    public synchronized boolean adoptLatest() {
        GucSnapshot latest = registry.current();
        boolean newer = latest != base;
        base = latest;
        recompute();
        return newer;
    }

    /** @return the generation of the global values this backend last adopted */
    public synchronized long adoptedGeneration() {
        return base.generation;
    }

    /**
     * Apply an option from the client's connection request ({@code options=-c name=value},
     * {@code application_name}), before {@link #connectionStarted()}. {@code backend} parameters
     * may be set this way, and {@code superuser-backend} ones by superusers.
     *
     * @param name the parameter
     * @param value its value
     * @throws PgException as {@link #set} does
     */
    public synchronized void setAtConnectionStart(String name, String value) {
        if (started) {
            throw new IllegalStateException("the connection has started");
        }
        put(connection, name, value, GucSource.CLIENT);
    }

    /** The connection is established: from now on {@code backend} parameters are fixed. */
    public synchronized void connectionStarted() {
        started = true;
    }

    /**
     * A value the server itself sets for this backend, whatever the parameter's context
     * ({@code SetConfigOption(..., PGC_INTERNAL, PGC_S_OVERRIDE)}): {@code is_superuser},
     * {@code session_authorization}, {@code transaction_isolation}. RESET does not undo it.
     *
     * @param name a defined core parameter
     * @param value its value
     * @throws PgException when the value is invalid for the parameter
     */
    public synchronized void setInternal(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        Parameter p = view.parameter(n);
        if (p == null || p.placeholder()) {
            throw new IllegalArgumentException("no parameter \"" + name + "\" is defined");
        }
        Own old = server.get(n);
        if (old != null && old.text().equals(value)) {
            return;
        }
        server.put(n, new Own(value, true, GucSource.OVERRIDE, p, ValueParser.parse(p.definition(), value,
                GucSource.OVERRIDE)));
        recompute();
    }

    /**
     * The typed value of a parameter in this backend, for the host's own use (the engine
     * session's settings).
     *
     * @param name a parameter, case-insensitive
     * @return Boolean, Integer, Double or String (enum: its lower-case name), or null when unknown
     */
    public Object value(String name) {
        GucSnapshot v = view;
        Parameter p = v.parameter(name.toLowerCase(Locale.ROOT));
        return p == null ? null : v.values[p.slot()];
    }

    /**
     * @param name a parameter, case-insensitive
     * @param flag a {@link GucFlags} bit
     * @return whether the parameter is defined with that flag
     */
    public boolean hasFlag(String name, int flag) {
        Parameter p = view.parameter(name.toLowerCase(Locale.ROOT));
        return p != null && p.hasFlag(flag);
    }

    /**
     * {@code SET [LOCAL] name = value} ({@code set_config(name, value, is_local)}).
     *
     * @param name the parameter, case-insensitive
     * @param value the value, or null for {@code SET name TO DEFAULT} (same as {@link #reset})
     * @param isLocal whether it lasts until {@link #endTransaction()} only
     * @throws PgException with PostgreSQL's message and SQLSTATE when the context forbids it (55P02
     *     or 42501), the parameter is unknown (42704), the name is invalid or reserved (42602), or
     *     the value is invalid (22023)
     */
    public synchronized void set(String name, String value, boolean isLocal) {
        started = true;
        if (value == null) {
            reset(name);
            return;
        }
        put(isLocal ? local : session, name, value, GucSource.SESSION);
    }

    private void put(Map<String, Own> layer, String name, String value, GucSource source) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean su = superuser.getAsBoolean();
        Parameter p = view.parameter(n);
        Object parsed;
        if (p == null || p.placeholder()) {
            registry.customNames().checkAssignable(n);
            parsed = value;
        } else {
            checkSettable(p, su, source);
            parsed = ValueParser.parse(p.definition(), value, source);
        }
        layer.put(n, new Own(value, su, source, p, parsed));
        recompute();
    }

    /**
     * {@code RESET name}: drop this backend's values for it; the global value applies again.
     *
     * @param name the parameter
     * @throws PgException when the context forbids changing it, or it is unknown
     */
    public synchronized void reset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Parameter p = view.parameter(n);
        if (p == null) {
            registry.customNames().checkAssignable(n);
        } else if (!p.placeholder()) {
            checkSettable(p, superuser.getAsBoolean(), GucSource.SESSION);
        }
        session.remove(n);
        local.remove(n);
        recompute();
    }

    /** {@code RESET ALL}: drop every SET, except of {@code GUC_NO_RESET_ALL} parameters. */
    public synchronized void resetAll() {
        for (Map<String, Own> layer : List.of(session, local)) {
            layer.keySet().removeIf(n -> {
                Parameter p = view.parameter(n);
                return p == null || !p.hasFlag(GucFlags.NO_RESET_ALL);
            });
        }
        recompute();
    }

    /** The transaction ended (commit or abort): {@code SET LOCAL} values end with it. */
    public synchronized void endTransaction() {
        if (!local.isEmpty()) {
            local.clear();
            recompute();
        }
    }

    /**
     * {@code SHOW name} / {@code current_setting(name)} in this backend.
     *
     * @param name the parameter, case-insensitive
     * @return the value as SHOW prints it, or null when no such parameter or placeholder exists
     */
    public String show(String name) {
        return view.show(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A token that stays the same object as long as no value in this backend changes (each
     * change builds a new view), so that a caller polling values per statement (the wire
     * server's ParameterStatus reports) can compare it with {@code ==} and skip the reads.
     *
     * @return the current token
     */
    public Object valuesVersion() {
        return view;
    }

    /**
     * {@code pg_settings} in this backend.
     *
     * @return the rows, sorted by name
     */
    public List<SettingRow> settings() {
        return SettingRows.of(view, registry.current());
    }

    /** The backend ends: the registry forgets it. */
    @Override
    public void close() {
        registry.unregister(this);
    }

    /**
     * {@code set_config_option}'s context rules for a value set by this backend.
     */
    private void checkSettable(Parameter p, boolean su, GucSource source) {
        String name = p.displayName();
        GucContext c = p.context();
        switch (c) {
            case INTERNAL -> throw GucErrors.cannotChange(name);
            case POSTMASTER -> throw GucErrors.cannotChangeWithoutRestart(name);
            case SIGHUP -> throw GucErrors.cannotChangeNow(name);
            case SU_BACKEND, BACKEND -> {
                if (source != GucSource.CLIENT || started) {
                    throw GucErrors.afterConnectionStart(name);
                }
                if (c == GucContext.SU_BACKEND && !su) {
                    throw GucErrors.permissionDenied(name);
                }
            }
            case SUSET -> {
                if (!su) {
                    throw GucErrors.permissionDenied(name);
                }
            }
            case USERSET -> {
                // anyone, any time
            }
        }
    }

    /** Called by the registry after definitions changed: re-validate own values against them. */
    void definitionsChanged() {
        synchronized (this) {
            recompute();
        }
    }

    /** @return names of this backend's placeholders under {@code prefix.} (for a reservation) */
    synchronized List<String> placeholderNamesUnder(String prefix) {
        List<String> names = new ArrayList<>();
        for (Map<String, Own> layer : List.of(connection, session, local)) {
            for (String n : layer.keySet()) {
                Parameter p = registry.current().parameter(n);
                if ((p == null || p.placeholder()) && CustomNames.isUnder(n, prefix) && !names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /**
     * Build the view: definitions from the latest global snapshot, values from the adopted one
     * (or from the latest for parameters defined since), then own values on top. An own value
     * that no longer fits its parameter (it was a placeholder's, and the definition refuses it) is
     * dropped with a WARNING, as PostgreSQL's {@code define_custom_variable} does.
     */
    private void recompute() {
        GucSnapshot latest = registry.current();
        if (latest == base && ownPlaceholders.isEmpty() && server.isEmpty() && connection.isEmpty()
                && session.isEmpty() && local.isEmpty()) {
            // Nothing of this backend's own (a new background worker, typically): its view is the
            // global snapshot itself, which a copy would only duplicate, at a cost per launch.
            view = latest;
            return;
        }
        Map<String, Parameter> params = new HashMap<>(latest.params);
        ownPlaceholders.keySet().removeIf(params::containsKey);
        for (Map<String, Own> layer : List.of(server, connection, session, local)) {
            for (String n : layer.keySet()) {
                if (!params.containsKey(n) && registry.customNames().isAssignable(n)) {
                    params.put(n, ownPlaceholders.computeIfAbsent(n, registry::sessionPlaceholder));
                }
            }
        }
        int size = registry.slotCount();
        Object[] values = Arrays.copyOf(latest.values, size);
        Setting[] settings = new Setting[size];
        for (Parameter p : params.values()) {
            int slot = p.slot();
            Setting s = base.parameter(p.name()) == p ? base.settings[slot]
                    : slot < latest.settings.length ? latest.settings[slot] : null;
            if (s == null) {
                s = Setting.of(p.definition().bootValue(), GucSource.DEFAULT); // an own placeholder
            }
            settings[slot] = s;
            values[slot] = s.value();
        }
        Setting[] resets = settings.clone();
        for (Map<String, Own> layer : List.of(server, connection, session, local)) {
            layer.entrySet().removeIf(entry -> {
                Parameter p = params.get(entry.getKey());
                if (p == null) {
                    return true; // under a prefix reserved since; the reservation warned
                }
                Own own = entry.getValue();
                if (own.parsedFor() != p) {
                    try {
                        Object v = own.text();
                        if (!p.placeholder()) {
                            if (own.source() != GucSource.OVERRIDE) {
                                checkSettable(p, own.bySuperuser(), own.source());
                            }
                            v = ValueParser.parse(p.definition(), own.text(), own.source());
                        }
                        own = new Own(own.text(), own.bySuperuser(), own.source(), p, v);
                        entry.setValue(own);
                    } catch (PgException e) {
                        registry.log().log(LogLevel.WARNING, e.getMessage(), e.detail(), e.hint());
                        return true;
                    }
                }
                settings[p.slot()] = Setting.of(own.value(), own.source());
                values[p.slot()] = own.value();
                if (own.source() == GucSource.CLIENT || own.source() == GucSource.OVERRIDE) {
                    resets[p.slot()] = settings[p.slot()]; // RESET goes back to the connection's value
                }
                return false;
            });
        }
        view = new GucSnapshot(base.generation, params, values, settings, resets, latest.pendingRestart);
    }
}
