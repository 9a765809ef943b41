package org.elephas.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The lines of one output stream of a process, collected by a reader thread, with waits for a
 * line that matches: a condition signalled on every line and at end of stream, never a sleep.
 */
final class LineBuffer {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    /**
     * @param stream the stream to read, as UTF-8, until its end
     * @param name the reader thread's name
     */
    LineBuffer(InputStream stream, String name) {
        reader = new Thread(() -> readAll(stream), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(InputStream stream) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lock.lock();
                try {
                    lines.add(line);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the process was killed and the pipe closed: end of stream
        } finally {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return the lines so far */
    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wait for a line at or after index {@code from} in which {@code pattern} is found.
     *
     * @return the line, or null when the stream ended or the time ran out without one
     */
    String await(Pattern pattern, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int next = Math.max(0, from);
            while (true) {
                for (; next < lines.size(); next++) {
                    if (pattern.matcher(lines.get(next)).find()) {
                        return lines.get(next);
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wait (bounded) until the stream has ended, so that {@link #lines()} is complete. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wait (bounded) for the reader thread after the stream was closed. */
    void join(Duration timeout) throws InterruptedException {
        reader.join(TimeUnit.NANOSECONDS.toMillis(timeout.toNanos()) + 1);
    }
}
