package org.elephas.utility;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.dialect.Dialect;
import org.elephas.dialect.SchemaElements;
import org.elephas.engine.EngineErrors;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;

/**
 * {@code CREATE SCHEMA}: the schema on the engine, then each schema element ({@code CREATE
 * SCHEMA s CREATE TABLE t (..) CREATE INDEX ..}, which H2 does not take in one statement) run
 * through the pipeline as a sub-command, as PostgreSQL's CreateSchemaCommand runs them through
 * ProcessUtility, so each element gets the dialect's translations and the hooks see it.
 */
final class SchemaCommand implements UtilityCommand {

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        List<String> parts = SchemaElements.hasElements(statement.lexed())
                ? SchemaElements.split(statement.lexed()) : List.of(statement.sourceText());
        Session session = Session.current();
        // Run here rather than by the engine path: the same checks and bookkeeping apply.
        org.elephas.catalog.commands.DatabasePrivileges.requireCreate(session);
        try (Statement s = session.connection().createStatement();
                org.elephas.engine.DdlLock.Held ddl = org.elephas.engine.DdlLock.acquire(session.connection())) {
            s.execute(Dialect.plainText(org.elephas.sql.LexedStatement.of(parts.get(0))));
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
        org.elephas.engine.SchemaChanges.changed(); // sessions map search_path again
        for (String element : parts.subList(1, parts.size())) {
            session.runNested(element, List.of(), ProcessUtilityContext.SUBCOMMAND, DestReceiver.NONE);
        }
        qc.set("CREATE SCHEMA");
    }
}
