package org.elephas.api.sql;

/**
 * PostgreSQL's {@code QueryCompletion}: the command tag and row count a statement reports
 * ({@code SELECT 3}, {@code INSERT 0 1}, {@code CREATE TABLE}). Filled in by the stage that ran
 * the statement.
 */
public final class QueryCompletion {
    private String commandTag = "";
    private long rows;
    private boolean hasRowCount;

    /** @return the tag without its row count, e.g. {@code INSERT}, {@code CREATE TABLE} */
    public String commandTag() {
        return commandTag;
    }

    /** @return rows processed, when the tag carries a count */
    public long rows() {
        return rows;
    }

    /**
     * Set a tag that carries no row count.
     *
     * @param tag the tag
     */
    public void set(String tag) {
        this.commandTag = tag;
        this.rows = 0;
        this.hasRowCount = false;
    }

    /**
     * Set a tag with a row count.
     *
     * @param tag the tag
     * @param processed rows processed
     */
    public void set(String tag, long processed) {
        this.commandTag = tag;
        this.rows = processed;
        this.hasRowCount = true;
    }

    /** @return the complete tag as the client sees it ({@code INSERT 0 1}, {@code SELECT 3}) */
    @Override
    public String toString() {
        if (!hasRowCount) {
            return commandTag;
        }
        return "INSERT".equals(commandTag) ? "INSERT 0 " + rows : commandTag + " " + rows;
    }
}
