package org.elephas.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.elephas.api.LogLevel;
import org.elephas.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** The server log's line format for multi-line reports. */
class ServerLogTest {

    @Test
    void continuationLinesOfEveryFieldStartWithATab() {
        LogCapture capture = new LogCapture();
        ServerLog log = new ServerLog(capture.stream(), () -> 42);
        log.log(LogLevel.LOG, "duration: 1.000 ms  plan:\nQuery Text: select 1\nResult", "first\nsecond", null);
        List<String> lines = capture.lines();
        assertEquals(5, lines.size(), capture.toString());
        assertTrue(lines.get(0).endsWith(" [42] LOG:  duration: 1.000 ms  plan:"), lines.get(0));
        assertEquals("\tQuery Text: select 1", lines.get(1));
        assertEquals("\tResult", lines.get(2));
        assertTrue(lines.get(3).endsWith(" [42] DETAIL:  first"), lines.get(3));
        assertEquals("\tsecond", lines.get(4));
    }
}
