package org.elephas.guc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucSource;
import org.elephas.api.guc.GucType;
import org.elephas.api.guc.GucUnit;

/** Builds {@code pg_settings} rows from a snapshot ({@code GetConfigOptionValues} in guc.c). */
final class SettingRows {

    private SettingRows() {
    }

    /**
     * @param view the backend's view
     * @param global the latest global values, for {@code pending_restart}
     * @return the rows, sorted by name
     */
    static List<SettingRow> of(GucSnapshot view, GucSnapshot global) {
        List<Parameter> params = new ArrayList<>(view.params.values());
        params.sort(Comparator.comparing(Parameter::name));
        List<SettingRow> rows = new ArrayList<>(params.size());
        for (Parameter p : params) {
            if (p.hasFlag(GucFlags.NO_SHOW_ALL)) {
                continue;
            }
            GucDefinition<?> d = p.definition();
            Setting s = view.settings[p.slot()];
            Setting reset = view.resets[p.slot()];
            boolean numeric = d.type() == GucType.INT || d.type() == GucType.REAL;
            boolean fromFile = s.source() == GucSource.FILE;
            rows.add(new SettingRow(p.displayName(), ValueFormat.raw(d, s.value()),
                    d.unit() == GucUnit.NONE ? null : d.unit().displayName(), p.category(), d.shortDesc(),
                    d.longDesc(), d.context().displayName(), d.type().displayName(), s.source().displayName(),
                    numeric ? ValueFormat.raw(d, d.min()) : null, numeric ? ValueFormat.raw(d, d.max()) : null,
                    d.type() == GucType.ENUM ? d.enumValues() : null,
                    d.bootValue() == null ? null : ValueFormat.raw(d, d.bootValue()),
                    reset == null ? null : ValueFormat.raw(d, reset.value()), fromFile ? s.file() : null,
                    fromFile ? s.line() : null, global.pendingRestart.contains(p.name())));
        }
        return rows;
    }
}
