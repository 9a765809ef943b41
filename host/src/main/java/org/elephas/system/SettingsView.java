package org.elephas.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.elephas.guc.SettingRow;

/** {@code pg_settings}: every parameter as the calling session sees it, with PostgreSQL's columns. */
public final class SettingsView {
    private SettingsView() {
    }

    /**
     * The rows of {@code pg_settings}. As in PostgreSQL, only superusers see where a value came
     * from in the files ({@code sourcefile}, {@code sourceline}).
     *
     * @param connection the engine's connection
     * @return the rows, by name
     * @throws SQLException from the engine
     */
    public static ResultSet pgSettings(Connection connection) throws SQLException {
        Rows rows = new Rows().text("name").text("setting").text("unit").text("category").text("short_desc")
                .text("extra_desc").text("context").text("vartype").text("source").text("min_val").text("max_val")
                .textArray("enumvals").text("boot_val").text("reset_val").text("sourcefile").integer("sourceline")
                .bool("pending_restart");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        boolean superuser = Caller.isSuperuser();
        for (SettingRow r : Caller.gucs().settings()) {
            rows.add(r.name(), r.setting(), r.unit(), r.category(), r.shortDesc(), r.extraDesc(), r.context(),
                    r.vartype(), r.source(), r.minVal(), r.maxVal(), Rows.array(r.enumvals()), r.bootVal(),
                    r.resetVal(), superuser ? r.sourcefile() : null, superuser ? r.sourceline() : null,
                    r.pendingRestart());
        }
        return rows.result();
    }
}
