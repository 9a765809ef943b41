package org.elephas.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class LogTimestampsTest {

    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    @Test
    void sameTextAsAFullFormatAcrossMillisecondsSecondsAndDays() {
        LogTimestamps timestamps = new LogTimestamps();
        Instant start = Instant.parse("2026-12-31T23:59:58.990Z");
        for (long micros = 0; micros < 3_000_000; micros += 997) {
            Instant t = start.plusNanos(micros * 1000);
            assertEquals(FULL.format(t), timestamps.format(t), t.toString());
        }
    }

    @Test
    void goingBackInTimeStillFormatsTheRightSecond() {
        LogTimestamps timestamps = new LogTimestamps();
        Instant later = Instant.parse("2026-11-22T10:00:01.005Z");
        Instant earlier = Instant.parse("2026-11-22T10:00:00.050Z");
        assertEquals("2026-11-22 10:00:01.005 UTC", timestamps.format(later));
        assertEquals("2026-11-22 10:00:00.050 UTC", timestamps.format(earlier));
    }
}
