package org.elephas.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elephas.api.PgException;

/** Assertions on PostgreSQL error reports. */
public final class PgAssertions {
    private PgAssertions() {
    }

    /**
     * @param sqlState the expected SQLSTATE
     * @param message the expected primary message
     * @param e the error raised
     */
    public static void assertError(String sqlState, String message, PgException e) {
        assertEquals(message, e.getMessage());
        assertEquals(sqlState, e.sqlState(), e.getMessage());
    }
}
