package org.elephas.api.guc;

/** Flag bits of a parameter definition, with PostgreSQL's meanings ({@code GUC_*}). */
public final class GucFlags {
    /** {@code GUC_LIST_INPUT}: the value is a comma-separated list. */
    public static final int LIST_INPUT = 0x0001;
    /** {@code GUC_LIST_QUOTE}: refused for custom parameters, as in PostgreSQL. */
    public static final int LIST_QUOTE = 0x0002;
    /** {@code GUC_NO_SHOW_ALL}: hidden from {@code SHOW ALL} and {@code pg_settings}. */
    public static final int NO_SHOW_ALL = 0x0004;
    /** {@code GUC_NO_RESET_ALL}: not reset by {@code RESET ALL}. */
    public static final int NO_RESET_ALL = 0x0008;
    /** {@code GUC_NOT_IN_SAMPLE}: not in the sample configuration file. */
    public static final int NOT_IN_SAMPLE = 0x0020;
    /** {@code GUC_DISALLOW_IN_FILE}: cannot be set in the configuration file. */
    public static final int DISALLOW_IN_FILE = 0x0040;
    /** {@code GUC_SUPERUSER_ONLY}: only superusers may see the value. */
    public static final int SUPERUSER_ONLY = 0x0100;

    private GucFlags() {
    }
}
