package org.elephas.audit;

import org.elephas.api.Extension;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;
import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.hooks.Hooks;
import org.elephas.api.hooks.ProcessUtilityHook;

/**
 * The audit extension, a sample in the spirit of pgaudit: a ProcessUtility hook (and, for
 * SELECT, INSERT, UPDATE, DELETE, the ExecutorRun and ExecutorEnd hooks) that writes one
 * server-log line per statement of the classes {@code audit.log} names, with the role, the
 * database and the outcome (docs/extensions/audit.md). It can be preloaded
 * ({@code shared_preload_bundles = 'audit'}) or loaded with {@code LOAD 'audit'}.
 */
public final class AuditExtension extends Extension {

    /** {@code audit.log}: the classes of statements to log; read by {@link SessionAudit}. */
    static volatile GucVariable<String> log;

    /** {@code audit.log_parameter}: whether to log statement parameters. */
    static volatile GucVariable<Boolean> logParameter;

    /** Created by the framework from {@code Bundle-Activator}. */
    public AuditExtension() {
    }

    @Override
    protected void _PG_init() {
        /* define the parameters: superusers only, as in pgaudit, so users cannot hide from it */
        log = Gucs.stringVariable("audit.log", "none")
                .description("Specifies which classes of statements will be logged by session audit logging.")
                .longDescription("A comma list of read, write, function, role, ddl, misc, misc_set, all and "
                        + "none; a class preceded by - is taken away again.")
                .context(GucContext.SUSET)
                .flags(GucFlags.LIST_INPUT | GucFlags.NOT_IN_SAMPLE)
                .checkHook((value, source) -> AuditClass.parseList(value) != null)
                .define();
        logParameter = Gucs.boolVariable("audit.log_parameter", false)
                .description("Specifies that audit logging should include the parameters that were passed "
                        + "with the statement.")
                .context(GucContext.SUSET)
                .flags(GucFlags.NOT_IN_SAMPLE)
                .define();

        /* no other audit.* parameter may appear from now on */
        Gucs.markGucPrefixReserved("audit");

        /* install the hooks: from now on every statement passes through them */
        Hooks.install(ProcessUtilityHook.class, new AuditProcessUtility());
        AuditExecutor executor = new AuditExecutor();
        Hooks.install(ExecutorRunHook.class, executor);
        Hooks.install(ExecutorEndHook.class, executor);
    }
}
