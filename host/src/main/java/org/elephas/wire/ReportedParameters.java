package org.elephas.wire;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.elephas.guc.GucSession;

/**
 * The parameters PostgreSQL reports to the client ({@code GUC_REPORT}) with ParameterStatus:
 * all of them after authentication, then each one whose value a statement changed.
 */
final class ReportedParameters {
    /** Their names as PostgreSQL spells them in ParameterStatus. */
    static final List<String> NAMES = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
            "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");
    private static final Map<String, String> FIXED = Map.of("in_hot_standby", "off",
            "default_transaction_read_only", "off");

    private final Map<String, String> sent = new HashMap<>();
    private Object checkedVersion;

    /**
     * Send ParameterStatus for each reported parameter whose value differs from what the
     * client last heard.
     *
     * @param gucs the session's parameters
     * @param out the writer
     */
    void reportChanges(GucSession gucs, MessageWriter out) {
        // Most statements change no parameter: then there is nothing to compare (per ReadyForQuery).
        Object version = gucs.valuesVersion();
        if (version == checkedVersion) {
            return;
        }
        checkedVersion = version;
        for (String name : NAMES) {
            String value = gucs.show(name);
            if (value == null) {
                value = FIXED.get(name);
                if (value == null) {
                    continue;
                }
            }
            if (!value.equals(sent.get(name))) {
                sent.put(name, value);
                out.begin('S').cstring(name).cstring(value).end();
            }
        }
    }
}
