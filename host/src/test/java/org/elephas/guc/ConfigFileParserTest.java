package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.elephas.api.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileParserTest {
    @TempDir
    Path dir;

    private final TestLog log = new TestLog();
    private final ConfigFileParser parser = new ConfigFileParser(log.log);

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private ConfigFileParser.Result parse(String text) throws IOException {
        return parser.parse(write("elephas.conf", text), true);
    }

    private static List<String> messages(ConfigFileParser.Result r) {
        return r.errors().stream().map(PgException::getMessage).toList();
    }

    private static List<String> pairs(ConfigFileParser.Result r) {
        return r.entries().stream().map(e -> e.name() + "=" + e.value()).toList();
    }

    @Test
    void namesValuesCommentsAndOptionalEquals() throws IOException {
        ConfigFileParser.Result r = parse("""
                # a comment
                Port = 5444   # trailing comment

                max_connections 20
                listen_addresses='*'
                shared_preload_bundles = 'worker_spi, auto_explain'
                worker_spi.naptime = 10s
                deploy_directory = var/lib/elephas-1:x.d
                ratio = -1.5e3
                hexy = 0x1F
                last = true""");
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("port=5444", "max_connections=20", "listen_addresses=*",
                "shared_preload_bundles=worker_spi, auto_explain", "worker_spi.naptime=10s",
                "deploy_directory=var/lib/elephas-1:x.d", "ratio=-1.5e3", "hexy=0x1F", "last=true"), pairs(r));
        assertEquals(2, r.entries().get(0).line());
        assertEquals(11, r.entries().get(8).line(), "the last line counts without a trailing newline");
        assertEquals(dir.resolve("elephas.conf").toString(), r.entries().get(0).file());
    }

    @Test
    void quotedStringsResolveDoubledQuotesAndBackslashEscapes() throws IOException {
        ConfigFileParser.Result r = parse("""
                a = 'it''s'
                b = 'tab\\there'
                c = 'back\\\\slash'
                d = 'octal \\101\\0612'
                e = 'quote \\' inside'
                f = ''
                g = 'x # not a comment'
                """);
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("a=it's", "b=tab\there", "c=back\\slash", "d=octal A12", "e=quote ' inside", "f=",
                "g=x # not a comment"), pairs(r));
    }

    @Test
    void syntaxErrorsNameFileLineAndTokenAndTheRestIsStillRead() throws IOException {
        ConfigFileParser.Result r = parse("""
                port = 5444
                max_connections =
                = 3
                shared_buffers = 1.5GB
                bad = 'unterminated
                a.b.c = 1
                data = /abs/path
                work_mem = 4MB
                """);
        String f = dir.resolve("elephas.conf").toString();
        assertEquals(List.of(
                "syntax error in file \"" + f + "\" line 2, near end of line",
                "syntax error in file \"" + f + "\" line 3, near token \"=\"",
                "syntax error in file \"" + f + "\" line 4, near token \"GB\"",
                "syntax error in file \"" + f + "\" line 5, near token \"'\"",
                "syntax error in file \"" + f + "\" line 6, near token \"a.b.c\"",
                "syntax error in file \"" + f + "\" line 7, near token \"/\""), messages(r));
        assertEquals(List.of("port=5444", "work_mem=4MB"), pairs(r));
        assertEquals(8, r.entries().get(1).line());
        assertEquals("42601", r.errors().get(0).sqlState());
    }

    @Test
    void includesAreRelativeToTheIncludingFile() throws IOException {
        write("conf.d/sub/inner.conf", "max_connections = 7\n");
        write("conf.d/middle.conf", "include 'sub/inner.conf'\nport = 6000\n");
        ConfigFileParser.Result r = parse("port = 1\ninclude 'conf.d/middle.conf'\nlisten_addresses = 'x'\n");
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("port=1", "max_connections=7", "port=6000", "listen_addresses=x"), pairs(r));
        assertEquals(dir.resolve("conf.d/sub/inner.conf").toString(), r.entries().get(1).file());
        assertEquals(1, r.entries().get(1).line());
    }

    @Test
    void includeIfExistsSkipsAMissingFileWithALogLineButIncludeFails() throws IOException {
        ConfigFileParser.Result r = parse("include_if_exists 'nothere.conf'\nINCLUDE = 'gone.conf'\nport = 2\n");
        assertEquals(List.of("could not open configuration file \"" + dir.resolve("gone.conf")
                + "\": No such file or directory"), messages(r));
        assertEquals(List.of("port=2"), pairs(r));
        assertTrue(log.text().contains("LOG:  skipping missing configuration file \"" + dir.resolve("nothere.conf") + "\""),
                log.text());
    }

    @Test
    void includeDirReadsConfFilesSortedByNameSkippingHiddenAndOthers() throws IOException {
        write("conf.d/20-b.conf", "port = 20\n");
        write("conf.d/10-a.conf", "port = 10\nmax_connections = 10\n");
        write("conf.d/.hidden.conf", "port = 99\n");
        write("conf.d/notes.txt", "port = 98\n");
        write("conf.d/30-c.conf.bak", "port = 97\n");
        Files.createDirectories(dir.resolve("conf.d/40-dir.conf"));
        ConfigFileParser.Result r = parse("include_dir 'conf.d'\n");
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("port=10", "max_connections=10", "port=20"), pairs(r));
        ConfigFileParser.Result missing = parse("include_dir 'nodir'\n");
        assertEquals(List.of("could not open configuration directory \"" + dir.resolve("nodir")
                + "\": No such file or directory"), messages(missing));
    }

    @Test
    void nestingDeeperThanTenFails() throws IOException {
        write("self.conf", "port = 1\ninclude 'self.conf'\n");
        ConfigFileParser.Result r = parser.parse(dir.resolve("self.conf"), true);
        assertEquals(List.of("could not open configuration file \"self.conf\": maximum nesting depth exceeded"),
                messages(r));
        assertEquals(11, r.entries().size(), "depths 0 to 10 are read");
        assertEquals("54000", r.errors().get(0).sqlState());
    }

    @Test
    void aMissingTopFileIsAnErrorWhenStrictAndNothingOtherwise() {
        Path p = dir.resolve("absent.conf");
        assertEquals(1, parser.parse(p, true).errors().size());
        assertEquals(0, parser.parse(p, false).errors().size());
    }
}
