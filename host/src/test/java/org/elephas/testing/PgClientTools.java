package org.elephas.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * PostgreSQL's client programs (psql, pgbench) for tests that drive Elephas with them. Where a
 * program is missing, the test is skipped, except under CI ({@code .ci/run} installs them and sets
 * {@value #REQUIRED}), where a missing program fails the test.
 */
public final class PgClientTools {
    /** Environment variable that makes the tools required. */
    public static final String REQUIRED = "ELEPHAS_REQUIRE_PG_CLIENT_TOOLS";

    private PgClientTools() {
    }

    /**
     * @param program {@code psql} or {@code pgbench}
     * @return its path; skips (or, when required, fails) the calling test when it is missing
     */
    public static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String why = program + " is not installed (PATH or /usr/lib/postgresql/*/bin)";
            if (System.getenv(REQUIRED) != null) {
                throw new AssertionError(why + ", and " + REQUIRED + " is set");
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    /**
     * @param program a program name
     * @return its path on PATH, else in a Debian PostgreSQL bin directory
     */
    public static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, program);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        try (var versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin").resolve(program)).filter(Files::isExecutable)
                    .sorted(java.util.Comparator.reverseOrder()).findFirst();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
