package org.elephas.statstatements;

/**
 * pg_stat_statements' {@code pgssHashKey}: what one entry counts, the statement (by query id)
 * run by one role in one database, at top level or nested.
 *
 * <p>Stored keys are never changed. Each backend also keeps one key of its own that it
 * overwrites for every lookup ({@link #set}), so that finding an entry allocates nothing; such
 * a probe is never stored.
 */
final class EntryKey {
    private long queryId;
    private int userId;
    private int dbId;
    private boolean toplevel;
    private int hash;

    EntryKey() {
    }

    /**
     * @param queryId the query id
     * @param userId the role's OID
     * @param dbId the database's OID
     * @param toplevel whether the statement ran at top level
     * @return this key, now naming that entry
     */
    EntryKey set(long queryId, int userId, int dbId, boolean toplevel) {
        this.queryId = queryId;
        this.userId = userId;
        this.dbId = dbId;
        this.toplevel = toplevel;
        int h = Long.hashCode(queryId);
        h = 31 * h + userId;
        h = 31 * h + dbId;
        this.hash = toplevel ? h : ~h;
        return this;
    }

    /** @return a copy that can be stored */
    EntryKey copy() {
        return new EntryKey().set(queryId, userId, dbId, toplevel);
    }

    long queryId() {
        return queryId;
    }

    int userId() {
        return userId;
    }

    int dbId() {
        return dbId;
    }

    boolean toplevel() {
        return toplevel;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryKey k && k.queryId == queryId && k.userId == userId && k.dbId == dbId
                && k.toplevel == toplevel;
    }

    @Override
    public String toString() {
        return "(" + queryId + ", " + userId + ", " + dbId + ", " + toplevel + ")";
    }
}
