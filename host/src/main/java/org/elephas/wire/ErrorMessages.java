package org.elephas.wire;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.session.Notice;

/**
 * ErrorResponse and NoticeResponse: the fields PostgreSQL sends (severity localised 'S' and
 * not 'V', SQLSTATE 'C', message 'M', detail 'D', hint 'H', position 'P').
 */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * @param out the writer
     * @param e the error
     */
    static void error(MessageWriter out, PgException e) {
        out.begin('E');
        fields(out, severity(e.level()), e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position());
        out.end();
    }

    /**
     * @param out the writer
     * @param n the notice
     */
    static void notice(MessageWriter out, Notice n) {
        out.begin('N');
        fields(out, severity(n.level()), n.sqlState() == null ? "00000" : n.sqlState(), n.message(), n.detail(),
                n.hint(), 0);
        out.end();
    }

    private static void fields(MessageWriter out, String severity, String sqlState, String message, String detail,
            String hint, int position) {
        out.int8('S').cstring(severity);
        out.int8('V').cstring(severity);
        out.int8('C').cstring(sqlState == null ? "XX000" : sqlState);
        out.int8('M').cstring(message == null ? "" : message);
        if (detail != null) {
            out.int8('D').cstring(detail);
        }
        if (hint != null) {
            out.int8('H').cstring(hint);
        }
        if (position > 0) {
            out.int8('P').cstring(Integer.toString(position));
        }
        out.int8(0);
    }

    private static String severity(LogLevel level) {
        return switch (level) {
            case DEBUG5, DEBUG4, DEBUG3, DEBUG2, DEBUG1 -> "DEBUG";
            default -> level.name();
        };
    }
}
