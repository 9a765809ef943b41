package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.elephas.testing.ListeningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/** COPY FROM STDIN and TO STDOUT through pgjdbc's CopyManager. */
class WireCopyTest {
    @RegisterExtension
    static final ListeningServer server = new ListeningServer();



    static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.get().jdbcUrl("postgres") + "?user=postgres");
    }

    @Test
    void textFormatBothWays() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_text (id int, name text, note text)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long n = copy.copyIn("COPY copy_text FROM STDIN",
                    new StringReader("1\tone\t\\N\n2\ttab\\there\tline\\nbreak\n3\tbackslash \\\\\tx\n"));
            assertEquals(3, n);
            try (ResultSet rs = s.executeQuery("SELECT name, note FROM copy_text WHERE id = 2")) {
                assertTrue(rs.next());
                assertEquals("tab\there", rs.getString(1));
                assertEquals("line\nbreak", rs.getString(2));
            }
            StringWriter out = new StringWriter();
            assertEquals(3, copy.copyOut("COPY (SELECT id, name, note FROM copy_text ORDER BY id) TO STDOUT", out));
            assertEquals("1\tone\t\\N\n2\ttab\\there\tline\\nbreak\n3\tbackslash \\\\\tx\n", out.toString());
        }
    }

    @Test
    void csvWithHeaderAndColumns() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_csv (id int, name text, price numeric(8,2))");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String csv = "name,id\n\"quoted, with comma\",1\n\"multi\nline\",2\n,3\n";
            assertEquals(3, copy.copyIn("COPY copy_csv (name, id) FROM STDIN WITH (FORMAT csv, HEADER true)",
                    new StringReader(csv)));
            StringWriter out = new StringWriter();
            assertEquals(3, copy.copyOut("COPY copy_csv (id, name) TO STDOUT WITH CSV HEADER", out));
            String text = out.toString();
            assertTrue(text.startsWith("id,name\n"), text);
            assertTrue(text.contains("1,\"quoted, with comma\"\n"), text);
            assertTrue(text.contains("2,\"multi\nline\"\n"), text);
            assertTrue(text.contains("3,\n"), text);
        }
    }

    @Test
    void aBadRowFailsTheWholeCopy() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_bad (id int NOT NULL, name text)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy.copyIn("COPY copy_bad FROM STDIN", new StringReader("1\ta\n2\tb\n3\n4\td\n")));
            assertEquals("22P04", e.getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM copy_bad")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "nothing was kept");
            }
            PSQLException missing = assertThrows(PSQLException.class,
                    () -> copy.copyIn("COPY no_such_table FROM STDIN", new StringReader("1\n")));
            assertEquals("42P01", missing.getSQLState());
            // The connection goes on.
            assertEquals(1, copy.copyIn("COPY copy_bad FROM STDIN", new StringReader("9\tz\n")));
        }
    }

    /** More rows than one batch of CopyInserts: full batches, then the rest, all in one transaction. */
    @Test
    void manyRowsGoInBatchesAndABadValueInALaterBatchKeepsNothing() throws Exception {
        int n = CopyInserts.ROWS_PER_INSERT * 2 + 7;
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            rows.append(i).append('\t').append(i % 3 == 0 ? "\\N" : "name " + i).append('\n');
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_many (id int PRIMARY KEY, name text)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertEquals(n, copy.copyIn("COPY copy_many FROM STDIN", new StringReader(rows.toString())));
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*), sum(id), count(name), max(name) FROM copy_many")) {
                assertTrue(rs.next());
                assertEquals(n, rs.getInt(1));
                assertEquals((long) n * (n + 1) / 2, rs.getLong(2));
                assertEquals(n - n / 3, rs.getInt(3), "every third name is NULL");
                assertEquals("name 998", rs.getString(4));
            }
            // A value the engine rejects in the third batch: the first two, already inserted, go too.
            String bad = rows.toString().replace((n - 1) + "\tname", "x\tname");
            s.execute("CREATE TABLE copy_many_bad (id int, name text)");
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy.copyIn("COPY copy_many_bad FROM STDIN", new StringReader(bad)));
            assertEquals("22P02", e.getSQLState(), e.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM copy_many_bad")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "nothing was kept");
            }
        }
    }
}
