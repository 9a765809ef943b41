package org.elephas.catalog.commands;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * CREATE DATABASE's ENCODING option. An Elephas database holds Unicode text (the engine's
 * strings), as a PostgreSQL database with encoding UTF8 and locale {@code C.UTF-8} does, so
 * UTF8 (by any of its names, or its code 6) is accepted; another known encoding fails with the
 * message PostgreSQL gives for a UTF8-only locale, and an unknown name as in PostgreSQL.
 */
final class Encodings {
    /** PostgreSQL's encodings, by their codes ({@code pg_enc2name_tbl}). */
    private static final List<String> BY_CODE = List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
            "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251",
            "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254",
            "WIN1255", "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");
    private static final int UTF8 = 6;
    /** A few of PostgreSQL's other names ({@code pg_encname_tbl}), cleaned as it cleans them. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("unicode", "UTF8"),
            Map.entry("iso88591", "LATIN1"), Map.entry("iso88592", "LATIN2"), Map.entry("iso88599", "LATIN5"),
            Map.entry("iso885915", "LATIN9"), Map.entry("iso88595", "ISO_8859_5"), Map.entry("windows1252", "WIN1252"),
            Map.entry("windows1251", "WIN1251"), Map.entry("windows1250", "WIN1250"), Map.entry("koi8", "KOI8R"),
            Map.entry("shiftjis", "SJIS"), Map.entry("mskanji", "SJIS"), Map.entry("alt", "WIN866"));

    private Encodings() {
    }

    /**
     * @param option the ENCODING option
     * @throws PgException 42704 for an unknown encoding, 22023 for one other than UTF8
     */
    static void check(DefElem option) {
        if (!option.hasValue()) {
            return;
        }
        String name;
        if (option.number()) {
            int code = option.asInt();
            if (code < 0 || code >= BY_CODE.size()) {
                throw PgException.error(SqlState.UNDEFINED_OBJECT, code + " is not a valid encoding code")
                        .withPosition(option.position());
            }
            name = BY_CODE.get(code);
        } else {
            name = canonical(option.value());
            if (name == null) {
                throw PgException.error(SqlState.UNDEFINED_OBJECT, option.value() + " is not a valid encoding name")
                        .withPosition(option.position());
            }
        }
        if (!name.equals(BY_CODE.get(UTF8))) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "encoding \"" + name + "\" does not match locale \"C.UTF-8\"")
                    .withDetail("The chosen LC_CTYPE setting requires encoding \"UTF8\".");
        }
    }

    /** {@code clean_encoding_name} then the name table. */
    private static String canonical(String given) {
        StringBuilder clean = new StringBuilder();
        for (char ch : given.toCharArray()) {
            if (Character.isLetterOrDigit(ch)) {
                clean.append(Character.toLowerCase(ch));
            }
        }
        String key = clean.toString();
        for (String name : BY_CODE) {
            if (name.replace("_", "").toLowerCase(Locale.ROOT).equals(key)) {
                return name;
            }
        }
        return ALIASES.get(key);
    }
}
