package org.elephas.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The server log's timestamps, {@code yyyy-MM-dd HH:mm:ss.SSS UTC}. The part up to the second is
 * formatted once per second and reused: a full {@link DateTimeFormatter} pass per line was the
 * largest cost of writing a log line (1000 workers terminated at once each write one).
 */
final class LogTimestamps {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The last second formatted and its text; replaced together, never changed. */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last = new Second(Long.MIN_VALUE, "");

    /** The timestamp of {@code now}. */
    String format(Instant now) {
        Second second = last;
        if (second.epochSecond() != now.getEpochSecond()) {
            second = new Second(now.getEpochSecond(), SECONDS.format(now));
            last = second;
        }
        int millis = now.getNano() / 1_000_000;
        StringBuilder out = new StringBuilder(second.text().length() + 8).append(second.text()).append('.');
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        return out.append(millis).append(" UTC").toString();
    }
}
