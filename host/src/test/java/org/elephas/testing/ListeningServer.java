package org.elephas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for all the tests of a class, listening on 127.0.0.1 on a free port, in a
 * temporary directory removed afterwards. Register it as a static field:
 * {@code @RegisterExtension static final ListeningServer server = new ListeningServer();}; it is
 * running before the class's own {@code @BeforeAll} methods.
 */
public final class ListeningServer implements BeforeAllCallback, AfterAllCallback {
    private Path root;
    private TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("elephas-listening-");
        server = TestServer.start(root, Map.of("listen_addresses", "127.0.0.1"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            deleteTree(root);
        }
    }

    /** @return the running server */
    public TestServer get() {
        if (server == null) {
            throw new IllegalStateException("the server starts before the test class's @BeforeAll methods");
        }
        return server;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }
}
