package org.elephas.api.bgworker;

import java.util.Arrays;
import java.util.Objects;

import org.elephas.api.Datum;

/**
 * The registration record of a background worker, PostgreSQL's {@code BackgroundWorker}
 * struct. Immutable; build one with {@link #builder()}.
 *
 * <p>The entry point is found by name: {@code libraryName} is an extension name (the bundle's
 * {@code Elephas-Extension} header), or {@code postgres} for entry points built into the host,
 * and {@code functionName} names a {@code public static void method(Datum)} as
 * {@code fully.qualified.Class.method}. The worker's bundle is loaded on demand when it is not
 * loaded yet. Validation happens at registration, with PostgreSQL's rules and messages.
 */
public final class BackgroundWorker {
    /** {@code BGW_MAXLEN}: bytes in name, type and function name, as in PostgreSQL. */
    public static final int BGW_MAXLEN = 96;
    /** {@code BGW_EXTRALEN}: the size of {@link #extra()}. */
    public static final int BGW_EXTRALEN = 128;
    /** {@code BGW_NEVER_RESTART}: a restart time meaning "never restart". */
    public static final int BGW_NEVER_RESTART = -1;
    /** {@code BGW_DEFAULT_RESTART_INTERVAL}: a conventional restart time; nothing applies it. */
    public static final int BGW_DEFAULT_RESTART_INTERVAL = 60;

    private final String name;
    private final String type;
    private final int flags;
    private final BgWorkerStartTime startTime;
    private final int restartTime;
    private final String libraryName;
    private final String functionName;
    private final Datum mainArg;
    private final byte[] extra;
    private final int notifyPid;

    private BackgroundWorker(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.flags = b.flags;
        this.startTime = b.startTime;
        this.restartTime = b.restartTime;
        this.libraryName = b.libraryName;
        this.functionName = b.functionName;
        this.mainArg = b.mainArg;
        this.extra = b.extra.clone();
        this.notifyPid = b.notifyPid;
    }

    /** @return a builder with PostgreSQL's zeroed defaults (restart time: never) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this record's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.type = type;
        b.flags = flags;
        b.startTime = startTime;
        b.restartTime = restartTime;
        b.libraryName = libraryName;
        b.functionName = functionName;
        b.mainArg = mainArg;
        b.extra = extra.clone();
        b.notifyPid = notifyPid;
        return b;
    }

    /** @return {@code bgw_name}: the per-instance label, also the worker thread's name */
    public String name() {
        return name;
    }

    /**
     * @return {@code bgw_type}: the per-kind label shown as {@code backend_type} and in exit
     *     messages; the host sets it to {@link #name()} when registered empty
     */
    public String type() {
        return type;
    }

    /** @return {@code bgw_flags}, see {@link BgWorkerFlags} */
    public int flags() {
        return flags;
    }

    /** @return {@code bgw_start_time} */
    public BgWorkerStartTime startTime() {
        return startTime;
    }

    /** @return {@code bgw_restart_time} in seconds, or {@link #BGW_NEVER_RESTART} */
    public int restartTime() {
        return restartTime;
    }

    /** @return {@code bgw_library_name}: an extension name, or {@code postgres} */
    public String libraryName() {
        return libraryName;
    }

    /** @return {@code bgw_function_name}: {@code fully.qualified.Class.method} */
    public String functionName() {
        return functionName;
    }

    /** @return {@code bgw_main_arg} */
    public Datum mainArg() {
        return mainArg;
    }

    /** @return a copy of {@code bgw_extra}, always {@link #BGW_EXTRALEN} bytes */
    public byte[] extra() {
        return extra.clone();
    }

    /** @return {@code bgw_notify_pid}: a backend to wake on start and exit, or 0 */
    public int notifyPid() {
        return notifyPid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackgroundWorker w && name.equals(w.name) && type.equals(w.type)
                && flags == w.flags && startTime == w.startTime && restartTime == w.restartTime
                && libraryName.equals(w.libraryName) && functionName.equals(w.functionName)
                && mainArg.equals(w.mainArg) && Arrays.equals(extra, w.extra) && notifyPid == w.notifyPid;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, flags, startTime, restartTime, libraryName, functionName, mainArg,
                Arrays.hashCode(extra), notifyPid);
    }

    @Override
    public String toString() {
        return "BackgroundWorker[name=" + name + ", type=" + type + ", flags=" + flags + ", start=" + startTime
                + ", restart=" + restartTime + ", entry=" + libraryName + ":" + functionName + ", arg="
                + mainArg.value() + ", notifyPid=" + notifyPid + "]";
    }

    /**
     * Builds a {@link BackgroundWorker}. Strings longer than PostgreSQL's fixed buffers are
     * refused here, since PostgreSQL would silently truncate them.
     */
    public static final class Builder {
        private String name = "";
        private String type = "";
        private int flags;
        private BgWorkerStartTime startTime = BgWorkerStartTime.POSTMASTER_START;
        private int restartTime = BGW_NEVER_RESTART;
        private String libraryName = "";
        private String functionName = "";
        private Datum mainArg = Datum.ZERO;
        private byte[] extra = new byte[BGW_EXTRALEN];
        private int notifyPid;

        private Builder() {
        }

        /**
         * @param value {@code bgw_name}
         * @return this builder
         */
        public Builder name(String value) {
            this.name = bounded(value, BGW_MAXLEN, "bgw_name");
            return this;
        }

        /**
         * @param value {@code bgw_type}; empty means "same as the name"
         * @return this builder
         */
        public Builder type(String value) {
            this.type = bounded(value, BGW_MAXLEN, "bgw_type");
            return this;
        }

        /**
         * @param value {@code bgw_flags}, see {@link BgWorkerFlags}
         * @return this builder
         */
        public Builder flags(int value) {
            this.flags = value;
            return this;
        }

        /**
         * @param value {@code bgw_start_time}
         * @return this builder
         */
        public Builder startTime(BgWorkerStartTime value) {
            this.startTime = Objects.requireNonNull(value, "startTime");
            return this;
        }

        /**
         * @param seconds {@code bgw_restart_time}, or {@link BackgroundWorker#BGW_NEVER_RESTART}
         * @return this builder
         */
        public Builder restartTime(int seconds) {
            this.restartTime = seconds;
            return this;
        }

        /**
         * @param value {@code bgw_library_name}: an extension name or {@code postgres}
         * @return this builder
         */
        public Builder libraryName(String value) {
            this.libraryName = bounded(value, 1024, "bgw_library_name");
            return this;
        }

        /**
         * @param value {@code bgw_function_name}: {@code fully.qualified.Class.method}
         * @return this builder
         */
        public Builder functionName(String value) {
            this.functionName = bounded(value, 1024, "bgw_function_name");
            return this;
        }

        /**
         * @param value {@code bgw_main_arg}
         * @return this builder
         */
        public Builder mainArg(Datum value) {
            this.mainArg = Objects.requireNonNull(value, "mainArg");
            return this;
        }

        /**
         * @param bytes {@code bgw_extra}: at most {@link BackgroundWorker#BGW_EXTRALEN} bytes,
         *     zero-padded
         * @return this builder
         */
        public Builder extra(byte[] bytes) {
            if (bytes.length > BGW_EXTRALEN) {
                throw new IllegalArgumentException("bgw_extra holds at most " + BGW_EXTRALEN + " bytes");
            }
            this.extra = Arrays.copyOf(bytes, BGW_EXTRALEN);
            return this;
        }

        /**
         * @param pid {@code bgw_notify_pid}; must be 0 for static workers
         * @return this builder
         */
        public Builder notifyPid(int pid) {
            this.notifyPid = pid;
            return this;
        }

        /** @return the record */
        public BackgroundWorker build() {
            return new BackgroundWorker(this);
        }

        private static String bounded(String value, int max, String field) {
            Objects.requireNonNull(value, field);
            if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= max) {
                throw new IllegalArgumentException(field + " must be shorter than " + max + " bytes");
            }
            return value;
        }
    }
}
