package org.elephas.guc;

/**
 * One {@code name = value} line of a configuration file, PostgreSQL's {@code ConfigVariable}.
 *
 * @param name the parameter's name, lower-cased
 * @param value the value, with quotes and escapes removed
 * @param file the absolute path of the file it is in
 * @param line its line number, from 1
 */
public record ConfigEntry(String name, String value, String file, int line) {
}
