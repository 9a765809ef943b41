package org.elephas.extension;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.ExtensionInfo;
import org.elephas.function.FunctionCommands;
import org.elephas.function.JavaFunctions;
import org.elephas.library.ExtensionLibrary;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;
import org.elephas.sql.TokenCursor;
import org.elephas.utility.UtilityCommands;

/**
 * The statements of extensions: parse, then hand to {@link Extensions}.
 *
 * <pre>
 * CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]
 * ALTER EXTENSION name UPDATE [TO v]
 * DROP EXTENSION [IF EXISTS] name [, ...] [CASCADE | RESTRICT]
 * LOAD 'name'
 * </pre>
 */
public final class ExtensionCommands {

    /**
     * Register LOAD, CREATE/ALTER/DROP EXTENSION and the Java functions' CREATE/DROP FUNCTION.
     *
     * @param commands the host's utility commands
     * @param catalog the catalog
     * @param library the extension library
     * @return the Java functions (closed with the SQL layer)
     */
    public static JavaFunctions registerAll(UtilityCommands commands, Catalog catalog, ExtensionLibrary library) {
        JavaFunctions functions = JavaFunctions.open(catalog, library);
        library.addBundleListener(functions::bundleChanged);
        Extensions extensions = new Extensions(catalog, library, new ExtensionObjects(catalog, functions));
        commands.register("load", new Load(extensions));
        commands.register("create extension", new Create(extensions));
        commands.register("alter extension", new Alter(extensions));
        commands.register("drop extension", new Drop(extensions));
        FunctionCommands.Create createFunction = new FunctionCommands.Create(functions);
        commands.register("create function", createFunction);
        commands.register("create or replace function", createFunction);
        commands.register("drop function", new FunctionCommands.Drop(functions, (db, schema, name) -> {
            List<ExtensionInfo> installed = catalog.extensions(db);
            return extensions.objects().owner(installed.stream().map(ExtensionInfo::oid).toList(),
                    new ExtensionMember("function", schema, name))
                    .flatMap(oid -> installed.stream().filter(e -> e.oid() == oid).findFirst())
                    .map(ExtensionInfo::name);
        }));
        return functions;
    }
    private ExtensionCommands() {
    }

    /** {@code CREATE EXTENSION}. */
    public static final class Create implements UtilityCommand {
        private final Extensions extensions;

        /** @param extensions what does the work */
        public Create(Extensions extensions) {
            this.extensions = extensions;
        }

        @Override
        public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
                QueryCompletion qc) {
            TokenCursor t = new TokenCursor(statement.lexed());
            t.expectWord("create");
            t.expectWord("extension");
            boolean ifNotExists = t.acceptWords("if", "not", "exists");
            String name = t.identifier();
            t.acceptWord("with");
            String schema = null;
            String version = null;
            boolean cascade = false;
            boolean sawSchema = false;
            boolean sawVersion = false;
            boolean sawCascade = false;
            while (!t.atEnd()) {
                int at = t.mark();
                if (t.acceptWord("schema")) {
                    redundant(sawSchema, t, at);
                    sawSchema = true;
                    schema = t.identifier();
                } else if (t.acceptWord("version")) {
                    redundant(sawVersion, t, at);
                    sawVersion = true;
                    version = t.identifierOrString();
                } else if (t.acceptWord("cascade")) {
                    redundant(sawCascade, t, at);
                    sawCascade = true;
                    cascade = true;
                } else {
                    throw t.syntaxError();
                }
            }
            extensions.create(Session.current(), name, schema, version, cascade, ifNotExists);
            qc.set("CREATE EXTENSION");
        }

        private static void redundant(boolean seen, TokenCursor t, int at) {
            if (seen) {
                t.reset(at);
                throw PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                        .withPosition(t.peek().start() + 1);
            }
        }
    }

    /** {@code ALTER EXTENSION ... UPDATE [TO v]}. */
    public static final class Alter implements UtilityCommand {
        private final Extensions extensions;

        /** @param extensions what does the work */
        public Alter(Extensions extensions) {
            this.extensions = extensions;
        }

        @Override
        public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
                QueryCompletion qc) {
            TokenCursor t = new TokenCursor(statement.lexed());
            t.expectWord("alter");
            t.expectWord("extension");
            String name = t.identifier();
            if (!t.acceptWord("update")) {
                if (t.peek() != null && (t.peek().isWord("add") || t.peek().isWord("drop") || t.peek().isWord("set"))) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "ALTER EXTENSION " + t.peek().text().toUpperCase(java.util.Locale.ROOT) + " is not supported")
                            .withDetail("Only ALTER EXTENSION ... UPDATE [TO version] is.");
                }
                throw t.syntaxError();
            }
            String version = t.acceptWord("to") ? t.identifierOrString() : null;
            t.expectEnd();
            extensions.update(Session.current(), name, version);
            qc.set("ALTER EXTENSION");
        }
    }

    /** {@code DROP EXTENSION}. */
    public static final class Drop implements UtilityCommand {
        private final Extensions extensions;

        /** @param extensions what does the work */
        public Drop(Extensions extensions) {
            this.extensions = extensions;
        }

        @Override
        public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
                QueryCompletion qc) {
            TokenCursor t = new TokenCursor(statement.lexed());
            t.expectWord("drop");
            t.expectWord("extension");
            boolean ifExists = t.acceptWords("if", "exists");
            List<String> names = new ArrayList<>();
            do {
                names.add(t.identifier());
            } while (t.accept(","));
            boolean cascade = t.acceptWord("cascade");
            if (!cascade) {
                t.acceptWord("restrict");
            }
            t.expectEnd();
            extensions.drop(Session.current(), names, ifExists, cascade);
            qc.set("DROP EXTENSION");
        }
    }

    /** {@code LOAD 'name'}. */
    public static final class Load implements UtilityCommand {
        private final Extensions extensions;

        /** @param extensions what does the work */
        public Load(Extensions extensions) {
            this.extensions = extensions;
        }

        @Override
        public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
                QueryCompletion qc) {
            TokenCursor t = new TokenCursor(statement.lexed());
            t.expectWord("load");
            String file = t.string();
            t.expectEnd();
            extensions.load(Session.current(), file);
            qc.set("LOAD");
        }
    }
}
