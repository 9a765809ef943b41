package org.elephas.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankOverUnsortedValues() {
        Stats s = Stats.of(new double[] {5, 1, 4, 2, 3}, new long[] {1, 1, 1, 1, 1});
        assertEquals(1, s.min());
        assertEquals(2, s.p25());
        assertEquals(3, s.median());
        assertEquals(4, s.p75());
        assertEquals(5, s.p99());
        assertEquals(5, s.max());
        assertFalse(s.hasTail());
    }

    @Test
    void weightsCountAsRepeatedObservations() {
        // 98 observations of 10, one of 20 and one of 1000: p99 is 20, the median 10.
        Stats s = Stats.of(new double[] {1000, 10, 20}, new long[] {1, 98, 1});
        assertEquals(100, s.n());
        assertEquals(10, s.median());
        assertEquals(20, s.p99());
        assertEquals(1000, s.max());
        assertTrue(s.hasTail());
    }

    @Test
    void percentilesOfUnweightedValues() {
        double[] values = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        assertEquals(1, Stats.percentile(values, 10));
        assertEquals(5, Stats.percentile(values, 50));
        assertEquals(9, Stats.percentile(values, 90));
        assertEquals(10, Stats.percentile(values, 100));
        assertEquals(10, values[0], "the values are not reordered");
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0], new long[0]));
    }
}
