package org.elephas.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's catalog relations ({@code pg_class}, {@code pg_attribute}, {@code pg_type},
 * {@code pg_index}, {@code pg_constraint}, ...) as engine views in {@code elephas_catalog}, over
 * the engine's {@code INFORMATION_SCHEMA}. Their definitions, and how OIDs are derived, are in
 * the resource {@code pg_catalog.sql} beside this class. The dialect's {@code CatalogNames}
 * points client queries at them.
 */
public final class PgCatalog {
    private static final List<String> STATEMENTS = load();

    private PgCatalog() {
    }

    private static List<String> load() {
        try (InputStream in = PgCatalog.class.getResourceAsStream("pg_catalog.sql")) {
            if (in == null) {
                throw new IllegalStateException("pg_catalog.sql missing from the host jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.strip().equals(";")) {
                    statements.add(current.toString());
                    current.setLength(0);
                } else if (!line.startsWith("--")) {
                    current.append(line).append('\n');
                }
            }
            return List.copyOf(statements);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the statements that create or replace the views, in order (after the host's other system views, which some use) */
    static List<String> statements() {
        return STATEMENTS;
    }
}
