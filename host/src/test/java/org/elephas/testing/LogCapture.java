package org.elephas.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A server log sink for tests: collects lines and lets a test wait, with a deadline, for a line
 * matching a pattern. Waiting is a monitor wait woken by each new line, never a sleep.
 */
public final class LogCapture {
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final PrintStream stream;
    private final boolean echo = Boolean.getBoolean("elephas.test.echoLog");

    /** A new, empty capture. */
    public LogCapture() {
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                append(new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
        stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    /** @return the stream to hand to {@code ServerLog} */
    public PrintStream stream() {
        return stream;
    }

    private synchronized void append(String text) {
        partial.append(text);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            lines.add(line);
            if (echo) {
                System.err.println(line);
            }
        }
        notifyAll();
    }

    /** @return every complete line so far */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /**
     * @param regex a pattern searched for in each line
     * @return how many lines so far match
     */
    public synchronized long count(String regex) {
        Pattern p = Pattern.compile(regex);
        return lines.stream().filter(l -> p.matcher(l).find()).count();
    }

    /**
     * Wait until a line matches.
     *
     * @param regex a pattern searched for in each line
     * @param timeout the deadline
     * @return the first matching line
     * @throws AssertionError when none matches in time
     */
    public String await(String regex, Duration timeout) {
        return awaitCount(regex, 1, timeout).get(0);
    }

    /**
     * Wait until at least {@code n} lines match.
     *
     * @param regex a pattern searched for in each line
     * @param n how many
     * @param timeout the deadline
     * @return the matching lines
     */
    public synchronized List<String> awaitCount(String regex, int n, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> matching = lines.stream().filter(l -> p.matcher(l).find()).toList();
            if (matching.size() >= n) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + n + " log lines matching /" + regex + "/ within " + timeout
                        + "; log was:\n" + String.join("\n", lines));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** @return the log so far, for failure messages */
    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }

}
