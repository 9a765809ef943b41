package org.elephas.api.guc;

/**
 * {@code GucContext}: when, and by whom, a parameter may be changed. In PostgreSQL's order,
 * from least to most changeable.
 */
public enum GucContext {
    /** {@code PGC_INTERNAL}: never changed by users; reports a fact. */
    INTERNAL("internal"),
    /** {@code PGC_POSTMASTER}: only at server start (file or command line). */
    POSTMASTER("postmaster"),
    /** {@code PGC_SIGHUP}: in the configuration file, taking effect on reload. */
    SIGHUP("sighup"),
    /** {@code PGC_SU_BACKEND}: at connection start, by superusers. */
    SU_BACKEND("superuser-backend"),
    /** {@code PGC_BACKEND}: at connection start. */
    BACKEND("backend"),
    /** {@code PGC_SUSET}: at any time, by superusers. */
    SUSET("superuser"),
    /** {@code PGC_USERSET}: at any time, by anyone. */
    USERSET("user");

    private final String displayName;

    GucContext(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name {@code pg_settings.context} shows, for example {@code sighup} */
    public String displayName() {
        return displayName;
    }
}
