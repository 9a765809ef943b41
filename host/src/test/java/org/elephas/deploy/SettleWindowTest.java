package org.elephas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The settle window with a hand-driven clock and file stamps. */
class SettleWindowTest {
    private static final long MS = 1_000_000;
    private final Map<Path, FileStamp> stamps = new HashMap<>();
    private final Set<Path> complete = new HashSet<>();
    private final SettleWindow window = new SettleWindow(100 * MS, 25 * MS,
            p -> stamps.getOrDefault(p, FileStamp.ABSENT), complete::contains);
    private final Path a = Path.of("/d/a.jar");
    private final Path b = Path.of("/d/b.jar");

    @Test
    void aStillFileSettlesAfterTheWindowAndNotBefore() {
        stamps.put(a, new FileStamp(10, 1, "i1"));
        window.changed(a, 0);
        assertEquals(100 * MS, window.nanosUntilDue(0));
        assertEquals(List.of(), window.takeSettled(99 * MS));
        assertEquals(List.of(a), window.takeSettled(100 * MS));
        assertTrue(window.isEmpty());
        assertEquals(-1, window.nanosUntilDue(100 * MS));
    }

    @Test
    void aGrowingFileWaitsUntilItStopsChanging() {
        stamps.put(a, new FileStamp(10, 1, "i1"));
        window.changed(a, 0);
        stamps.put(a, new FileStamp(20, 2, "i1")); // still being written, no new event seen
        assertEquals(List.of(), window.takeSettled(100 * MS), "moved since it was seen: a new window");
        assertEquals(100 * MS, window.nanosUntilDue(100 * MS));
        assertEquals(List.of(a), window.takeSettled(200 * MS));
    }

    @Test
    void eachEventRestartsTheWindowAndFilesSettleIndependently() {
        stamps.put(a, new FileStamp(10, 1, "i1"));
        stamps.put(b, new FileStamp(10, 1, "i2"));
        window.changed(a, 0);
        window.changed(b, 50 * MS);
        window.changed(a, 60 * MS);
        assertEquals(List.of(), window.takeSettled(100 * MS));
        assertEquals(List.of(b), window.takeSettled(150 * MS));
        assertEquals(List.of(a), window.takeSettled(160 * MS));
    }

    @Test
    void aReplacedFileWithTheSameSizeAndTimeIsNotStill() {
        stamps.put(a, new FileStamp(10, 1, "i1"));
        window.changed(a, 0);
        stamps.put(a, new FileStamp(10, 1, "i2")); // renamed over: another inode
        assertEquals(List.of(), window.takeSettled(100 * MS));
    }

    @Test
    void aDeletionSettlesAfterTheShorterWindow() {
        window.changed(a, 0);
        assertEquals(25 * MS, window.nanosUntilDue(0));
        assertEquals(List.of(), window.takeSettled(24 * MS));
        assertEquals(List.of(a), window.takeSettled(25 * MS));
    }

    @Test
    void aFileDeletedWhileItSettlesWaitsOnlyTheDeletionWindowFromThen() {
        stamps.put(a, new FileStamp(10, 1, "i1"));
        window.changed(a, 0); // a copy in progress
        stamps.remove(a); // then deleted, its event not yet seen
        assertEquals(List.of(), window.takeSettled(100 * MS), "moved since it was seen: a new window");
        assertEquals(25 * MS, window.nanosUntilDue(100 * MS));
        assertEquals(List.of(a), window.takeSettled(125 * MS));
    }

    private void presentAndComplete(Path file) {
        stamps.put(file, new FileStamp(10, 1, "i1"));
        complete.add(file);
    }

    @Test
    void aCompleteFileIsDueAtOnce() {
        presentAndComplete(a);
        window.changed(a, 0);
        assertEquals(0, window.nanosUntilDue(0));
        assertEquals(List.of(a), window.takeSettled(0));
    }

    @Test
    void aCompleteFileThatMovesAgainWaitsForTheWindow() {
        presentAndComplete(a);
        window.changed(a, 0);
        stamps.put(a, new FileStamp(20, 2, "i1")); // written to again before it was taken
        assertEquals(List.of(), window.takeSettled(0));
        assertEquals(List.of(a), window.takeSettled(100 * MS));
    }

    @Test
    void aFileGivenBackAsUnsettledWaitsEvenWhenComplete() {
        presentAndComplete(a);
        window.unsettled(a, 0);
        assertEquals(List.of(), window.takeSettled(99 * MS));
        assertEquals(List.of(a), window.takeSettled(100 * MS));
    }

    @Test
    void aDeletionWaitsForItsWindowSoThatARecreationIsOneChange() {
        complete.add(a); // whatever the check says, an absent file is not complete
        window.changed(a, 0);
        assertEquals(List.of(), window.takeSettled(20 * MS));
        stamps.put(a, new FileStamp(10, 1, "i2")); // written again, complete
        window.changed(a, 21 * MS);
        assertEquals(List.of(a), window.takeSettled(21 * MS));
    }

    @Test
    void aDeletionFollowedByACopyInProgressWaitsForTheCopy() {
        window.changed(a, 0);
        stamps.put(a, new FileStamp(10, 1, "i2")); // created again, still being written
        window.changed(a, 1 * MS);
        assertEquals(List.of(), window.takeSettled(25 * MS), "the deletion is not handed over on its own");
        assertEquals(List.of(a), window.takeSettled(101 * MS));
    }
}
