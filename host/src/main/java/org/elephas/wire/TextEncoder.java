package org.elephas.wire;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/**
 * PostgreSQL's text output of each type ({@code typoutput}), from the values the engine's JDBC
 * driver returns: booleans as {@code t}/{@code f}, {@code bytea} as {@code \x} hex, floats in
 * shortest exact form with PostgreSQL's exponent rules, dates and times in ISO style, and
 * {@code timestamptz} in the session's {@code TimeZone}. The engine gives {@code timestamp}
 * values as {@link java.sql.Timestamp} in the JVM's zone; their wall-clock fields are the
 * stored ones.
 */
public final class TextEncoder {
    private TextEncoder() {
    }

    /**
     * @param value a non-null value from the engine
     * @param typeOid the column's PostgreSQL type
     * @param zone the session's time zone, for {@code timestamptz}
     * @return its text form
     */
    public static String encode(Object value, int typeOid, ZoneId zone) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (value instanceof Double d) {
            return typeOid == 700 ? formatFloat(d.floatValue(), 6) : formatFloat(d, 15);
        }
        if (value instanceof Float f) {
            return formatFloat(f, 6);
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof byte[] b) {
            return typeOid == 114 || typeOid == 3802 ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : "\\x" + HexFormat.of().formatHex(b);
        }
        if (value instanceof java.sql.Timestamp ts) {
            LocalDateTime local = ts.toLocalDateTime();
            if (typeOid == 1184) {
                return timestampTz(local.atZone(ZoneId.systemDefault()).toOffsetDateTime(), zone);
            }
            return timestamp(local);
        }
        if (value instanceof LocalDateTime t) {
            return timestamp(t);
        }
        if (value instanceof OffsetDateTime t) {
            return timestampTz(t, zone);
        }
        if (value instanceof ZonedDateTime t) {
            return timestampTz(t.toOffsetDateTime(), zone);
        }
        if (value instanceof java.sql.Date d) {
            return date(d.toLocalDate());
        }
        if (value instanceof LocalDate d) {
            return date(d);
        }
        if (value instanceof java.sql.Time t) {
            return time(t.toLocalTime());
        }
        if (value instanceof LocalTime t) {
            return time(t);
        }
        if (value instanceof OffsetTime t) {
            return time(t.toLocalTime()) + offset(t.getOffset());
        }
        if (value instanceof Array a) {
            try {
                return array((Object[]) a.getArray(), zone);
            } catch (SQLException e) {
                return String.valueOf(value);
            }
        }
        if (value instanceof Object[] a) {
            return array(a, zone);
        }
        return value.toString();
    }

    /**
     * Shortest exact decimal form, switching to an exponent below 1e-4 or from
     * {@code 10^limit} on, as PostgreSQL's float output does.
     */
    static String formatFloat(double d, int limit) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        String shortest = limit == 6 ? Float.toString((float) d) : Double.toString(d);
        BigDecimal b = new BigDecimal(shortest).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= limit) {
            String digits = b.unscaledValue().abs().toString();
            StringBuilder s = new StringBuilder();
            if (b.signum() < 0) {
                s.append('-');
            }
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                s.append('0');
            }
            return s.append(e).toString();
        }
        return b.toPlainString();
    }

    static String date(LocalDate d) {
        if (d.getYear() <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        return d.toString();
    }

    static String time(LocalTime t) {
        StringBuilder s = new StringBuilder(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = String.format("%06d", micros);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            s.append('.').append(f, 0, end);
        }
        return s.toString();
    }

    static String timestamp(LocalDateTime t) {
        return date(t.toLocalDate()) + " " + time(t.toLocalTime());
    }

    static String timestampTz(OffsetDateTime t, ZoneId zone) {
        OffsetDateTime inZone = t.atZoneSameInstant(zone).toOffsetDateTime();
        return date(inZone.toLocalDate()) + " " + time(inZone.toLocalTime()) + offset(inZone.getOffset());
    }

    private static String offset(ZoneOffset o) {
        int total = o.getTotalSeconds();
        int abs = Math.abs(total);
        StringBuilder s = new StringBuilder(total < 0 ? "-" : "+");
        s.append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            s.append(String.format(":%02d", abs % 3600 / 60));
            if (abs % 60 != 0) {
                s.append(String.format(":%02d", abs % 60));
            }
        }
        return s.toString();
    }

    private static String array(Object[] elements, ZoneId zone) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            Object e = elements[i];
            if (e == null) {
                s.append("NULL");
            } else if (e instanceof Object[] inner) {
                s.append(array(inner, zone));
            } else {
                String text = encode(e, 25, zone);
                if (text.isEmpty() || text.equalsIgnoreCase("NULL") || text.matches(".*[{},\"\\\\\\s].*")) {
                    s.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else {
                    s.append(text);
                }
            }
        }
        return s.append('}').toString();
    }
}
