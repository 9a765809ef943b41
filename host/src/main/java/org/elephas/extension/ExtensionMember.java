package org.elephas.extension;

/**
 * An object an extension's script created (PostgreSQL's {@code pg_depend} entry of type 'e').
 *
 * @param kind {@code schema}, {@code table}, {@code view}, {@code sequence} or {@code function}
 * @param schema its schema (a schema's own name for a schema)
 * @param name its name
 */
public record ExtensionMember(String kind, String schema, String name) {
    /** @return PostgreSQL's description, e.g. {@code table s.t} */
    public String describe() {
        return kind.equals("schema") ? "schema " + name : kind + " " + schema + "." + name;
    }
}
