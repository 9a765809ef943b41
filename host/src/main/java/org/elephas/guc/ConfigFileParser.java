package org.elephas.guc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.log.ServerLog;

/**
 * Reads configuration files with postgresql.conf syntax ({@code guc-file.l}'s
 * {@code ParseConfigFile}, {@code ParseConfigFp} and {@code ParseConfigDirectory}):
 * {@code name [=] value} lines, {@code #} comments, quoted strings, and the {@code include},
 * {@code include_if_exists} and {@code include_dir} directives with relative paths resolved
 * against the including file's directory and a nesting limit of 10.
 *
 * <p>Errors do not stop the parse: every one is collected with PostgreSQL's message, so that the
 * caller can log them all and decide (fail the startup, or apply nothing on reload).
 */
public final class ConfigFileParser {
    /** {@code CONF_FILE_MAX_DEPTH}. */
    static final int MAX_DEPTH = 10;
    /** guc-file.l gives up on a file after this many syntax errors. */
    private static final int MAX_SYNTAX_ERRORS = 100;
    private static final String SYNTAX_ERROR = "42601";

    /**
     * What a parse found.
     *
     * @param entries the settings, in file order (later ones override earlier ones)
     * @param errors the errors, in the order found; empty when the files are fine
     */
    public record Result(List<ConfigEntry> entries, List<PgException> errors) {
        /** Copies the lists. */
        public Result {
            entries = List.copyOf(entries);
            errors = List.copyOf(errors);
        }
    }

    private final ServerLog log;

    /** @param log where {@code skipping missing configuration file} is logged */
    public ConfigFileParser(ServerLog log) {
        this.log = log;
    }

    /**
     * Parse a top-level file and everything it includes.
     *
     * @param file the file
     * @param strict whether a missing file is an error (otherwise it is skipped with a LOG line)
     * @return the settings and errors
     */
    public Result parse(Path file, boolean strict) {
        List<ConfigEntry> entries = new ArrayList<>();
        List<PgException> errors = new ArrayList<>();
        parseFile(file.toString(), null, strict, 0, entries, errors);
        return new Result(entries, errors);
    }

    /**
     * Parse text in this syntax that is not a file of its own (an extension's control file inside
     * its bundle, PostgreSQL's {@code parse_extension_control_file}). Includes are resolved
     * against {@code name}'s directory, as for a file.
     *
     * @param text the contents
     * @param name where it comes from, for messages
     * @return the settings and errors
     */
    public Result parseText(String text, String name) {
        List<ConfigEntry> entries = new ArrayList<>();
        List<PgException> errors = new ArrayList<>();
        parseText(text, Path.of(name), 0, entries, errors);
        return new Result(entries, errors);
    }

    /** PostgreSQL's {@code AbsoluteConfigLocation}: relative to the including file's directory. */
    private static Path resolve(String name, Path callingFile) {
        Path p = Path.of(name);
        if (!p.isAbsolute() && callingFile != null && callingFile.getParent() != null) {
            p = callingFile.getParent().resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }

    private void parseFile(String name, Path callingFile, boolean strict, int depth, List<ConfigEntry> entries,
            List<PgException> errors) {
        if (depth > MAX_DEPTH) {
            errors.add(PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "could not open configuration file \"" + name + "\": maximum nesting depth exceeded"));
            return;
        }
        if (name.isBlank()) {
            errors.add(PgException.error(SqlState.CONFIG_FILE_ERROR, "empty configuration file name: \"" + name + "\""));
            return;
        }
        Path path = resolve(name, callingFile);
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (strict) {
                errors.add(PgException.error(SqlState.UNDEFINED_FILE,
                        "could not open configuration file \"" + path + "\": No such file or directory"));
            } else {
                if (log != null) {
                    log.log(LogLevel.LOG, "skipping missing configuration file \"" + path + "\"");
                }
            }
            return;
        } catch (IOException e) {
            errors.add(PgException.error(SqlState.CONFIG_FILE_ERROR,
                    "could not open configuration file \"" + path + "\": " + e.getMessage()));
            return;
        }
        parseText(text, path, depth, entries, errors);
    }

    /** {@code ParseConfigFp}: one line at a time; a bad line is reported and skipped. */
    private void parseText(String text, Path path, int depth, List<ConfigEntry> entries, List<PgException> errors) {
        ConfigLexer lexer = new ConfigLexer(text);
        String file = path.toString();
        int syntaxErrors = 0;
        ConfigLexer.Token token;
        while ((token = lexer.next()) != ConfigLexer.Token.EOF) {
            if (token == ConfigLexer.Token.EOL) {
                continue; // blank line
            }
            int line = lexer.line();
            String name = null;
            String value = null;
            if (token == ConfigLexer.Token.ID || token == ConfigLexer.Token.QUALIFIED_ID) {
                name = lexer.tokenText().toLowerCase(Locale.ROOT);
                token = lexer.next();
                if (token == ConfigLexer.Token.EQUALS) {
                    token = lexer.next(); // the '=' is optional
                }
                if (token == ConfigLexer.Token.ID || token == ConfigLexer.Token.STRING
                        || token == ConfigLexer.Token.INTEGER || token == ConfigLexer.Token.REAL
                        || token == ConfigLexer.Token.UNQUOTED_STRING) {
                    value = token == ConfigLexer.Token.STRING ? ConfigLexer.unquote(lexer.tokenText())
                            : lexer.tokenText();
                    token = lexer.next();
                }
            }
            if (value == null || (token != ConfigLexer.Token.EOL && token != ConfigLexer.Token.EOF)) {
                if (token == ConfigLexer.Token.EOL || token == ConfigLexer.Token.EOF) {
                    errors.add(PgException.error(SYNTAX_ERROR,
                            "syntax error in file \"" + file + "\" line " + line + ", near end of line"));
                } else {
                    errors.add(PgException.error(SYNTAX_ERROR, "syntax error in file \"" + file + "\" line "
                            + lexer.line() + ", near token \"" + lexer.tokenText() + "\""));
                }
                if (++syntaxErrors >= MAX_SYNTAX_ERRORS) {
                    errors.add(PgException.error(SYNTAX_ERROR,
                            "too many syntax errors found, abandoning file \"" + file + "\""));
                    return;
                }
                // Resynchronise at the end of the line.
                while (token != ConfigLexer.Token.EOL && token != ConfigLexer.Token.EOF) {
                    token = lexer.next();
                }
                if (token == ConfigLexer.Token.EOF) {
                    return;
                }
                continue;
            }
            switch (name) {
                case "include_dir" -> parseDirectory(value, path, depth + 1, entries, errors);
                case "include_if_exists" -> parseFile(value, path, false, depth + 1, entries, errors);
                case "include" -> parseFile(value, path, true, depth + 1, entries, errors);
                default -> entries.add(new ConfigEntry(name, value, file, line));
            }
            if (token == ConfigLexer.Token.EOF) {
                return;
            }
        }
    }

    /** {@code ParseConfigDirectory}: the {@code *.conf} files not starting with a dot, sorted by name. */
    private void parseDirectory(String name, Path callingFile, int depth, List<ConfigEntry> entries,
            List<PgException> errors) {
        if (name.isBlank()) {
            errors.add(PgException.error(SqlState.CONFIG_FILE_ERROR,
                    "empty configuration directory name: \"" + name + "\""));
            return;
        }
        Path dir = resolve(name, callingFile);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String n = p.getFileName().toString();
                if (n.length() >= 6 && !n.startsWith(".") && n.endsWith(".conf") && !Files.isDirectory(p)) {
                    names.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            errors.add(PgException.error(SqlState.UNDEFINED_FILE,
                    "could not open configuration directory \"" + dir + "\": No such file or directory"));
            return;
        } catch (IOException e) {
            errors.add(PgException.error(SqlState.CONFIG_FILE_ERROR,
                    "could not open configuration directory \"" + dir + "\": " + e.getMessage()));
            return;
        }
        names.sort(null); // PostgreSQL sorts with strcmp
        for (String n : names) {
            parseFile(dir.resolve(n).toString(), callingFile, true, depth, entries, errors);
        }
    }
}
