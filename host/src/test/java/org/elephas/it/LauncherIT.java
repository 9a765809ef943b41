package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What bin/elephas works out before it runs java: the distribution reached through symlinks,
 * and the class caches (CDS archive, JDK AOT cache) written at one exit and used from the next
 * start on.
 */
@Timeout(180)
class LauncherIT {

    @Test
    void findsTheDistributionThroughAbsoluteAndRelativeSymlinks() throws Exception {
        Path dir = Files.createDirectories(ServerProcess.newDataDirectory("symlinks"));
        Path absolute = Files.createSymbolicLink(dir.resolve("elephas-abs"), ServerProcess.launcher());
        Files.createDirectories(dir.resolve("bin"));
        // A relative link to a relative link: bin/elephas-rel -> ../elephas-abs -> the launcher.
        Path relative = Files.createSymbolicLink(dir.resolve("bin/elephas-rel"), Path.of("../elephas-abs"));
        for (Path link : List.of(absolute, relative)) {
            Process p = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "--version ended");
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("elephas (Elephas) "), link + ": " + out);
        }
    }

    @Test
    void anArchiveWrittenAtExitIsTakenIntoPlaceByTheNextStart() throws IOException {
        Path cds = Files.createDirectories(ServerProcess.newDataDirectory("cds"));
        Path data = ServerProcess.newDataDirectory("cds-data");
        try (ServerProcess first = ServerProcess.builder().dataDirectory(data).env("ELEPHAS_CDS_DIR", cds.toString())
                .start()) {
            first.awaitReady();
            first.signal("TERM");
            assertEquals(0, first.awaitExit());
            // Written at exit under a name with the writer's PID.
            assertEquals(List.of("elephas-jdkN-KEY." + first.pid() + ".jsa"), archiveShapes(cds), "after the first exit");
        }
        try (ServerProcess second = ServerProcess.builder().dataDirectory(data).env("ELEPHAS_CDS_DIR", cds.toString())
                .start()) {
            second.awaitReady();
            assertEquals(List.of("elephas-jdkN-KEY.jsa"), archiveShapes(cds), "adopted by the second start");
            second.signal("TERM");
            assertEquals(0, second.awaitExit());
            // The server log holds no message of the JVM's about the archive.
            assertTrue(second.log().stream().noneMatch(l -> l.contains("cds") || l.contains("CDS")), second.log()::toString);
        }
        assertEquals(List.of("elephas-jdkN-KEY.jsa"), archiveShapes(cds), "nothing written by a start that had one");
    }

    @Test
    void aTrainingStartWritesTheCacheOfItsJdkAndTheNextStartMapsIt() throws IOException {
        Path cds = Files.createDirectories(ServerProcess.newDataDirectory("cds-write"));
        Path data = ServerProcess.newDataDirectory("cds-write-data");
        String kind;
        try (ServerProcess first = ServerProcess.builder().dataDirectory(data).env("ELEPHAS_CDS_DIR", cds.toString())
                .env("ELEPHAS_CDS", "write").start()) {
            first.awaitReady();
            first.signal("TERM");
            // On JDK 25 a child JVM assembles the AOT cache at exit: seconds.
            assertEquals(0, first.awaitExit(Duration.ofSeconds(150)));
            List<String> written = fileNames(cds);
            assertEquals(1, written.size(), written::toString);
            Matcher name = Pattern.compile("elephas-jdk(\\d+)-\\d+\\." + first.pid() + "\\.(aot|jsa)")
                    .matcher(written.get(0));
            assertTrue(name.matches(), written::toString);
            // An AOT cache where the JDK has them (25 and later), else an archive.
            kind = Integer.parseInt(name.group(1)) >= 25 ? "aot" : "jsa";
            assertEquals(kind, name.group(2), written::toString);
        }
        try (ServerProcess second = ServerProcess.builder().dataDirectory(data).env("ELEPHAS_CDS_DIR", cds.toString())
                .start()) {
            second.awaitReady();
            assertEquals(List.of("elephas-jdkN-KEY." + kind), archiveShapes(cds), "adopted by the second start");
            Path cache = cds.resolve(fileNames(cds).get(0));
            String maps = Files.readString(Path.of("/proc/" + second.pid() + "/maps"));
            assertTrue(maps.contains(cache.toString()), "the JVM maps " + cache);
            second.signal("TERM");
            assertEquals(0, second.awaitExit());
            assertTrue(second.log().stream().noneMatch(l -> l.toLowerCase(Locale.ROOT).contains("cds")
                    || l.toLowerCase(Locale.ROOT).contains("aot")), second.log()::toString);
        }
        assertEquals(List.of("elephas-jdkN-KEY." + kind), archiveShapes(cds), "nothing written by a start that had one");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The archive files' names with the JDK version and the checksum replaced by N and KEY. */
    private static List<String> archiveShapes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString().replaceFirst("^elephas-jdk\\d+-\\d+\\.", "elephas-jdkN-KEY."))
                    .sorted().toList();
        }
    }
}
