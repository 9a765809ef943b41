package org.elephas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HostPlannedStmt#explain()} on a real H2 database: the plan of a statement with
 * parameters is the one the engine uses to run it, and the statement's text stays as written.
 */
class PlannedStmtExplainTest {
    private Connection connection;

    @BeforeEach
    void openEngine() throws SQLException {
        connection = DriverManager.getConnection(
                "jdbc:h2:mem:explain;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, label varchar)");
        }
    }

    @AfterEach
    void closeEngine() throws SQLException {
        connection.close();
    }

    private String explain(String engineSql, int parameterCount) {
        // explain() reads only the engine SQL and the connection.
        return new HostPlannedStmt(null, engineSql, parameterCount, connection, false).explain();
    }

    @Test
    void parametersStayParametersAndTheIndexIsUsed() {
        String plan = explain("SELECT * FROM items WHERE id = ?1", 1);
        assertTrue(plan.contains("PRIMARY_KEY"), plan);
        assertTrue(plan.contains("?1"), plan);
        assertFalse(plan.contains("tableScan"), plan);
    }

    @Test
    void markersInsideStringLiteralsAreLeftAlone() {
        String plan = explain("SELECT * FROM items WHERE label <> 'what?1' AND id = ?1", 1);
        assertTrue(plan.contains("'what?1'"), plan);
        assertFalse(plan.contains("NULL"), plan);
    }

    @Test
    void aStatementWithoutParametersAndAnInsert() {
        assertEquals("SELECT\n    1", explain("SELECT 1", 0));
        String insert = explain("INSERT INTO items VALUES (?1, ?2)", 2);
        assertTrue(insert.startsWith("INSERT INTO"), insert);
        assertTrue(insert.contains("?2"), insert);
    }
}
