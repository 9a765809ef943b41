package org.elephas.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.elephas.engine.Engine;

/**
 * Writes the distribution's seed database ({@code lib/seed/elephas.mv.db}): an engine database
 * holding this build's system objects and nothing else. A new database starts as a copy of it
 * ({@link Engine#Engine(Path, Path)}), so a data directory's first boot replays the objects'
 * definitions instead of running their ~300 statements through a cold engine. Run by the build
 * once the distribution is assembled:
 *
 * <pre>
 * java -cp lib/elephas-host.jar org.elephas.system.SystemObjectsSeed lib/seed/elephas.mv.db
 * </pre>
 */
public final class SystemObjectsSeed {
    private static final int SEED_OID = 1;

    private SystemObjectsSeed() {
    }

    /**
     * @param home the distribution's root
     * @return where its seed is: {@code lib/seed/elephas.mv.db}
     */
    public static Path in(Path home) {
        return home.resolve("lib").resolve("seed").resolve(Engine.DATABASE_FILE);
    }

    /**
     * @param args the file to write
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SystemObjectsSeed OUTPUT.mv.db");
        }
        write(Path.of(args[0]));
    }

    /**
     * Create the seed in a scratch directory, close it, and move its file into place.
     *
     * @param output the file to write (replaced if it exists)
     * @throws IOException when a file cannot be written
     */
    public static void write(Path output) throws IOException {
        Path scratch = Files.createTempDirectory("elephas-seed");
        try {
            try (Engine engine = new Engine(scratch)) {
                engine.addInitializer(new SystemObjects());
                engine.openDatabase(SEED_OID);
            }
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.move(scratch.resolve(Integer.toString(SEED_OID)).resolve(Engine.DATABASE_FILE), output,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
