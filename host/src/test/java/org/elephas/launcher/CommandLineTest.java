package org.elephas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void dataDirectoryPortAndSettingsInEveryForm() throws UsageException {
        CommandLine line = parse("-D", "data", "-p", "5999", "-c", "max_connections=7", "-clog_min_messages=info",
                "--deploy-directory=", "--shared_preload_bundles=a,b");
        assertEquals(CommandLine.Action.RUN, line.action());
        assertEquals(Optional.of("data"), line.dataDirectory());
        assertEquals(Map.of("port", "5999", "max_connections", "7", "log_min_messages", "info",
                "deploy_directory", "", "shared_preload_bundles", "a,b"), line.settings());
        assertEquals(List.of("port", "max_connections", "log_min_messages", "deploy_directory",
                "shared_preload_bundles"), List.copyOf(line.settings().keySet()));
    }

    @Test
    void attachedArgumentsAndLastSettingWins() throws UsageException {
        CommandLine line = parse("-Ddir", "-p1", "-c", "port=2", "-c", "a.b=x=y", "-p3");
        assertEquals(Optional.of("dir"), line.dataDirectory());
        assertEquals(Map.of("port", "3", "a.b", "x=y"), line.settings());
        assertEquals(List.of("a.b", "port"), List.copyOf(line.settings().keySet()));
    }

    @Test
    void dashesInNamesBecomeUnderscoresButNotInValues() throws UsageException {
        assertEquals(Map.of("log_min_messages", "debug-1"), parse("-c", "log-min-messages=debug-1").settings());
    }

    @Test
    void noArgumentsMeansRunWithoutDataDirectory() throws UsageException {
        CommandLine line = parse();
        assertEquals(CommandLine.Action.RUN, line.action());
        assertEquals(Optional.empty(), line.dataDirectory());
        assertEquals(Map.of(), line.settings());
    }

    @Test
    void helpAndVersionAnywhereFirstOneWins() throws UsageException {
        assertEquals(CommandLine.Action.HELP, parse("--help").action());
        assertEquals(CommandLine.Action.HELP, parse("-?").action());
        assertEquals(CommandLine.Action.VERSION, parse("--version").action());
        assertEquals(CommandLine.Action.VERSION, parse("-V").action());
        assertEquals(CommandLine.Action.VERSION, parse("-D", "x", "--version", "--help").action());
    }

    @Test
    void usageErrors() {
        assertEquals("invalid option -- 'x'", error("-x"));
        assertEquals("invalid option -- 'C'", error("-C", "port"));
        assertEquals("option requires an argument -- 'D'", error("-D"));
        assertEquals("option requires an argument -- 'c'", error("-p", "1", "-c"));
        assertEquals("-c foo requires a value", error("-c", "foo"));
        assertEquals("--foo requires a value", error("--foo"));
        assertEquals("-c =1: parameter name is missing", error("-c", "=1"));
        assertEquals("invalid argument: \"data\"", error("data"));
        assertEquals("invalid argument: \"-\"", error("-"));
        assertEquals("invalid option -- '-'", error("--"));
    }

    @Test
    void settingsAreUnmodifiable() throws UsageException {
        Map<String, String> settings = parse("-p", "1").settings();
        assertThrows(UnsupportedOperationException.class, () -> settings.put("a", "b"));
    }
}
