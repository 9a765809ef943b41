package org.elephas.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * PostgreSQL's binary output ({@code typsend}) for the common types: int2/4/8, float4/8, bool,
 * bytea, the string types, numeric, date, time, timetz, timestamp, timestamptz, uuid and
 * one-dimensional text arrays. Dates and times count from 2000-01-01 in microseconds, as
 * PostgreSQL's integer datetimes do.
 */
public final class BinaryEncoder {
    private static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime EPOCH = EPOCH_DATE.atStartOfDay();
    private static final OffsetDateTime EPOCH_UTC = EPOCH.atOffset(ZoneOffset.UTC);

    private BinaryEncoder() {
    }

    /**
     * @param typeOid a type
     * @return whether it has a binary output here
     */
    public static boolean supports(int typeOid) {
        return switch (typeOid) {
            case 16, 17, 18, 19, 20, 21, 23, 25, 26, 700, 701, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1700, 2950,
                    1009, 1015 -> true;
            default -> false;
        };
    }

    /**
     * @param value a non-null value from the engine
     * @param typeOid the column's type, one {@link #supports} accepts
     * @return its binary form
     */
    public static byte[] encode(Object value, int typeOid) {
        switch (typeOid) {
            case 16:
                return new byte[] {(byte) (Boolean.TRUE.equals(value) ? 1 : 0)};
            case 17:
                return value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
            case 20:
                return ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case 21:
                return ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case 23:
            case 26:
                return ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case 700:
                return ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case 701:
                return ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case 1700:
                return numeric(value instanceof BigDecimal b ? b : new BigDecimal(value.toString()));
            case 1082:
                return ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(EPOCH_DATE, localDate(value)))
                        .array();
            case 1083:
                return ByteBuffer.allocate(8).putLong(localTime(value).toNanoOfDay() / 1000).array();
            case 1266: {
                OffsetTime t = (OffsetTime) value;
                return ByteBuffer.allocate(12).putLong(t.toLocalTime().toNanoOfDay() / 1000)
                        .putInt(-t.getOffset().getTotalSeconds()).array();
            }
            case 1114:
                return ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(EPOCH, localDateTime(value))).array();
            case 1184:
                return ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(EPOCH_UTC, offsetDateTime(value)))
                        .array();
            case 2950: {
                UUID u = value instanceof UUID x ? x : UUID.fromString(value.toString());
                return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                        .array();
            }
            case 1009:
            case 1015:
                return textArray(value, typeOid == 1009 ? 25 : 1043);
            default:
                return TextEncoder.encode(value, typeOid, ZoneOffset.UTC).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static LocalDate localDate(Object v) {
        return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
    }

    private static LocalTime localTime(Object v) {
        return v instanceof java.sql.Time t ? t.toLocalTime() : (LocalTime) v;
    }

    private static LocalDateTime localDateTime(Object v) {
        return v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) v;
    }

    private static OffsetDateTime offsetDateTime(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().atZone(ZoneId.systemDefault()).toOffsetDateTime();
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        return (OffsetDateTime) v;
    }

    /** {@code numeric_send}: digit count, weight, sign, display scale, base-10000 digits. */
    static byte[] numeric(BigDecimal value) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int dscale = v.scale();
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) {
            intPart = "";
        }
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        String all = intPart + fracPart;
        int groups = all.length() / 4;
        short[] digits = new short[groups];
        for (int i = 0; i < groups; i++) {
            digits[i] = Short.parseShort(all.substring(i * 4, i * 4 + 4));
        }
        int weight = intPart.length() / 4 - 1;
        int first = 0;
        while (first < groups && digits[first] == 0) {
            first++;
            weight--;
        }
        int last = groups;
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        int n = last - first;
        if (n == 0) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * n);
        b.putShort((short) n).putShort((short) weight).putShort((short) (v.signum() < 0 ? 0x4000 : 0))
                .putShort((short) dscale);
        for (int i = first; i < last; i++) {
            b.putShort(digits[i]);
        }
        return b.array();
    }

    /**
     * {@code numeric_recv}.
     *
     * @param data the binary form
     * @return the value
     */
    static BigDecimal decodeNumeric(ByteBuffer data) {
        int n = data.getShort();
        int weight = data.getShort();
        int sign = data.getShort() & 0xffff;
        int dscale = data.getShort();
        if (sign == 0xC000) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN is not supported");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10000)).add(BigInteger.valueOf(data.getShort()));
        }
        // unscaled * 10000^(weight - n + 1)
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - n + 1));
        if (sign == 0x4000) {
            v = v.negate();
        }
        return v.setScale(dscale, java.math.RoundingMode.HALF_UP);
    }

    private static byte[] textArray(Object value, int elementType) {
        Object[] elements;
        try {
            elements = value instanceof java.sql.Array a ? (Object[]) a.getArray() : (Object[]) value;
        } catch (java.sql.SQLException e) {
            throw PgException.error(SqlState.INTERNAL_ERROR, e.getMessage());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean hasNull = false;
        for (Object e : elements) {
            hasNull |= e == null;
        }
        ByteBuffer head = ByteBuffer.allocate(elements.length == 0 ? 12 : 20);
        head.putInt(elements.length == 0 ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(elementType);
        if (elements.length > 0) {
            head.putInt(elements.length).putInt(1);
        }
        out.writeBytes(head.array());
        for (Object e : elements) {
            if (e == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] b = TextEncoder.encode(e, 25, ZoneOffset.UTC).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }
}
