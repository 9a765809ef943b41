package org.elephas.api.sql;

import java.util.Objects;

/**
 * One column of a result ({@code RowDescription}'s field).
 *
 * @param name the column's name
 * @param typeOid PostgreSQL's type OID ({@code 25} text, {@code 23} int4, ...)
 * @param typeName PostgreSQL's type name ({@code text}, {@code int4}, ...)
 * @param typeSize the type's size in bytes, negative for variable length
 */
public record Column(String name, int typeOid, String typeName, int typeSize) {
    /** Checks the fields. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
