package org.elephas.statstatements;

/**
 * One kind of timing of an entry (pg_stat_statements keeps one for planning, one for
 * execution): how often, total, min, max, mean and the running sum of squared differences
 * from the mean (Welford's method), all in milliseconds. Guarded by the owning entry's lock.
 */
final class Counters {
    long calls;
    double totalTime;
    double minTime;
    double maxTime;
    double meanTime;
    double sumVarTime;

    /** @param millis one more timing */
    void add(double millis) {
        calls++;
        totalTime += millis;
        if (calls == 1) {
            minTime = millis;
            maxTime = millis;
            meanTime = millis;
        } else {
            // Welford: update the mean and the sum of squares in one pass, without cancellation.
            double oldMean = meanTime;
            meanTime += (millis - oldMean) / calls;
            sumVarTime += (millis - oldMean) * (millis - meanTime);
            minTime = Math.min(minTime, millis);
            maxTime = Math.max(maxTime, millis);
        }
    }

    /** @return the population standard deviation, as pg_stat_statements reports it */
    double stddev() {
        return calls > 1 ? Math.sqrt(sumVarTime / calls) : 0.0;
    }

    /** @param other counters to copy from */
    void copyFrom(Counters other) {
        calls = other.calls;
        totalTime = other.totalTime;
        minTime = other.minTime;
        maxTime = other.maxTime;
        meanTime = other.meanTime;
        sumVarTime = other.sumVarTime;
    }
}
