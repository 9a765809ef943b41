package org.elephas.autoexplain;

import java.util.HexFormat;
import java.util.List;

import org.elephas.api.sql.QueryDesc;

/**
 * The body of auto_explain's report, as PostgreSQL's EXPLAIN writes it for a logged plan: the
 * query text, its parameter values if it has any, then the plan. The plan is the engine's own
 * ({@link org.elephas.api.sql.PlannedStmt#explain()}), so it reads as H2's EXPLAIN, not as
 * PostgreSQL's node tree.
 */
final class PlanReport {
    private PlanReport() {
    }

    /**
     * @param queryDesc the statement, not yet released
     * @param json JSON rather than text
     * @param parameterMaxLength bytes of each parameter value to show, -1 for all, 0 for none
     * @return the report, without a final line break
     */
    static String build(QueryDesc queryDesc, boolean json, int parameterMaxLength) {
        String parameters = parameterMaxLength == 0 || queryDesc.params().isEmpty() ? null
                : parameters(queryDesc.params(), parameterMaxLength);
        String plan = plan(queryDesc);
        return json ? json(queryDesc.sourceText(), parameters, plan) : text(queryDesc.sourceText(), parameters, plan);
    }

    private static String plan(QueryDesc queryDesc) {
        try {
            return queryDesc.plannedStmt().explain();
        } catch (RuntimeException e) {
            // The statement itself succeeded: a plan the engine cannot show must not fail it.
            return "(plan not available: " + e.getMessage() + ")";
        }
    }

    private static String text(String queryText, String parameters, String plan) {
        StringBuilder out = new StringBuilder(queryText.length() + plan.length() + 32);
        out.append("Query Text: ").append(queryText).append('\n');
        if (parameters != null) {
            out.append("Query Parameters: ").append(parameters).append('\n');
        }
        return out.append(plan).toString();
    }

    /** As PostgreSQL's JSON format, one object; the plan is the engine's text as a string. */
    private static String json(String queryText, String parameters, String plan) {
        StringBuilder out = new StringBuilder(queryText.length() + plan.length() + 64);
        out.append("{\n  \"Query Text\": ");
        jsonString(out, queryText);
        if (parameters != null) {
            out.append(",\n  \"Query Parameters\": ");
            jsonString(out, parameters);
        }
        out.append(",\n  \"Plan\": ");
        jsonString(out, plan);
        return out.append("\n}").toString();
    }

    private static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * PostgreSQL's parameter list for logs: {@code $1 = '42', $2 = NULL}, each value quoted as
     * a literal and, past {@code maxLength} bytes, cut at a character boundary and ended with
     * {@code ...}.
     */
    static String parameters(List<Object> params, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('$').append(i + 1).append(" = ");
            Object value = params.get(i);
            if (value == null) {
                out.append("NULL");
                continue;
            }
            String text = asText(value);
            out.append('\'');
            String shown = maxLength < 0 ? text : clip(text, maxLength);
            out.append(shown.replace("'", "''"));
            if (shown.length() < text.length()) {
                out.append("...");
            }
            out.append('\'');
        }
        return out.toString();
    }

    /** A value as PostgreSQL's output function would print it. */
    private static String asText(Object value) {
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    /** The longest prefix of {@code text} that fits in {@code maxBytes} bytes of UTF-8. */
    private static String clip(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }
}
