package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucSource;
import org.elephas.api.guc.GucUnit;
import org.elephas.api.guc.Gucs;
import org.junit.jupiter.api.Test;

class ValueParserTest {

    private static Object parse(GucDefinition<?> def, String text) {
        return ValueParser.parse(def, text, GucSource.SESSION);
    }

    private static PgException fails(GucDefinition<?> def, String text) {
        PgException e = assertThrows(PgException.class, () -> parse(def, text));
        assertEquals("22023", e.sqlState());
        return e;
    }

    @Test
    void booleansAcceptWordsPrefixesAndDigitsCaseInsensitively() {
        GucDefinition<Boolean> b = Gucs.boolVariable("x.b", false).toDefinition();
        for (String t : List.of("on", "ON", "true", "t", "TRU", "yes", "y", "1")) {
            assertEquals(Boolean.TRUE, parse(b, t), t);
        }
        for (String t : List.of("off", "of", "OFF", "false", "f", "no", "N", "0")) {
            assertEquals(Boolean.FALSE, parse(b, t), t);
        }
        for (String t : List.of("o", "", "2", "10", "yess", "onn", " on")) {
            assertEquals("parameter \"x.b\" requires a Boolean value", fails(b, t).getMessage(), t);
        }
    }

    @Test
    void integersTakeHexOctalFractionsAndRoundToNearest() {
        GucDefinition<Integer> i = Gucs.intVariable("x.i", 0).toDefinition();
        assertEquals(31, parse(i, "0x1F"));
        assertEquals(8, parse(i, "010"));
        assertEquals(-5, parse(i, "-5"));
        assertEquals(2, parse(i, "2.5e0"), "rint rounds half to even");
        assertEquals(4, parse(i, "3.5"));
        assertEquals(12, parse(i, "  12  "));
        PgException e = fails(i, "12abc");
        assertEquals("invalid value for parameter \"x.i\": \"12abc\"", e.getMessage());
        assertNull(e.hint(), "a unitless parameter gives no hint");
        assertEquals("Value exceeds integer range.", fails(i, "3000000000").hint());
        assertNull(fails(i, "").hint());
        fails(i, "08");
    }

    @Test
    void timeUnitsConvertToTheParametersUnitWithRounding() {
        GucDefinition<Integer> ms = Gucs.intVariable("x.ms", 0).unit(GucUnit.MS).toDefinition();
        assertEquals(10_000, parse(ms, "10s"));
        assertEquals(10_000, parse(ms, "10 s"));
        assertEquals(60_000, parse(ms, "1min"));
        assertEquals(86_400_000, parse(ms, "1d"));
        assertEquals(2, parse(ms, "1500us"), "1.5 ms rounds to 2");
        assertEquals(1_500, parse(ms, "1.5s"));
        assertEquals(42, parse(ms, "42"));
        GucDefinition<Integer> s = Gucs.intVariable("x.s", 0).unit(GucUnit.S).toDefinition();
        assertEquals(0, parse(s, "500ms"), "0.5 s rounds half to even");
        assertEquals(2, parse(s, "1500ms"));
    }

    @Test
    void unknownUnitsGetTheHintOfTheirFamily() {
        GucDefinition<Integer> ms = Gucs.intVariable("x.ms", 0).unit(GucUnit.MS).toDefinition();
        PgException e = fails(ms, "10 sec");
        assertEquals("invalid value for parameter \"x.ms\": \"10 sec\"", e.getMessage());
        assertEquals("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".", e.hint());
        fails(ms, "10MB");
        fails(ms, "10S"); // units are case-sensitive
        GucDefinition<Integer> kb = Gucs.intVariable("x.kb", 0).unit(GucUnit.KB).toDefinition();
        assertEquals(65_536, parse(kb, "64MB"));
        assertEquals(1_048_576, parse(kb, "1GB"));
        assertEquals(2, parse(kb, "1536B"), "1.5 kB rounds to 2");
        assertEquals("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".",
                fails(kb, "64mb").hint());
        GucDefinition<Integer> blocks = Gucs.intVariable("x.bl", 0).unit(GucUnit.BLOCKS).toDefinition();
        assertEquals(16_384, parse(blocks, "128MB"));
    }

    @Test
    void outOfRangeNamesTheValueRangeAndUnit() {
        GucDefinition<Integer> ms = Gucs.intVariable("x.t", 10).range(0, 3_600_000).unit(GucUnit.MS).toDefinition();
        assertEquals("3600001 ms is outside the valid range for parameter \"x.t\" (0 ms .. 3600000 ms)",
                fails(ms, "3600001").getMessage());
        assertEquals("7200000 ms is outside the valid range for parameter \"x.t\" (0 ms .. 3600000 ms)",
                fails(ms, "2h").getMessage());
        GucDefinition<Integer> port = Gucs.intVariable("x.port", 5433).range(1, 65535).toDefinition();
        assertEquals("0 is outside the valid range for parameter \"x.port\" (1 .. 65535)", fails(port, "0").getMessage());
    }

    @Test
    void realsUseUnitsAndPercentGInMessages() {
        GucDefinition<Double> r = Gucs.realVariable("x.r", 1.0).range(0.0, 100.0).toDefinition();
        assertEquals(0.25, parse(r, "0.25"));
        assertEquals(1e2, parse(r, "1e2"));
        assertEquals("100.5 is outside the valid range for parameter \"x.r\" (0 .. 100)", fails(r, "100.5").getMessage());
        fails(r, "nan");
        assertEquals("invalid value for parameter \"x.r\": \"1e400\"", fails(r, "1e400").getMessage());
        GucDefinition<Double> sec = Gucs.realVariable("x.sec", 1.0).unit(GucUnit.S).toDefinition();
        assertEquals(0.5, parse(sec, "500ms"));
    }

    @Test
    void enumsAreCaseInsensitiveAndListTheirValues() {
        GucDefinition<String> e = Gucs.enumVariable("x.e", "b", List.of("a", "b", "c")).toDefinition();
        assertEquals("c", parse(e, "C"));
        PgException err = fails(e, "d");
        assertEquals("invalid value for parameter \"x.e\": \"d\"", err.getMessage());
        assertEquals("Available values: a, b, c.", err.hint());
    }

    @Test
    void checkHookRejectionUsesTheInvalidValueMessage() {
        GucDefinition<Integer> even = Gucs.intVariable("x.even", 0).checkHook((v, src) -> v % 2 == 0).toDefinition();
        assertEquals(4, parse(even, "4"));
        assertEquals("invalid value for parameter \"x.even\": \"3\"", fails(even, "3").getMessage());
    }

    @Test
    void showPrintsTheLargestExactUnit() {
        GucDefinition<Integer> ms = Gucs.intVariable("x.ms", 0).unit(GucUnit.MS).toDefinition();
        assertEquals("10s", ValueFormat.show(ms, 10_000));
        assertEquals("1min", ValueFormat.show(ms, 60_000));
        assertEquals("1500ms", ValueFormat.show(ms, 1_500));
        assertEquals("1d", ValueFormat.show(ms, 86_400_000));
        assertEquals("0", ValueFormat.show(ms, 0));
        assertEquals("-1", ValueFormat.show(ms, -1));
        assertEquals("10000", ValueFormat.raw(ms, 10_000));
        GucDefinition<Integer> kb = Gucs.intVariable("x.kb", 0).unit(GucUnit.KB).toDefinition();
        assertEquals("64MB", ValueFormat.show(kb, 65_536));
        assertEquals("1GB", ValueFormat.show(kb, 1_048_576));
        assertEquals("100kB", ValueFormat.show(kb, 100));
        GucDefinition<Integer> blocks = Gucs.intVariable("x.bl", 0).unit(GucUnit.BLOCKS).toDefinition();
        assertEquals("128MB", ValueFormat.show(blocks, 16_384));
        assertEquals("8kB", ValueFormat.show(blocks, 1));
        GucDefinition<Double> sec = Gucs.realVariable("x.sec", 0).unit(GucUnit.S).toDefinition();
        assertEquals("1500ms", ValueFormat.show(sec, 1.5));
        assertEquals("2min", ValueFormat.show(sec, 120.0));
        GucDefinition<Boolean> b = Gucs.boolVariable("x.b", false).toDefinition();
        assertEquals("on", ValueFormat.show(b, true));
        GucDefinition<String> s = Gucs.stringVariable("x.s", null).toDefinition();
        assertEquals("", ValueFormat.show(s, null));
    }

    @Test
    void percentGMatchesC() {
        assertEquals("0.1", NumberScanner.formatG(0.1));
        assertEquals("100000", NumberScanner.formatG(100000));
        assertEquals("1e+06", NumberScanner.formatG(1e6));
        assertEquals("1.5e-05", NumberScanner.formatG(1.5e-5));
        assertEquals("0.0001", NumberScanner.formatG(1e-4));
        assertEquals("3.14159", NumberScanner.formatG(Math.PI));
        assertEquals("-2.5", NumberScanner.formatG(-2.5));
        assertEquals("1.79769e+308", NumberScanner.formatG(Double.MAX_VALUE));
    }
}
