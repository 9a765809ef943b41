package org.elephas.engine;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.elephas.api.sql.Column;

/**
 * The PostgreSQL type (OID, name, size) of each engine column type.
 *
 * <p>H2 stores PostgreSQL's {@code text} as {@code CHARACTER VARYING} with its maximum length,
 * and types string expressions and constants the same way. Such values are reported as
 * {@code text} (25), as PostgreSQL types them; only a table column declared with a length
 * ({@code varchar(10)}) is reported as {@code varchar} (1043).
 */
public final class PgTypes {
    /** H2's maximum string length: what a {@code text} or length-less {@code varchar} column gets. */
    private static final int UNBOUNDED_LENGTH = 1_000_000_000;

    /** {@code text}, the type of anything without a closer match. */
    public static final Column TEXT = new Column("?column?", 25, "text", -1);

    private PgTypes() {
    }

    /**
     * @param md a result's metadata
     * @return its columns with PostgreSQL types
     * @throws SQLException from the driver
     */
    public static List<Column> columns(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            Column c = column(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i));
            if (c.typeOid() == 1043 && isText(md, i)) {
                c = new Column(c.name(), 25, "text", -1);
            }
            columns.add(c);
        }
        return columns;
    }

    /**
     * @param md a result's metadata
     * @param connection the engine connection the result came from
     * @return its columns with PostgreSQL types, those read from a table with the table's OID
     *     and their column number ({@link ColumnOrigins})
     * @throws SQLException from the driver
     */
    public static List<Column> columns(ResultSetMetaData md, java.sql.Connection connection) throws SQLException {
        return ColumnOrigins.resolve(columns(md), md, connection);
    }

    /** A string without a declared length, or not read from a table column: PostgreSQL's text. */
    private static boolean isText(ResultSetMetaData md, int i) throws SQLException {
        String table = md.getTableName(i);
        return md.getPrecision(i) >= UNBOUNDED_LENGTH || table == null || table.isEmpty();
    }

    /**
     * @param name the column name
     * @param jdbcType its {@link Types} code
     * @param engineTypeName the engine's name for the type
     * @return the column with PostgreSQL's type
     */
    public static Column column(String name, int jdbcType, String engineTypeName) {
        String engine = engineTypeName == null ? "" : engineTypeName.toUpperCase(java.util.Locale.ROOT);
        if (engine.startsWith("UUID")) {
            // The engine reports UUID as BINARY: its name says what it is.
            return new Column(name, 2950, "uuid", 16);
        }
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> new Column(name, 16, "bool", 1);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> new Column(name, 17, "bytea", -1);
            case Types.BIGINT -> new Column(name, 20, "int8", 8);
            case Types.SMALLINT, Types.TINYINT -> new Column(name, 21, "int2", 2);
            case Types.INTEGER -> new Column(name, 23, "int4", 4);
            case Types.REAL -> new Column(name, 700, "float4", 4);
            case Types.FLOAT, Types.DOUBLE -> new Column(name, 701, "float8", 8);
            case Types.NUMERIC, Types.DECIMAL -> new Column(name, 1700, "numeric", -1);
            case Types.CHAR, Types.NCHAR -> new Column(name, 1042, "bpchar", -1);
            case Types.VARCHAR, Types.NVARCHAR -> new Column(name, 1043, "varchar", -1);
            case Types.LONGVARCHAR, Types.CLOB, Types.NCLOB -> new Column(name, 25, "text", -1);
            case Types.DATE -> new Column(name, 1082, "date", 4);
            case Types.TIME -> new Column(name, 1083, "time", 8);
            case Types.TIME_WITH_TIMEZONE -> new Column(name, 1266, "timetz", 12);
            case Types.TIMESTAMP -> new Column(name, 1114, "timestamp", 8);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new Column(name, 1184, "timestamptz", 8);
            case Types.ARRAY -> new Column(name, 1009, "_text", -1);
            default -> byEngineName(name, engine);
        };
    }

    private static Column byEngineName(String name, String engine) {
        if (engine.startsWith("UUID")) {
            return new Column(name, 2950, "uuid", 16);
        }
        if (engine.startsWith("JSON")) {
            return new Column(name, 114, "json", -1);
        }
        if (engine.startsWith("INTERVAL")) {
            return new Column(name, 1186, "interval", 16);
        }
        return new Column(name, 25, "text", -1);
    }
}
