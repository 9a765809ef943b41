package org.elephas.api;

/**
 * A by-value datum, like PostgreSQL's {@code Datum}: the argument a background worker's entry
 * point receives ({@code bgw_main_arg}). Only values travel, never references, so a worker
 * restarted later or launched by another session sees the same argument.
 *
 * @param value the raw 64-bit value
 */
public record Datum(long value) {

    /** The zero datum. */
    public static final Datum ZERO = new Datum(0);

    /**
     * {@code Int32GetDatum}.
     *
     * @param value an int
     * @return its datum
     */
    public static Datum ofInt32(int value) {
        return new Datum(value);
    }

    /**
     * {@code Int64GetDatum}.
     *
     * @param value a long
     * @return its datum
     */
    public static Datum ofInt64(long value) {
        return new Datum(value);
    }

    /**
     * {@code ObjectIdGetDatum}: an OID is an unsigned 32-bit number.
     *
     * @param oid the OID, as Java's int bit pattern
     * @return its datum
     */
    public static Datum ofOid(int oid) {
        return new Datum(Integer.toUnsignedLong(oid));
    }

    /**
     * {@code BoolGetDatum}.
     *
     * @param value a boolean
     * @return its datum
     */
    public static Datum ofBool(boolean value) {
        return new Datum(value ? 1 : 0);
    }

    /**
     * {@code DatumGetInt32}.
     *
     * @return the low 32 bits as an int
     */
    public int int32() {
        return (int) value;
    }

    /**
     * {@code DatumGetInt64}.
     *
     * @return the value
     */
    public long int64() {
        return value;
    }

    /**
     * {@code DatumGetObjectId}.
     *
     * @return the low 32 bits, an OID
     */
    public int oid() {
        return (int) value;
    }

    /**
     * {@code DatumGetBool}.
     *
     * @return whether the value is non-zero
     */
    public boolean bool() {
        return value != 0;
    }
}
