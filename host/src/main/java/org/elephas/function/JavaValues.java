package org.elephas.function;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/** Converts values between the engine's Java classes and a Java method's parameter types. */
final class JavaValues {
    private JavaValues() {
    }

    /**
     * @param value a value, null for NULL
     * @param target the class wanted (primitive classes mean their boxes)
     * @param what the type's name for the error message
     * @return the value as {@code target}
     * @throws PgException 42804 when it cannot be converted
     */
    static Object convert(Object value, Class<?> target, String what) {
        if (value == null) {
            return null;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number n) {
            if (boxed == Integer.class) {
                long l = n.longValue();
                // An oid is unsigned 32-bit; in a Java int it keeps its bits, as in C.
                boolean fits = "oid".equals(what) ? l >= 0 && l <= 0xFFFF_FFFFL : l == (int) l;
                if (!fits) {
                    throw outOfRange(value, what);
                }
                return exact(n, (int) l, what);
            }
            if (boxed == Long.class) {
                if ("oid".equals(what) && n instanceof Integer i) {
                    return Integer.toUnsignedLong(i);
                }
                return exact(n, n.longValue(), what);
            }
            if (boxed == Short.class) {
                long l = n.longValue();
                if (l != (short) l) {
                    throw outOfRange(value, what);
                }
                return (short) l;
            }
            if (boxed == Double.class) {
                return n.doubleValue();
            }
            if (boxed == Float.class) {
                return n.floatValue();
            }
            if (boxed == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
        }
        if (boxed == String.class) {
            return value.toString();
        }
        if (boxed == Boolean.class && value instanceof String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
                case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
                default -> throw mismatch(value, what);
            };
        }
        if (value instanceof String s && (boxed == Integer.class || boxed == Long.class || boxed == Short.class
                || boxed == Double.class || boxed == Float.class || boxed == BigDecimal.class)) {
            try {
                return convert(new BigDecimal(s.trim()), target, what);
            } catch (NumberFormatException e) {
                throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type " + what + ": \"" + s + "\"");
            }
        }
        if (target.isArray() && target != byte[].class) {
            Object[] elements = value instanceof List<?> list ? list.toArray()
                    : value instanceof Object[] arr ? arr : null;
            if (elements != null) {
                Class<?> component = target.getComponentType();
                Object out = Array.newInstance(component, elements.length);
                for (int i = 0; i < elements.length; i++) {
                    Array.set(out, i, convert(elements[i], component, what));
                }
                return out;
            }
        }
        throw mismatch(value, what);
    }

    private static Object exact(Number n, Object converted, String what) {
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() > 0) {
                throw mismatch(n, what);
            }
        }
        return converted;
    }

    /** @return the box of a primitive class, or the class itself */
    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    private static PgException outOfRange(Object value, String what) {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value " + value + " is out of range for type " + what);
    }

    private static PgException mismatch(Object value, String what) {
        return PgException.error(SqlState.DATATYPE_MISMATCH,
                "cannot convert a value of Java type " + value.getClass().getSimpleName() + " to type " + what);
    }
}
