package org.elephas.benchmarks;

import java.util.List;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.ClientOutput;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An in-process client that reads everything a session sends into a blackhole, or, without
 * one, keeps the last value for the benchmarks' checks.
 */
final class BlackholeClient implements ClientOutput {
    private final Blackhole bh;
    /** The last value received. */
    Object last;

    /** @param bh the blackhole, or null to keep values for checks only */
    BlackholeClient(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void startup(CommandType operation, List<Column> columns) {
        if (bh != null) {
            bh.consume(columns);
        }
    }

    @Override
    public boolean receive(Object[] row) {
        for (Object value : row) {
            last = value;
            if (bh != null) {
                bh.consume(value);
            }
        }
        return true;
    }

    @Override
    public void shutdown() {
    }

    @Override
    public void commandComplete(QueryCompletion completion) {
        if (bh != null) {
            bh.consume(completion);
        }
    }
}
