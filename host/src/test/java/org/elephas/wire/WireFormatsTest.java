package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Unit tests of the pieces without a server: hba.conf, text and binary encodings. */
class WireFormatsTest {

    @Test
    void hbaRulesMatchInOrder() throws Exception {
        HbaFile hba = HbaFile.parse("""
                # comment
                local all all trust
                host  db1,db2  alice,+staff  10.1.0.0/16   md5   # trailing comment
                host  sameuser all           ::1/128       scram-sha-256
                host  all      all           127.0.0.1  255.255.255.255  password
                """, "hba.conf");
        InetAddress ten = InetAddress.getByName("10.1.2.3");
        InetAddress loop = InetAddress.getByName("127.0.0.1");
        InetAddress loop6 = InetAddress.getByName("::1");
        assertEquals("md5", hba.match(ten, "db2", "alice").orElseThrow().method());
        assertEquals("md5", hba.match(ten, "db1", "staff").orElseThrow().method());
        assertTrue(hba.match(ten, "db3", "alice").isEmpty());
        assertTrue(hba.match(InetAddress.getByName("10.2.0.1"), "db1", "alice").isEmpty());
        assertEquals("scram-sha-256", hba.match(loop6, "bob", "bob").orElseThrow().method());
        assertTrue(hba.match(loop6, "other", "bob").isEmpty());
        assertEquals("password", hba.match(loop, "x", "y").orElseThrow().method());
        assertEquals(5, hba.match(loop, "x", "y").orElseThrow().lineNumber());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HbaFile.parse("host all all 127.0.0.1/32 magic\n", "hba.conf"));
        assertEquals("invalid authentication method \"magic\" (line 1 of configuration file \"hba.conf\")",
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HbaFile.parse("hots all all trust\n", "f"));
    }

    @Test
    void floatsAsPostgresWritesThem() {
        assertEquals("1.5", TextEncoder.formatFloat(1.5, 15));
        assertEquals("100", TextEncoder.formatFloat(100.0, 15));
        assertEquals("1e+15", TextEncoder.formatFloat(1e15, 15));
        assertEquals("100000000000000", TextEncoder.formatFloat(1e14, 15));
        assertEquals("0.0001", TextEncoder.formatFloat(0.0001, 15));
        assertEquals("1e-05", TextEncoder.formatFloat(0.00001, 15));
        assertEquals("-2.5e+300", TextEncoder.formatFloat(-2.5e300, 15));
        assertEquals("1e+06", TextEncoder.formatFloat(1e6, 6));
        assertEquals("0.1", TextEncoder.formatFloat(0.1f, 6));
        assertEquals("NaN", TextEncoder.formatFloat(Double.NaN, 15));
        assertEquals("-Infinity", TextEncoder.formatFloat(Double.NEGATIVE_INFINITY, 15));
    }

    @Test
    void timestampsInTheSessionZone() {
        OffsetDateTime t = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.UTC);
        assertEquals("2023-12-31 19:00:00.5-05", TextEncoder.encode(t, 1184, ZoneId.of("America/New_York")));
        assertEquals("2024-01-01 05:45:00.5+05:45", TextEncoder.encode(t, 1184, ZoneId.of("Asia/Kathmandu")));
        assertEquals("t", TextEncoder.encode(true, 16, ZoneOffset.UTC));
        assertEquals("\\x00ff", TextEncoder.encode(new byte[] {0, (byte) 0xff}, 17, ZoneOffset.UTC));
        assertEquals("{a,\"b c\",NULL,\"\"}", TextEncoder.encode(new Object[] {"a", "b c", null, ""}, 1009,
                ZoneOffset.UTC));
    }

    @Test
    void numericBinaryRoundTrips() {
        for (String v : new String[] {"0", "1", "-1", "12345.6789", "0.000123", "-0.5", "10000", "123456789012345678.9",
                "1E+5", "0.00"}) {
            BigDecimal d = new BigDecimal(v);
            BigDecimal back = BinaryEncoder.decodeNumeric(ByteBuffer.wrap(BinaryEncoder.numeric(d)));
            assertEquals(0, d.compareTo(back), v);
            assertEquals(Math.max(0, d.scale()), back.scale(), v);
        }
        assertFalse(BinaryEncoder.supports(1186), "interval is sent as text only");
    }
}
