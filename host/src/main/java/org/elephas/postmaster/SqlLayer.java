package org.elephas.postmaster;

import java.nio.file.Path;

import org.elephas.backend.ProcArray;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.commands.DatabaseInterlock;
import org.elephas.dialect.Dialect;
import org.elephas.engine.Engine;
import org.elephas.extension.ExtensionCommands;
import org.elephas.extension.ExtensionMember;
import org.elephas.extension.ExtensionObjects;
import org.elephas.extension.Extensions;
import org.elephas.function.FunctionCommands;
import org.elephas.function.JavaFunctions;
import org.elephas.guc.GucRegistry;
import org.elephas.library.ExtensionLibrary;
import org.elephas.log.ServerLog;
import org.elephas.pipeline.Pipeline;
import org.elephas.pipeline.StandardExecutor;
import org.elephas.pipeline.StandardPlanner;
import org.elephas.pipeline.StandardUtility;
import org.elephas.pipeline.Stages;
import org.elephas.session.ServerContext;
import org.elephas.session.Sessions;
import org.elephas.system.SystemObjects;
import org.elephas.system.SystemState;
import org.elephas.utility.UtilityCommands;

/**
 * The SQL side of the server, assembled: catalog, engine, dialect, host utility commands, the
 * pipeline's stages and the session factory. Opened when the postmaster reaches CONSISTENT,
 * closed at shutdown after every backend is gone.
 */
final class SqlLayer implements AutoCloseable {
    private final Catalog catalog;
    private final Engine engine;
    private final Sessions sessions;
    private final Pipeline pipeline;
    private final SystemState systemState;
    private final JavaFunctions functions;

    private SqlLayer(Catalog catalog, Engine engine, Sessions sessions, Pipeline pipeline, SystemState systemState,
            JavaFunctions functions) {
        this.functions = functions;
        this.catalog = catalog;
        this.engine = engine;
        this.sessions = sessions;
        this.pipeline = pipeline;
        this.systemState = systemState;
    }

    /**
     * @param dataDirectory DATADIR
     * @param procs the backends
     * @param gucs the parameters
     * @param log the server log
     * @param postmaster the postmaster, whose workers, bundles, wait events and reload the system
     *     views and functions show and use
     * @return the open SQL layer
     */
    static SqlLayer open(Path dataDirectory, ProcArray procs, GucRegistry gucs, ServerLog log, Postmaster postmaster) {
        Catalog catalog = Catalog.open(dataDirectory.resolve("global"));
        Engine engine = new Engine(dataDirectory.resolve("base"));
        try {
            // System functions and views in every database; they read the server through SystemState.
            engine.addInitializer(new SystemObjects());
            Dialect dialect = Dialect.standard();
            UtilityCommands commands = new UtilityCommands(
                    new DatabaseInterlock(postmaster.workers()::terminateWorkersForDatabase),
                    postmaster.hooks().addChain(org.elephas.hooks.RoleHookKinds.CHECK_PASSWORD, (user, pass, type, until) -> {
                    }));
            JavaFunctions functions = registerExtensionCommands(commands, catalog, postmaster.library());
            Stages stages = new Stages(new Stages.Standard(new StandardPlanner(dialect),
                    new StandardUtility(commands, dialect), new StandardExecutor()), postmaster.hooks());
            Pipeline pipeline = new Pipeline(stages);
            ServerContext context = new ServerContext(catalog, engine, pipeline, procs, gucs, log);
            SystemState systemState = new SystemState(procs, catalog, postmaster.waitEvents(),
                    () -> postmaster.workers().snapshot(), () -> postmaster.library().bundles(), postmaster::reload,
                    () -> postmaster.hooks().rows());
            systemState.install();
            return new SqlLayer(catalog, engine, new Sessions(context, postmaster.hooks().addChain(
                    org.elephas.hooks.RoleHookKinds.CLIENT_AUTHENTICATION, (port, status) -> {
                    })::head), pipeline, systemState, functions);
        } catch (RuntimeException e) {
            engine.close();
            catalog.close();
            throw e;
        }
    }

    /** LOAD, CREATE/ALTER/DROP EXTENSION and Java functions (CREATE/DROP FUNCTION). */
    private static JavaFunctions registerExtensionCommands(UtilityCommands commands, Catalog catalog,
            ExtensionLibrary library) {
        JavaFunctions functions = JavaFunctions.open(catalog, library);
        library.addBundleListener(functions::bundleChanged);
        Extensions extensions = new Extensions(catalog, library, new ExtensionObjects(catalog, functions));
        commands.register("load", new ExtensionCommands.Load(extensions));
        commands.register("create extension", new ExtensionCommands.Create(extensions));
        commands.register("alter extension", new ExtensionCommands.Alter(extensions));
        commands.register("drop extension", new ExtensionCommands.Drop(extensions));
        FunctionCommands.Create createFunction = new FunctionCommands.Create(functions);
        commands.register("create function", createFunction);
        commands.register("create or replace function", createFunction);
        commands.register("drop function", new FunctionCommands.Drop(functions, (db, schema, name) -> {
            java.util.List<org.elephas.catalog.ExtensionInfo> installed = catalog.extensions(db);
            return extensions.objects().owner(installed.stream().map(org.elephas.catalog.ExtensionInfo::oid).toList(),
                    new ExtensionMember("function", schema, name))
                    .flatMap(oid -> installed.stream().filter(e -> e.oid() == oid).findFirst())
                    .map(org.elephas.catalog.ExtensionInfo::name);
        }));
        return functions;
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
        engine.close();
        catalog.close();
    }
}
