package org.elephas.statstatements;

import org.elephas.api.sql.Query;

/**
 * What pg_stat_statements keeps per backend process, kept here per thread (a session's
 * statements, and the SPI statements they run, all run on its thread): the entry of the
 * statement analysed last, and a key to look entries up with. The nesting level is the host's
 * ({@code Query.nestingLevel()}); execution time is kept by the executor in the statement's
 * QueryDesc, as pgss keeps it in {@code queryDesc->totaltime}.
 */
final class BackendLocal {
    /** Reused for every lookup, so that looking up allocates nothing. */
    final EntryKey probe = new EntryKey();
    /** The statement post_parse_analyze saw last, and its entry (or null), for the later hooks to reuse. */
    Query analyzedQuery;
    Entry analyzed;
}
