package org.elephas.postmaster;

import org.elephas.backend.ProcArray;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.commands.DatabaseInterlock;
import org.elephas.dialect.Dialect;
import org.elephas.engine.Engine;
import org.elephas.extension.ExtensionCommands;
import org.elephas.function.JavaFunctions;
import org.elephas.guc.GucRegistry;
import org.elephas.log.ServerLog;
import org.elephas.pipeline.Pipeline;
import org.elephas.pipeline.StandardExecutor;
import org.elephas.pipeline.StandardPlanner;
import org.elephas.pipeline.StandardUtility;
import org.elephas.pipeline.Stages;
import org.elephas.session.ServerContext;
import org.elephas.session.Sessions;
import org.elephas.system.SystemState;
import org.elephas.utility.UtilityCommands;

/**
 * The SQL side of the server, assembled: catalog, engine, dialect, host utility commands, the
 * pipeline's stages and the session factory. Assembled when the postmaster reaches CONSISTENT,
 * from the storage {@link StorageStartup} opened meanwhile; closed at shutdown after every
 * backend is gone.
 */
final class SqlLayer implements AutoCloseable {
    private final StorageStartup startup;
    private final Catalog catalog;
    private final Engine engine;
    private final Sessions sessions;
    private final Pipeline pipeline;
    private final SystemState systemState;
    private final JavaFunctions functions;

    private SqlLayer(StorageStartup startup, StorageStartup.Storage storage, Sessions sessions, Pipeline pipeline,
            SystemState systemState, JavaFunctions functions) {
        this.startup = startup;
        this.functions = functions;
        this.catalog = storage.catalog();
        this.engine = storage.engine();
        this.sessions = sessions;
        this.pipeline = pipeline;
        this.systemState = systemState;
    }

    /**
     * @param startup the storage being opened; the SQL layer owns it from now on, and closes it
     *     if this fails
     * @param procs the backends
     * @param gucs the parameters
     * @param log the server log
     * @param postmaster the postmaster, whose workers, bundles, wait events and reload the system
     *     views and functions show and use
     * @return the open SQL layer
     */
    static SqlLayer open(StorageStartup startup, ProcArray procs, GucRegistry gucs, ServerLog log,
            Postmaster postmaster) {
        StorageStartup.Storage storage = startup.await();
        Catalog catalog = storage.catalog();
        Engine engine = storage.engine();
        try {
            Dialect dialect = storage.dialect();
            UtilityCommands commands = new UtilityCommands(
                    new DatabaseInterlock(postmaster.workers()::terminateWorkersForDatabase),
                    postmaster.hooks().addChain(org.elephas.hooks.RoleHookKinds.CHECK_PASSWORD, (user, pass, type, until) -> {
                    }));
            JavaFunctions functions = ExtensionCommands.registerAll(commands, catalog, postmaster.library());
            Stages stages = new Stages(new Stages.Standard(new StandardPlanner(dialect),
                    new StandardUtility(commands, dialect), new StandardExecutor()), postmaster.hooks());
            Pipeline pipeline = new Pipeline(stages);
            ServerContext context = new ServerContext(catalog, engine, pipeline, procs, gucs, log);
            SystemState systemState = new SystemState(procs, catalog, postmaster.waitEvents(),
                    () -> postmaster.workers().snapshot(), () -> postmaster.library().bundles(), postmaster::reload,
                    () -> postmaster.hooks().rows());
            systemState.install();
            return new SqlLayer(startup, storage, new Sessions(context, postmaster.hooks().addChain(
                    org.elephas.hooks.RoleHookKinds.CLIENT_AUTHENTICATION, (port, status) -> {
                    })::head), pipeline, systemState, functions);
        } catch (RuntimeException e) {
            startup.awaitFinished();
            storage.close();
            throw e;
        }
    }

    /** @return the session factory */
    Sessions sessions() {
        return sessions;
    }

    /** @return the catalog */
    Catalog catalog() {
        return catalog;
    }

    /** @return the pipeline */
    Pipeline pipeline() {
        return pipeline;
    }

    /** @return the engine */
    Engine engine() {
        return engine;
    }

    @Override
    public void close() {
        systemState.uninstall();
        functions.close();
        startup.awaitFinished();
        engine.close();
        catalog.close();
    }
}
