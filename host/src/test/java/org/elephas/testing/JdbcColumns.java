package org.elephas.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reading a query's first column over plain JDBC, for tests that look into an engine database. */
public final class JdbcColumns {
    private JdbcColumns() {
    }

    /**
     * @param connection an open connection
     * @param sql a query
     * @return its rows' first column, as strings, in the order returned
     * @throws SQLException from the driver
     */
    public static List<String> firstColumn(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
