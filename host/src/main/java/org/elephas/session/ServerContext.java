package org.elephas.session;

import org.elephas.backend.ProcArray;
import org.elephas.catalog.Catalog;
import org.elephas.engine.Engine;
import org.elephas.guc.GucRegistry;
import org.elephas.log.ServerLog;
import org.elephas.pipeline.Pipeline;

/**
 * The server-wide parts a session uses.
 *
 * @param catalog databases, roles, extensions
 * @param engine the SQL engine
 * @param pipeline the statement pipeline
 * @param procs the backends
 * @param gucs the parameters
 * @param log the server log
 */
public record ServerContext(Catalog catalog, Engine engine, Pipeline pipeline, ProcArray procs, GucRegistry gucs,
        ServerLog log) {
}
