package org.elephas.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names of the temporary tables a translation creates for one execution ({@link WithQueries}).
 * A plan may run many times in one transaction, and the tables of an earlier run live until its
 * commit, so the plan holds each name with a placeholder that every execution replaces with a
 * number of its own.
 */
public final class TemporaryTables {
    private static final String PLACEHOLDER = "\"elephas_cte_#_";
    private static final AtomicLong EXECUTIONS = new AtomicLong();

    private TemporaryTables() {
    }

    /**
     * @param k the table's number within the statement
     * @return its name in a plan: a quoted identifier holding the placeholder
     */
    static String name(int k) {
        return PLACEHOLDER + k + "\"";
    }

    /**
     * @param statements a plan's engine statements
     * @return whether they name temporary tables
     */
    public static boolean used(List<String> statements) {
        for (String s : statements) {
            if (s.contains(PLACEHOLDER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param statements a plan's engine statements
     * @return them with names of their own for one execution
     */
    public static List<String> forExecution(List<String> statements) {
        String names = "\"elephas_cte_" + EXECUTIONS.incrementAndGet() + "_";
        List<String> out = new ArrayList<>(statements.size());
        for (String s : statements) {
            out.add(s.replace(PLACEHOLDER, names));
        }
        return out;
    }
}
