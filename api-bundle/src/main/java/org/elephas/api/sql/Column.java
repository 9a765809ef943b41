package org.elephas.api.sql;

import java.util.Objects;

/**
 * One column of a result ({@code RowDescription}'s field).
 *
 * @param name the column's name
 * @param typeOid PostgreSQL's type OID ({@code 25} text, {@code 23} int4, ...)
 * @param typeName PostgreSQL's type name ({@code text}, {@code int4}, ...)
 * @param typeSize the type's size in bytes, negative for variable length
 * @param tableOid the OID of the table (or view) the column is read from unchanged, as
 *     {@code pg_class.oid} shows it; 0 for an expression
 * @param columnNumber the column's number in that table ({@code pg_attribute.attnum}); 0 for an
 *     expression
 */
public record Column(String name, int typeOid, String typeName, int typeSize, int tableOid, int columnNumber) {
    /** Checks the fields. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }

    /**
     * A column that is not read from a table (an expression).
     *
     * @param name the column's name
     * @param typeOid PostgreSQL's type OID
     * @param typeName PostgreSQL's type name
     * @param typeSize the type's size in bytes, negative for variable length
     */
    public Column(String name, int typeOid, String typeName, int typeSize) {
        this(name, typeOid, typeName, typeSize, 0, 0);
    }

    /**
     * @param table the table's OID
     * @param number the column's number in it
     * @return this column, read from that table's column
     */
    public Column withOrigin(int table, int number) {
        return new Column(name, typeOid, typeName, typeSize, table, number);
    }
}
