package org.elephas.api.guc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.elephas.api.host.HostAccess;

/**
 * Defining and reading configuration parameters: PostgreSQL's {@code DefineCustom*Variable},
 * {@code MarkGUCPrefixReserved} and {@code GetConfigOption}.
 *
 * <pre>{@code
 * GucVariable<Integer> naptime = Gucs.intVariable("worker_spi.naptime", 10)
 *         .description("Duration between each check (in seconds).")
 *         .range(1, Integer.MAX_VALUE).unit(GucUnit.S)
 *         .context(GucContext.SIGHUP)
 *         .define();
 * }</pre>
 *
 * <p>Defining a parameter whose value was already set (in a file, on the command line, with
 * SET) while it was a placeholder re-applies that value with validation; an invalid one gives a
 * WARNING and the default stays. {@code POSTMASTER} parameters can only be defined while
 * preloading.
 */
public final class Gucs {

    private Gucs() {
    }

    /**
     * A boolean parameter.
     *
     * @param name {@code prefix.name}
     * @param bootValue the default
     * @return a builder
     */
    public static Builder<Boolean> boolVariable(String name, boolean bootValue) {
        return new Builder<>(name, GucType.BOOL, bootValue);
    }

    /**
     * An integer parameter, by default ranging over every int.
     *
     * @param name {@code prefix.name}
     * @param bootValue the default
     * @return a builder
     */
    public static Builder<Integer> intVariable(String name, int bootValue) {
        return new Builder<>(name, GucType.INT, bootValue).range(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A real parameter, by default ranging over every finite double.
     *
     * @param name {@code prefix.name}
     * @param bootValue the default
     * @return a builder
     */
    public static Builder<Double> realVariable(String name, double bootValue) {
        return new Builder<>(name, GucType.REAL, bootValue).range(-Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /**
     * A string parameter.
     *
     * @param name {@code prefix.name}
     * @param bootValue the default, may be null (reads as an empty string in SHOW)
     * @return a builder
     */
    public static Builder<String> stringVariable(String name, String bootValue) {
        return new Builder<>(name, GucType.STRING, bootValue);
    }

    /**
     * An enum parameter: one of {@code values}, case-insensitively; read as the lower-case name.
     *
     * @param name {@code prefix.name}
     * @param bootValue the default, one of {@code values}
     * @param values the accepted names
     * @return a builder
     */
    public static Builder<String> enumVariable(String name, String bootValue, List<String> values) {
        Builder<String> b = new Builder<>(name, GucType.ENUM, bootValue.toLowerCase(Locale.ROOT));
        b.enumValues = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        return b;
    }

    /**
     * {@code MarkGUCPrefixReserved}: remove placeholders under {@code prefix.} (each with a
     * WARNING) and refuse new ones.
     *
     * @param prefix the extension's prefix, for example {@code worker_spi}
     */
    public static void markGucPrefixReserved(String prefix) {
        HostAccess.host().gucs().markPrefixReserved(prefix);
    }

    /**
     * {@code GetConfigOption}: any parameter's value in the calling backend, as SHOW prints it.
     *
     * @param name the parameter's name, case-insensitive
     * @return the value, or null when no such parameter (or placeholder) exists
     */
    public static String getConfigOption(String name) {
        return HostAccess.host().gucs().show(name);
    }

    /**
     * A parameter definition under construction.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private final String name;
        private final GucType type;
        private final T bootValue;
        private String shortDesc = "";
        private String longDesc;
        private T min;
        private T max;
        private List<String> enumValues = List.of();
        private GucContext context = GucContext.USERSET;
        private int flags;
        private GucUnit unit = GucUnit.NONE;
        private GucCheckHook<T> checkHook;
        private GucAssignHook<T> assignHook;

        private Builder(String name, GucType type, T bootValue) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = type;
            this.bootValue = bootValue;
        }

        /**
         * @param text the short description ({@code pg_settings.short_desc})
         * @return this builder
         */
        public Builder<T> description(String text) {
            this.shortDesc = Objects.requireNonNull(text);
            return this;
        }

        /**
         * @param text the long description ({@code pg_settings.extra_desc})
         * @return this builder
         */
        public Builder<T> longDescription(String text) {
            this.longDesc = text;
            return this;
        }

        /**
         * @param minimum the smallest accepted value
         * @param maximum the largest accepted value
         * @return this builder
         */
        public Builder<T> range(T minimum, T maximum) {
            if (type != GucType.INT && type != GucType.REAL) {
                throw new IllegalStateException("only integer and real parameters have a range");
            }
            this.min = minimum;
            this.max = maximum;
            return this;
        }

        /**
         * @param value when the parameter may change (default {@link GucContext#USERSET})
         * @return this builder
         */
        public Builder<T> context(GucContext value) {
            this.context = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value {@link GucFlags} bits
         * @return this builder
         */
        public Builder<T> flags(int value) {
            this.flags = value;
            return this;
        }

        /**
         * @param value the unit of an integer or real parameter
         * @return this builder
         */
        public Builder<T> unit(GucUnit value) {
            if (type != GucType.INT && type != GucType.REAL && value != GucUnit.NONE) {
                throw new IllegalStateException("only integer and real parameters have a unit");
            }
            this.unit = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param hook validates values before they apply
         * @return this builder
         */
        public Builder<T> checkHook(GucCheckHook<T> hook) {
            this.checkHook = hook;
            return this;
        }

        /**
         * @param hook told of each value that becomes current
         * @return this builder
         */
        public Builder<T> assignHook(GucAssignHook<T> hook) {
            this.assignHook = hook;
            return this;
        }

        /** @return the definition, without defining it */
        public GucDefinition<T> toDefinition() {
            return new GucDefinition<>(name, type, shortDesc, longDesc, bootValue, min, max, enumValues, context,
                    flags, unit, checkHook, assignHook);
        }

        /**
         * Define the parameter in the host.
         *
         * @return the variable to read it through
         * @throws org.elephas.api.PgException with PostgreSQL's message when the name is invalid
         *     or reserved, the parameter exists already, or a {@code POSTMASTER} parameter is
         *     defined after startup
         */
        public GucVariable<T> define() {
            return HostAccess.host().gucs().define(toDefinition());
        }
    }
}
