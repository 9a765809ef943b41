package org.elephas.bgworker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The crash-loop backoff on top of {@code bgw_restart_time}. */
class RestartPolicyTest {

    @Test
    void theFirstQuickFailuresRestartOnTheConfiguredInterval() {
        for (int n = 0; n <= RestartPolicy.FREE_QUICK_FAILURES; n++) {
            assertEquals(0, RestartPolicy.delayMillis(0, n));
            assertEquals(5000, RestartPolicy.delayMillis(5, n));
        }
    }

    @Test
    void furtherQuickFailuresDoubleFromOneSecondUpToFiveMinutes() {
        assertEquals(1000, RestartPolicy.delayMillis(0, 4));
        assertEquals(2000, RestartPolicy.delayMillis(0, 5));
        assertEquals(4000, RestartPolicy.delayMillis(0, 6));
        assertEquals(300_000, RestartPolicy.delayMillis(0, 30));
        assertEquals(300_000, RestartPolicy.delayMillis(0, Integer.MAX_VALUE));
    }

    @Test
    void aLongerConfiguredIntervalWins() {
        assertEquals(60_000, RestartPolicy.delayMillis(60, 5));
    }
}
