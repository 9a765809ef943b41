package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.elephas.testing.ListeningServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGResultSetMetaData;

/**
 * pgjdbc's metadata calls over the wire: {@link DatabaseMetaData} (getTables, getColumns,
 * getPrimaryKeys, getIndexInfo, getSchemas, getTypeInfo) and {@link ResultSetMetaData}, which
 * pgjdbc answers from the table OID and column number in RowDescription. Expected values are
 * what the same calls return from PostgreSQL 15 for the same schema.
 */
class JdbcMetadataTest {
    @RegisterExtension
    static final ListeningServer server = new ListeningServer();

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE md_customers (id integer PRIMARY KEY, name varchar(40) NOT NULL, "
                    + "email text, balance numeric(12,2) DEFAULT 0)");
            s.execute("CREATE UNIQUE INDEX md_customers_email ON md_customers (email)");
            s.execute("CREATE TABLE md_orders (id bigint PRIMARY KEY, customer_id integer NOT NULL "
                    + "REFERENCES md_customers (id), placed date, note text)");
            s.execute("CREATE INDEX md_orders_placed ON md_orders (placed, customer_id)");
            s.execute("CREATE VIEW md_big AS SELECT id, name FROM md_customers WHERE balance > 100");
            s.execute("INSERT INTO md_customers VALUES (1, 'Ann', 'ann@example.com', 120.50), (2, 'Bob', NULL, 3)");
        }
    }


    /** @param mode pgjdbc's preferQueryMode: {@code simple} or {@code extended} */
    static Connection connect(String mode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("preferQueryMode", mode);
        return DriverManager.getConnection(server.get().jdbcUrl("postgres"), p);
    }

    /** The rows of a metadata result, each as column label to value (as strings). */
    static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, String>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    static List<String> column(List<Map<String, String>> rows, String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }

    @Test
    void getTables() throws Exception {
        try (Connection c = connect("extended")) {
            DatabaseMetaData md = c.getMetaData();
            List<Map<String, String>> tables = rows(md.getTables(null, "public", "md_%", new String[] {"TABLE"}));
            assertEquals(List.of("md_customers", "md_orders"), column(tables, "TABLE_NAME"));
            assertEquals(List.of("TABLE", "TABLE"), column(tables, "TABLE_TYPE"));
            assertEquals(List.of("public", "public"), column(tables, "TABLE_SCHEM"));
            List<Map<String, String>> views = rows(md.getTables(null, "public", "md_%", new String[] {"VIEW"}));
            assertEquals(List.of("md_big"), column(views, "TABLE_NAME"));
            assertEquals(List.of("VIEW"), column(views, "TABLE_TYPE"));
            // All types: tables, views and the indexes, which pgjdbc lists as INDEX.
            List<Map<String, String>> all = rows(md.getTables(null, "public", "md_%", null));
            assertTrue(column(all, "TABLE_NAME").containsAll(List.of("md_big", "md_customers", "md_orders",
                    "md_customers_email", "md_orders_placed")), all::toString);
        }
    }

    @Test
    void getColumns() throws Exception {
        try (Connection c = connect("extended")) {
            List<Map<String, String>> cols = rows(c.getMetaData().getColumns(null, "public", "md_customers", null));
            assertEquals(List.of("id", "name", "email", "balance"), column(cols, "COLUMN_NAME"));
            assertEquals(List.of("int4", "varchar", "text", "numeric"), column(cols, "TYPE_NAME"));
            assertEquals(List.of(String.valueOf(Types.INTEGER), String.valueOf(Types.VARCHAR),
                    String.valueOf(Types.VARCHAR), String.valueOf(Types.NUMERIC)), column(cols, "DATA_TYPE"));
            assertEquals(List.of("10", "40", "2147483647", "12"), column(cols, "COLUMN_SIZE"));
            assertEquals("2", cols.get(3).get("DECIMAL_DIGITS"));
            assertEquals(List.of("0", "0", "1", "1"), column(cols, "NULLABLE"));
            assertEquals(List.of("NO", "NO", "YES", "YES"), column(cols, "IS_NULLABLE"));
            assertEquals(List.of("1", "2", "3", "4"), column(cols, "ORDINAL_POSITION"));
            assertEquals("0", cols.get(3).get("COLUMN_DEF"));
            assertEquals(List.of("NO", "NO", "NO", "NO"), column(cols, "IS_AUTOINCREMENT"));
        }
    }

    @Test
    void getPrimaryKeys() throws Exception {
        try (Connection c = connect("extended")) {
            List<Map<String, String>> keys = rows(c.getMetaData().getPrimaryKeys(null, "public", "md_orders"));
            assertEquals(1, keys.size(), keys::toString);
            assertEquals("md_orders", keys.get(0).get("TABLE_NAME"));
            assertEquals("id", keys.get(0).get("COLUMN_NAME"));
            assertEquals("1", keys.get(0).get("KEY_SEQ"));
            assertFalse(keys.get(0).get("PK_NAME").isEmpty());
        }
    }

    @Test
    void getIndexInfo() throws Exception {
        try (Connection c = connect("extended")) {
            List<Map<String, String>> all = rows(c.getMetaData().getIndexInfo(null, "public", "md_orders", false, false));
            List<String> placed = all.stream().filter(r -> "md_orders_placed".equals(r.get("INDEX_NAME")))
                    .map(r -> r.get("ORDINAL_POSITION") + ":" + r.get("COLUMN_NAME") + ":" + r.get("NON_UNIQUE"))
                    .toList();
            assertEquals(List.of("1:placed:t", "2:customer_id:t"), placed, all::toString);
            List<Map<String, String>> unique = rows(c.getMetaData().getIndexInfo(null, "public", "md_customers", true,
                    false));
            List<String> columns = unique.stream().map(r -> r.get("COLUMN_NAME") + ":" + r.get("NON_UNIQUE")).sorted()
                    .toList();
            assertEquals(List.of("email:f", "id:f"), columns, unique::toString);
            assertTrue(column(unique, "INDEX_NAME").contains("md_customers_email"), unique::toString);
        }
    }

    @Test
    void getSchemas() throws Exception {
        try (Connection c = connect("extended")) {
            List<String> schemas = column(rows(c.getMetaData().getSchemas()), "TABLE_SCHEM");
            assertTrue(schemas.containsAll(List.of("information_schema", "pg_catalog", "public")), schemas::toString);
            assertFalse(schemas.contains("elephas_catalog"), schemas::toString);
            assertEquals(List.of("public"), column(rows(c.getMetaData().getSchemas(null, "pub%")), "TABLE_SCHEM"));
        }
    }

    @Test
    void getTypeInfo() throws Exception {
        try (Connection c = connect("extended")) {
            Map<String, String> types = new HashMap<>();
            for (Map<String, String> r : rows(c.getMetaData().getTypeInfo())) {
                types.put(r.get("TYPE_NAME"), r.get("DATA_TYPE"));
            }
            assertEquals(String.valueOf(Types.INTEGER), types.get("int4"));
            assertEquals(String.valueOf(Types.BIGINT), types.get("int8"));
            assertEquals(String.valueOf(Types.VARCHAR), types.get("varchar"));
            assertEquals(String.valueOf(Types.VARCHAR), types.get("text"));
            assertEquals(String.valueOf(Types.NUMERIC), types.get("numeric"));
            assertEquals(String.valueOf(Types.BIT), types.get("bool"));
            assertEquals(String.valueOf(Types.TIMESTAMP), types.get("timestamp"));
            assertEquals(String.valueOf(Types.ARRAY), types.get("_int4"));
        }
    }

    @Test
    void resultSetMetaDataSimpleProtocol() throws Exception {
        try (Connection c = connect("simple"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, balance, id + 1 AS next FROM md_customers")) {
            assertResultOrigins(rs.getMetaData());
        }
    }

    @Test
    void resultSetMetaDataExtendedProtocol() throws Exception {
        try (Connection c = connect("extended");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, name, balance, id + 1 AS next FROM md_customers WHERE id > ?")) {
            ps.setInt(1, 0);
            // Before execution (Describe of the statement) and after.
            assertResultOrigins(ps.getMetaData());
            try (ResultSet rs = ps.executeQuery()) {
                assertResultOrigins(rs.getMetaData());
            }
        }
    }

    private static void assertResultOrigins(ResultSetMetaData md) throws SQLException {
        PGResultSetMetaData pg = md.unwrap(PGResultSetMetaData.class);
        assertEquals(List.of("md_customers", "md_customers", "md_customers", ""),
                List.of(pg.getBaseTableName(1), pg.getBaseTableName(2), pg.getBaseTableName(3), pg.getBaseTableName(4)));
        assertEquals(List.of("id", "name", "balance", ""),
                List.of(pg.getBaseColumnName(1), pg.getBaseColumnName(2), pg.getBaseColumnName(3),
                        pg.getBaseColumnName(4)));
        assertEquals("public", pg.getBaseSchemaName(1));
        assertEquals("md_customers", md.getTableName(2));
        assertEquals("next", md.getColumnLabel(4));
        assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
        assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(2));
        assertEquals(ResultSetMetaData.columnNullable, md.isNullable(3));
        assertEquals(ResultSetMetaData.columnNullableUnknown, md.isNullable(4));
        assertFalse(md.isAutoIncrement(1));
        assertEquals("int4", md.getColumnTypeName(1));
        assertEquals("varchar", md.getColumnTypeName(2));
    }

    @Test
    void resultSetMetaDataOfViewsAndJoins() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT b.name, o.placed, o.id FROM md_big b "
                        + "JOIN md_orders o ON o.customer_id = b.id")) {
            PGResultSetMetaData pg = rs.getMetaData().unwrap(PGResultSetMetaData.class);
            // PostgreSQL names the view for a view's columns (before rewriting), the table for a table's.
            assertEquals("md_big", pg.getBaseTableName(1));
            assertEquals("name", pg.getBaseColumnName(1));
            assertEquals("md_orders", pg.getBaseTableName(2));
            assertEquals("placed", pg.getBaseColumnName(2));
            assertEquals("id", pg.getBaseColumnName(3));
            assertEquals(ResultSetMetaData.columnNoNulls, rs.getMetaData().isNullable(3));
        }
    }

    @Test
    void dataModifyingWithHasNoTableOrigin() throws Exception {
        // The engine runs it through a temporary table of its own, which is no relation of the client's.
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rd_log (id int, what text)");
            for (int i = 1; i <= 2; i++) {
                try (ResultSet rs = s.executeQuery("WITH n AS (INSERT INTO rd_log VALUES (" + i
                        + ", 'x') RETURNING id) SELECT id FROM n")) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt(1));
                    assertEquals("", rs.getMetaData().unwrap(PGResultSetMetaData.class).getBaseTableName(1));
                }
            }
        }
    }

    @Test
    void rowDescriptionCarriesTheCatalogsOids() throws Exception {
        // The OID and column number in RowDescription are pg_class's and pg_attribute's: pgjdbc's
        // own catalog query, keyed by them, finds the column.
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rd_renamed (a int, b text, c int)");
            try (ResultSet rs = s.executeQuery("SELECT c, b FROM rd_renamed")) {
                PGResultSetMetaData pg = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                assertEquals("c", pg.getBaseColumnName(1));
                assertEquals("b", pg.getBaseColumnName(2));
            }
            // A table dropped and created again under the same name has a new OID.
            s.execute("DROP TABLE rd_renamed");
            s.execute("CREATE TABLE rd_renamed (z int, c int)");
            try (Connection fresh = connect("extended"); Statement s2 = fresh.createStatement();
                    ResultSet rs = s2.executeQuery("SELECT c FROM rd_renamed")) {
                PGResultSetMetaData pg = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                assertEquals("rd_renamed", pg.getBaseTableName(1));
                assertEquals("c", pg.getBaseColumnName(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT attnum FROM pg_attribute WHERE attrelid = "
                    + "'rd_renamed'::regclass AND attname = 'c'")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }
}
