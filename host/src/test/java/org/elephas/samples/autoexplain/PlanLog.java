package org.elephas.samples.autoexplain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elephas.testing.LogCapture;

/**
 * auto_explain's reports in a captured server log: a {@code LEVEL:  duration: N ms  plan:} line
 * and the report's body on the continuation lines (each starts with a tab) below it.
 */
final class PlanLog {
    private static final Pattern HEADER =
            Pattern.compile("\\[\\d+\\] ([A-Z0-9]+):  duration: (\\d+\\.\\d{3}) ms  plan:$");

    /**
     * One report.
     *
     * @param level the level it was logged at
     * @param millis the duration it gives
     * @param body its lines, tabs removed: Query Text, parameters, plan
     */
    record Report(String level, double millis, List<String> body) {
        /** @return the body as one text */
        String text() {
            return String.join("\n", body);
        }
    }

    private final LogCapture log;

    /** @param log the server's log */
    PlanLog(LogCapture log) {
        this.log = log;
    }

    /**
     * The reports so far whose body contains a marker. Reports are written before the statement
     * returns to its client, so right after a statement this is final for it.
     *
     * @param marker text of the statement
     * @return the reports, oldest first
     */
    List<Report> about(String marker) {
        return all().stream().filter(r -> r.text().contains(marker)).toList();
    }

    /**
     * Wait, with a deadline, for a report about a statement.
     *
     * @param marker text of the statement
     * @return the first report about it
     */
    Report await(String marker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Report> found = about(marker);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no plan logged for " + marker + "; log was:\n" + log);
            }
            try {
                // A monitor wait for the next log line, never a sleep.
                log.awaitCount("", log.lines().size() + 1, Duration.ofMillis(200));
            } catch (AssertionError noNewLineYet) {
                // Look again until the deadline.
            }
        }
    }

    private List<Report> all() {
        List<String> lines = log.lines();
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HEADER.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            List<String> body = new ArrayList<>();
            while (i + 1 < lines.size() && lines.get(i + 1).startsWith("\t")) {
                body.add(lines.get(++i).substring(1));
            }
            reports.add(new Report(m.group(1), Double.parseDouble(m.group(2)), body));
        }
        return reports;
    }
}
