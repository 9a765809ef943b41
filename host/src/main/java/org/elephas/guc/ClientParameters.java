package org.elephas.guc;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * Check hooks of the parameters clients set at connection start ({@code client_encoding},
 * {@code DateStyle}, {@code TimeZone}, the {@code lc_*} locales). Elephas speaks UTF-8 and formats
 * dates in ISO style only, so each hook accepts what it can honour and refuses the rest the way
 * PostgreSQL refuses what it cannot do.
 */
final class ClientParameters {
    /** PostgreSQL's server encodings by normalised name (lower case, letters and digits only). */
    private static final Set<String> KNOWN_ENCODINGS = Set.of("sqlascii", "eucjp", "euccn", "euckr", "euctw",
            "eucjis2004", "utf8", "unicode", "muleinternal", "latin1", "latin2", "latin3", "latin4", "latin5",
            "latin6", "latin7", "latin8", "latin9", "latin10", "win1256", "win1258", "win866", "win874", "koi8r",
            "koi8u", "win1251", "win1252", "iso88595", "iso88596", "iso88597", "iso88598", "win1250", "win1253",
            "win1254", "win1255", "win1257", "sjis", "big5", "gbk", "uhc", "gb18030", "johab", "shiftjis2004");
    private static final Set<String> DATESTYLE_ORDERS = Set.of("dmy", "mdy", "ymd", "us", "euro", "european",
            "noneuro", "noneuropean", "default");
    private static final Set<String> DATESTYLE_OUTPUTS = Set.of("iso", "sql", "postgres", "german");
    private static final Set<String> C_LOCALES = Set.of("", "C", "POSIX", "C.UTF-8", "C.utf8");

    private ClientParameters() {
    }

    /**
     * {@code client_encoding}: UTF8 (any spelling), or SQL_ASCII, which PostgreSQL passes through
     * unconverted. A known encoding the server would have to convert to is refused as by a
     * server without that conversion (0A000); an unknown name as an invalid value (22023).
     */
    static boolean checkClientEncoding(String value) {
        String normalised = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (normalised.equals("utf8") || normalised.equals("unicode") || normalised.equals("sqlascii")) {
            return true;
        }
        if (!KNOWN_ENCODINGS.contains(normalised)) {
            return false;
        }
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "invalid value for parameter \"client_encoding\": \"" + value + "\"")
                .withDetail("Conversion between " + value.toUpperCase(Locale.ROOT) + " and UTF8 is not supported.");
    }

    /**
     * {@code DateStyle}: PostgreSQL's key words, with ISO as the only output style (the others
     * are refused with 0A000, since results are always formatted in ISO style).
     */
    static boolean checkDateStyle(String value) {
        for (String item : value.split(",")) {
            String word = item.trim().toLowerCase(Locale.ROOT);
            if (DATESTYLE_OUTPUTS.contains(word)) {
                if (!word.equals("iso")) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "invalid value for parameter \"DateStyle\": \"" + value + "\"")
                            .withDetail("Elephas formats dates and times in the ISO style only.");
                }
            } else if (!DATESTYLE_ORDERS.contains(word)) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"DateStyle\": \"" + value + "\"")
                        .withDetail("Unrecognized key word: \"" + item.trim() + "\".");
            }
        }
        return true;
    }

    /** @return the JVM's time zone, which the server starts with unless configured */
    static String defaultTimeZone() {
        return ZoneId.systemDefault().getId();
    }

    /** {@code TimeZone}: a zone name Java knows (region, offset, or a short id such as EST). */
    static boolean checkTimeZone(String value) {
        try {
            ZoneId.of(value, ZoneId.SHORT_IDS);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** {@code lc_*}: the C locale under any of its names; Elephas has no other. */
    static boolean checkLocale(String value) {
        return C_LOCALES.contains(value);
    }
}
