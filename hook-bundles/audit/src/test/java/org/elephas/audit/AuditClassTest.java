package org.elephas.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The classes of command tags, the {@code audit.log} list, and the line's CSV fields. */
class AuditClassTest {

    @Test
    void commandTagsFallInOneClassEach() {
        assertEquals(AuditClass.ROLE, AuditClass.of("CREATE ROLE"));
        assertEquals(AuditClass.ROLE, AuditClass.of("REVOKE"));
        assertEquals(AuditClass.DDL, AuditClass.of("CREATE TABLE"));
        assertEquals(AuditClass.DDL, AuditClass.of("ALTER SYSTEM"));
        assertEquals(AuditClass.DDL, AuditClass.of("DROP EXTENSION"));
        assertEquals(AuditClass.MISC_SET, AuditClass.of("RESET"));
        assertEquals(AuditClass.FUNCTION, AuditClass.of("DO"));
        assertEquals(AuditClass.READ, AuditClass.of("SELECT"));
        assertEquals(AuditClass.WRITE, AuditClass.of("TRUNCATE TABLE"));
        assertEquals(AuditClass.WRITE, AuditClass.of("MERGE"));
        assertEquals(AuditClass.MISC, AuditClass.of("CHECKPOINT"));
        assertEquals(AuditClass.MISC, AuditClass.of("BEGIN"));
    }

    @Test
    void listIsReadLeftToRightCaseInsensitively() {
        assertEquals(EnumSet.noneOf(AuditClass.class), AuditClass.parseList("none"));
        assertEquals(EnumSet.noneOf(AuditClass.class), AuditClass.parseList(""));
        assertEquals(EnumSet.of(AuditClass.DDL, AuditClass.ROLE), AuditClass.parseList(" DDL ,role"));
        assertEquals(EnumSet.complementOf(EnumSet.of(AuditClass.MISC)), AuditClass.parseList("all,-misc"));
        assertEquals(EnumSet.of(AuditClass.DDL), AuditClass.parseList("-ddl,ddl"));
        assertEquals(EnumSet.noneOf(AuditClass.class), AuditClass.parseList("ddl,-ddl"));
        assertEquals(EnumSet.noneOf(AuditClass.class), AuditClass.parseList("ddl,none,-all"));
        assertNull(AuditClass.parseList("ddl,bogus"));
        assertNull(AuditClass.parseList("ddl,,role"));
        assertNull(AuditClass.parseList("misc-set"));
    }

    @Test
    void fieldsAreCsv() {
        AuditEvent event = new AuditEvent(7, 2, AuditClass.DDL, "CREATE TABLE", "create table \"a,b\" (x int)",
                AuditEvent.parameterField(List.of("x,y", 3)), "r", null);
        assertEquals("AUDIT: SESSION,7,2,DDL,CREATE TABLE,,,\"create table \"\"a,b\"\" (x int)\",\"\"\"x,y\"\",3\",r,,"
                + "FAILURE,42P07", event.line("42P07"));
        assertEquals("<none>", AuditEvent.parameterField(List.of()));
    }
}
