package org.elephas.sql;

/** The kinds of token in PostgreSQL's lexical structure. */
public enum TokenKind {
    /** An unquoted identifier or key word; {@link Token#text()} is lower-cased. */
    IDENTIFIER,
    /** A double-quoted identifier; {@link Token#text()} is its value. */
    QUOTED_IDENTIFIER,
    /** A string constant of any form ({@code '..'}, {@code E'..'}, {@code $$..$$}, {@code B'..'}). */
    STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter {@code $n}; {@link Token#text()} is the number. */
    PARAMETER,
    /** An operator ({@code +}, {@code ::}, {@code <>}, {@code ~*}, ...). */
    OPERATOR,
    /** One of {@code ( ) [ ] , ; . :}. */
    PUNCTUATION
}
