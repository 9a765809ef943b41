package org.elephas.wire;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.UUID;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * Turns a Bind message's parameter values into the Java values the engine binds: by the
 * parameter's type (from Parse, or the engine's inference), from text or binary format. Text
 * values of types the engine converts itself stay strings.
 */
public final class ParameterDecoder {
    private static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .append(TIMESTAMP)
            .optionalStart().appendOffset("+HH:mm:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private ParameterDecoder() {
    }

    /**
     * @param data the value's bytes, or null for NULL
     * @param binary whether it is in binary format
     * @param typeOid its type, 0 when unknown
     * @return the value to bind
     */
    public static Object decode(byte[] data, boolean binary, int typeOid) {
        if (data == null) {
            return null;
        }
        return binary ? binary(ByteBuffer.wrap(data), typeOid) : text(new String(data, StandardCharsets.UTF_8), typeOid);
    }

    private static Object binary(ByteBuffer b, int typeOid) {
        try {
            return switch (typeOid) {
                case 16 -> b.get() != 0;
                case 17 -> {
                    byte[] v = new byte[b.remaining()];
                    b.get(v);
                    yield v;
                }
                case 20 -> b.getLong();
                case 21 -> b.getShort();
                case 23, 26 -> b.getInt();
                case 700 -> b.getFloat();
                case 701 -> b.getDouble();
                case 1700 -> BinaryEncoder.decodeNumeric(b);
                case 1082 -> LocalDate.of(2000, 1, 1).plusDays(b.getInt());
                case 1083 -> LocalTime.ofNanoOfDay(b.getLong() * 1000);
                case 1114 -> EPOCH.plusNanos(b.getLong() * 1000);
                case 1184 -> EPOCH.plusNanos(b.getLong() * 1000).atOffset(ZoneOffset.UTC);
                case 2950 -> new UUID(b.getLong(), b.getLong());
                case 0, 18, 19, 25, 705, 1042, 1043, 114, 3802 -> StandardCharsets.UTF_8.decode(b).toString();
                default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "binary format is not supported for parameters of type " + typeOid);
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw PgException.error("22P03", "insufficient data left in message");
        }
    }

    private static Object text(String s, int typeOid) {
        try {
            return switch (typeOid) {
                case 16 -> bool(s);
                case 17 -> s.startsWith("\\x") ? HexFormat.of().parseHex(s.substring(2))
                        : s.getBytes(StandardCharsets.UTF_8);
                case 20 -> Long.parseLong(s.strip());
                case 21 -> Short.parseShort(s.strip());
                case 23, 26 -> Integer.parseInt(s.strip());
                case 700 -> Float.parseFloat(s.strip());
                case 701 -> Double.parseDouble(s.strip());
                case 1700 -> new BigDecimal(s.strip());
                case 1082 -> LocalDate.parse(s.strip());
                case 1114 -> LocalDateTime.parse(s.strip(), TIMESTAMP);
                case 1184 -> timestampTz(s.strip());
                case 2950 -> UUID.fromString(s.strip());
                default -> s;
            };
        } catch (RuntimeException e) {
            if (e instanceof PgException pe) {
                throw pe;
            }
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + typeName(typeOid) + ": \"" + s + "\"");
        }
    }

    private static Object timestampTz(String s) {
        java.time.temporal.TemporalAccessor t = TIMESTAMPTZ.parse(s);
        LocalDateTime local = LocalDateTime.from(t);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return local.atOffset(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
        }
        // No offset: the engine reads it in its own zone, as PostgreSQL reads it in TimeZone.
        return local;
    }

    private static Boolean bool(String s) {
        String v = s.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "t", "true", "yes", "y", "on", "1" -> Boolean.TRUE;
            case "f", "false", "no", "n", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(v);
        };
    }

    private static String typeName(int oid) {
        return switch (oid) {
            case 16 -> "boolean";
            case 17 -> "bytea";
            case 20 -> "bigint";
            case 21 -> "smallint";
            case 23 -> "integer";
            case 26 -> "oid";
            case 700 -> "real";
            case 701 -> "double precision";
            case 1700 -> "numeric";
            case 1082 -> "date";
            case 1114 -> "timestamp without time zone";
            case 1184 -> "timestamp with time zone";
            case 2950 -> "uuid";
            default -> "oid " + oid;
        };
    }
}
