package org.elephas.guc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A registry over a temporary data directory, with a settable "current backend" and preload flag. */
final class RegistryFixture {
    final TestLog log = new TestLog();
    final Path conf;
    final Path autoConf;
    final ThreadLocal<GucSession> current = new ThreadLocal<>();
    boolean preloading;
    final GucRegistry registry = new GucRegistry(log.log, current::get, () -> preloading);

    RegistryFixture(Path dataDir) {
        this.conf = dataDir.resolve("elephas.conf");
        this.autoConf = dataDir.resolve("elephas.auto.conf");
    }

    void writeConf(String text) throws IOException {
        Files.writeString(conf, text);
    }

    RegistryFixture start(String confText, Map<String, String> argv) throws Exception {
        writeConf(confText);
        registry.loadAtStartup(conf, autoConf, argv);
        return this;
    }

    /** @return the global SHOW value */
    String show(String name) {
        return registry.current().show(name);
    }

    SettingRow row(String name) {
        return registry.settings().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
