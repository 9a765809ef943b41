package org.elephas.statstatements;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What pg_stat_statements keeps in shared memory ({@code pgssSharedState} and the entry hash):
 * the entries of the whole server, their number bounded by {@code stat_statements.max}, and the
 * {@code pg_stat_statements_info} numbers.
 *
 * <p>Sessions run on many threads: finding an entry is a lock-free map read, counting goes
 * through the entry's own lock ({@link Entry}), and only creating or removing entries takes
 * the state's lock, as pgss takes its LWLock exclusively only then.
 */
final class SharedState {
    /** pgss's USAGE_DECREASE_FACTOR: how much each eviction round ages the used entries. */
    static final double USAGE_DECREASE_FACTOR = 0.99;
    /** pgss's STICKY_DECREASE_FACTOR: entries never executed age faster. */
    static final double STICKY_DECREASE_FACTOR = 0.50;
    /** pgss's USAGE_DEALLOC_PERCENT: the share of entries one eviction round removes. */
    static final int USAGE_DEALLOC_PERCENT = 5;
    /** pgss's ASSUMED_MEDIAN_INIT: the median usage assumed before the first eviction. */
    static final double ASSUMED_MEDIAN_INIT = 10.0;

    /** The state of the running extension; null when it is not loaded via shared_preload_bundles. */
    static volatile SharedState current;

    private final int max;
    private final Map<EntryKey, Entry> hash;
    private final Object lock = new Object();

    // Guarded by lock.
    private long dealloc;
    private double curMedianUsage = ASSUMED_MEDIAN_INIT;
    private OffsetDateTime statsReset = now();

    /** @param max {@code stat_statements.max}: the most entries kept */
    SharedState(int max) {
        this.max = max;
        this.hash = new ConcurrentHashMap<>(Math.min(max, 1 << 16));
    }

    /**
     * @param key a key (a probe is fine)
     * @return its entry, or null
     */
    Entry find(EntryKey key) {
        return hash.get(key);
    }

    /**
     * pgss's {@code entry_alloc}: the entry of a key, created when missing (evicting the least
     * used entries first when the table is full).
     *
     * @param key a key (a probe is fine: a copy is stored)
     * @param query the statement's normalised text
     * @param sticky whether it is made before the statement ran (it then starts at the median
     *     usage, so that it survives until it has had a chance to run)
     * @return the entry
     */
    Entry findOrCreate(EntryKey key, String query, boolean sticky) {
        Entry e = hash.get(key);
        if (e != null) {
            return e;
        }
        synchronized (lock) {
            e = hash.get(key);
            if (e == null) {
                while (hash.size() >= max) {
                    entryDealloc();
                }
                e = new Entry(key.copy(), query, sticky ? curMedianUsage : Entry.USAGE_INIT);
                hash.put(e.key, e);
            }
            return e;
        }
    }

    /**
     * pgss's {@code entry_dealloc}: age every entry's usage, then remove the least used 5% (at
     * least 10), and count the round in {@code pg_stat_statements_info.dealloc}.
     */
    private void entryDealloc() {
        Entry[] entries = hash.values().toArray(new Entry[0]);
        double[] usage = new double[entries.length];
        Integer[] order = new Integer[entries.length];
        for (int i = 0; i < entries.length; i++) {
            entries[i].decay(USAGE_DECREASE_FACTOR, STICKY_DECREASE_FACTOR);
            usage[i] = entries[i].usage();
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> usage[i]));
        int n = entries.length;
        if (n > 0) {
            curMedianUsage = usage[order[n / 2]];
        }
        int victims = Math.min(n, Math.max(10, n * USAGE_DEALLOC_PERCENT / 100));
        for (int i = 0; i < victims; i++) {
            hash.remove(entries[order[i]].key);
            entries[order[i]].removed = true;
        }
        dealloc++;
    }

    /**
     * pgss's {@code entry_reset}: remove the entries matching the arguments, 0 matching any
     * value; when that removes every entry, {@code pg_stat_statements_info} starts over.
     *
     * @param userId a role OID or 0
     * @param dbId a database OID or 0
     * @param queryId a query id or 0
     */
    void reset(int userId, int dbId, long queryId) {
        synchronized (lock) {
            hash.values().removeIf(e -> {
                EntryKey k = e.key;
                boolean match = (userId == 0 || k.userId() == userId) && (dbId == 0 || k.dbId() == dbId)
                        && (queryId == 0 || k.queryId() == queryId);
                e.removed |= match;
                return match;
            });
            // Creating entries takes the lock too: empty now means every entry was removed.
            if (hash.isEmpty()) {
                dealloc = 0;
                statsReset = now();
            }
        }
    }

    /** @return the entries that ran at least once, in no particular order */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(hash.size());
        for (Entry e : hash.values()) {
            if (!e.isSticky()) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return how many entries there are, sticky ones included */
    int size() {
        return hash.size();
    }

    /** @return eviction rounds since the last full reset */
    long dealloc() {
        synchronized (lock) {
            return dealloc;
        }
    }

    /** @return when every entry was last removed (or the server started) */
    OffsetDateTime statsReset() {
        synchronized (lock) {
            return statsReset;
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
