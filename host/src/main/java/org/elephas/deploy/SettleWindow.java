package org.elephas.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Files seen changing, held until they have been still for a settle window: a file is settled
 * when its {@link FileStamp} is the same as when it was last seen changing, at least
 * {@code settleNanos} later. Each new event restarts the file's window. A file that is already
 * complete when its event is seen (a rename moved it in whole, or a copy wrote its last bytes)
 * is due at once; it is still handed over only if its stamp has not moved since. A file that is
 * gone waits a shorter window, {@code deletionNanos}: long enough for a tool that replaces a
 * file by deleting and writing it again to have created it anew (microseconds apart), so that
 * the two stay one change. Not thread-safe: the watcher's thread owns it.
 */
final class SettleWindow {
    private record Pending(FileStamp stamp, long dueNanos) {
    }

    private final long settleNanos;
    private final long deletionNanos;
    private final Function<Path, FileStamp> stat;
    private final Predicate<Path> complete;
    private final Map<Path, Pending> pending = new LinkedHashMap<>();

    /**
     * @param settleNanos how long a present file must be still
     * @param deletionNanos how long a file that is gone must stay gone
     * @param stat reads a file's stamp
     * @param complete whether a present file's content is complete (a zip's end record is
     *     there), so that it need not wait
     */
    SettleWindow(long settleNanos, long deletionNanos, Function<Path, FileStamp> stat, Predicate<Path> complete) {
        this.settleNanos = settleNanos;
        this.deletionNanos = deletionNanos;
        this.stat = stat;
        this.complete = complete;
    }

    /**
     * A file changed (or may have): due at once when it is present and complete, else (a copy
     * in progress, a deletion) (re)start its window.
     *
     * @param file the file
     * @param nowNanos the clock
     */
    void changed(Path file, long nowNanos) {
        FileStamp stamp = stat.apply(file);
        boolean whole = stamp.present() && complete.test(file);
        pending.put(file, new Pending(stamp, whole ? nowNanos : nowNanos + window(stamp)));
    }

    /** The window of a file that is not taken at once: a deletion's is the shorter one. */
    private long window(FileStamp stamp) {
        return stamp.present() ? settleNanos : deletionNanos;
    }

    /**
     * A file changed while it was being read: (re)start its window, complete or not, so that a
     * file that keeps changing is not read again and again.
     *
     * @param file the file
     * @param nowNanos the clock
     */
    void unsettled(Path file, long nowNanos) {
        pending.put(file, new Pending(stat.apply(file), nowNanos + settleNanos));
    }

    /**
     * @param nowNanos the clock
     * @return nanoseconds until the next file is due, or -1 when none is pending
     */
    long nanosUntilDue(long nowNanos) {
        long next = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            next = Math.min(next, p.dueNanos());
        }
        return next == Long.MAX_VALUE ? -1 : Math.max(0, next - nowNanos);
    }

    /**
     * Take the files that are due and still: a due file whose stamp moved gets a new window.
     *
     * @param nowNanos the clock
     * @return the settled files, in the order they were first seen
     */
    List<Path> takeSettled(long nowNanos) {
        List<Path> settled = new ArrayList<>();
        for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, Pending> e = it.next();
            if (e.getValue().dueNanos() - nowNanos > 0) {
                continue;
            }
            FileStamp now = stat.apply(e.getKey());
            if (now.equals(e.getValue().stamp())) {
                settled.add(e.getKey());
                it.remove();
            } else {
                e.setValue(new Pending(now, nowNanos + window(now)));
            }
        }
        return settled;
    }

    /** @return whether no file is pending */
    boolean isEmpty() {
        return pending.isEmpty();
    }
}
