package org.elephas.function;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.engine.EngineErrors;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;
import org.elephas.sql.Token;
import org.elephas.sql.TokenCursor;
import org.elephas.sql.TokenKind;

/**
 * {@code CREATE [OR REPLACE] FUNCTION ... LANGUAGE java | c} and {@code DROP FUNCTION}, for
 * functions implemented by extension bundles ({@link JavaFunctions}):
 *
 * <pre>
 * CREATE FUNCTION name ([[IN] [argname] argtype [DEFAULT constant], ...]) RETURNS rettype
 *     [STRICT | RETURNS NULL ON NULL INPUT | CALLED ON NULL INPUT] [IMMUTABLE | STABLE | VOLATILE]
 *     AS 'extension' [, 'fully.qualified.Class.method' | 'method'] LANGUAGE java
 * DROP FUNCTION [IF EXISTS] name [([argtype, ...])] [, ...] [CASCADE | RESTRICT]
 * </pre>
 *
 * {@code 'extension'} is an extension name ({@code MODULE_PATHNAME} in an extension script, a
 * {@code $libdir/} prefix is ignored); without a symbol, or with a bare method name, the method
 * is looked up in the bundle's activator class, by default named like the function.
 */
public final class FunctionCommands {
    /** Key words that end a RETURNS type. */
    private static final Set<String> OPTION_WORDS = Set.of("language", "as", "strict", "immutable", "stable",
            "volatile", "called", "returns", "security", "external", "parallel", "cost", "rows", "support", "set",
            "leakproof", "not", "window", "transform");

    private FunctionCommands() {
    }

    /** Whether an object belongs to an extension, for DROP FUNCTION's dependency check. */
    @FunctionalInterface
    public interface Membership {
        /**
         * @param databaseOid the database
         * @param schema the function's schema
         * @param name the function's name
         * @return the name of the extension it belongs to, if any
         */
        Optional<String> extensionOf(int databaseOid, String schema, String name);
    }

    /** {@code CREATE [OR REPLACE] FUNCTION}. */
    public static final class Create implements UtilityCommand {
        private final JavaFunctions functions;

        /** @param functions the registry */
        public Create(JavaFunctions functions) {
            this.functions = functions;
        }

        @Override
        public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
                QueryCompletion qc) {
            Session session = Session.current();
            TokenCursor t = new TokenCursor(statement.lexed());
            t.expectWord("create");
            boolean replace = t.acceptWords("or", "replace");
            t.expectWord("function");
            String[] qualified = qualifiedName(t);
            Connection engine = session.connection();
            String schema = qualified[0] != null ? qualified[0] : currentSchema(engine);
            requireSchema(engine, schema);
            List<SqlType> types = new ArrayList<>();
            List<String> defaults = new ArrayList<>();
            t.expect("(");
            if (!t.accept(")")) {
                do {
                    parameter(t, types, defaults);
                } while (t.accept(","));
                t.expect(")");
            }
            SqlType result = null;
            List<JavaFunction.ResultColumn> resultColumns = new ArrayList<>();
            Boolean strict = null;
            boolean immutable = false;
            String language = null;
            List<String> as = null;
            while (!t.atEnd()) {
                if (t.acceptWords("returns", "null", "on", "null", "input") || t.acceptWord("strict")) {
                    strict = Boolean.TRUE;
                } else if (t.acceptWords("called", "on", "null", "input")) {
                    strict = Boolean.FALSE;
                } else if (t.acceptWord("returns")) {
                    if (t.acceptWord("table")) {
                        tableColumns(t, resultColumns);
                        result = SqlType.TABLE;
                    } else {
                        result = returnType(t);
                    }
                } else if (t.acceptWord("language")) {
                    language = t.identifierOrString().toLowerCase(Locale.ROOT);
                } else if (t.acceptWord("as")) {
                    as = new ArrayList<>();
                    as.add(t.string());
                    if (t.accept(",")) {
                        as.add(t.string());
                    }
                } else if (t.acceptWord("immutable")) {
                    immutable = true;
                } else if (t.acceptWord("stable") || t.acceptWord("volatile")) {
                    immutable = false;
                } else if (t.acceptWord("leakproof") || t.acceptWords("not", "leakproof")
                        || t.acceptWords("security", "invoker") || t.acceptWords("external", "security", "invoker")) {
                    // No effect here: nothing is leaked or run with other rights.
                    continue;
                } else if (t.acceptWord("parallel") || t.acceptWord("cost") || t.acceptWord("rows")
                        || t.acceptWord("support")) {
                    t.next(); // PARALLEL SAFE, COST 100, ROWS 1000, SUPPORT f: planner advice the engine cannot use
                } else if (t.peek().isWord("security") || t.peek().isWord("external") || t.peek().isWord("set")
                        || t.peek().isWord("window") || t.peek().isWord("transform")) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, t.peek().text().toUpperCase(Locale.ROOT)
                            + " is not supported for LANGUAGE java functions");
                } else {
                    throw t.syntaxError();
                }
            }
            if (language == null) {
                throw PgException.error(SqlState.INVALID_FUNCTION_DEFINITION, "no language specified");
            }
            if (!language.equals("java") && !language.equals("c")) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "functions in language \"" + language + "\" are not supported")
                        .withHint("Elephas runs functions written in Java: LANGUAGE java (or c), AS 'extension',"
                                + " 'fully.qualified.Class.method'.");
            }
            if (result == null) {
                throw PgException.error(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be specified");
            }
            if (as == null) {
                throw PgException.error(SqlState.INVALID_FUNCTION_DEFINITION, "no function body specified");
            }
            String library = as.get(0).startsWith("$libdir/") ? as.get(0).substring("$libdir/".length()) : as.get(0);
            String symbol = as.size() > 1 ? as.get(1) : null;
            JavaFunction f = new JavaFunction(0, session.database().oid(), schema, qualified[1], types, defaults, result,
                    strict != null && strict, library, symbol, resultColumns);
            functions.create(engine, f, replace, immutable);
            qc.set("CREATE FUNCTION");
        }

        private static void parameter(TokenCursor t, List<SqlType> types, List<String> defaults) {
            if (t.acceptWord("out") || t.acceptWord("inout") || t.acceptWord("variadic")) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "only IN parameters are supported for LANGUAGE java functions");
            }
            t.acceptWord("in");
            int start = t.mark();
            int depth = 0;
            int defaultAt = -1;
            int end;
            while (true) {
                Token tok = t.peek();
                if (tok == null) {
                    throw t.syntaxError();
                }
                if (depth == 0 && (tok.is(",") || tok.is(")"))) {
                    end = t.mark();
                    break;
                }
                if (depth == 0 && defaultAt < 0 && (tok.isWord("default") || tok.is("="))) {
                    defaultAt = t.mark();
                }
                if (tok.is("(") || tok.is("[")) {
                    depth++;
                } else if (tok.is(")") || tok.is("]")) {
                    depth--;
                }
                t.next();
            }
            int typeEnd = defaultAt >= 0 ? defaultAt : end;
            String declared = stripTypmod(t.sourceText(start, typeEnd));
            if (!SqlType.known(declared) && typeEnd - start > 1) {
                // [argname] argtype: the first word is the parameter's name.
                t.reset(start);
                Token name = t.next();
                if (name.kind() != TokenKind.IDENTIFIER && name.kind() != TokenKind.QUOTED_IDENTIFIER) {
                    throw t.syntaxError();
                }
                declared = stripTypmod(t.sourceText(start + 1, typeEnd));
                t.reset(end);
            }
            if (declared.isBlank()) {
                t.reset(start);
                throw t.syntaxError();
            }
            types.add(SqlType.of(declared));
            if (defaultAt >= 0) {
                String expression = t.sourceText(defaultAt + 1, end);
                if (expression.isBlank()) {
                    t.reset(end);
                    throw t.syntaxError();
                }
                defaults.add(expression);
            } else if (!defaults.isEmpty()) {
                throw PgException.error(SqlState.INVALID_FUNCTION_DEFINITION,
                        "input parameters after one with a default value must also have defaults");
            }
        }

        /** {@code RETURNS TABLE (name type, ...)}: the columns of a set-returning function. */
        private static void tableColumns(TokenCursor t, List<JavaFunction.ResultColumn> columns) {
            t.expect("(");
            do {
                String name = t.identifier();
                int start = t.mark();
                int depth = 0;
                while (t.peek() != null && (depth > 0 || !(t.peek().is(",") || t.peek().is(")")))) {
                    if (t.peek().is("(") || t.peek().is("[")) {
                        depth++;
                    } else if (t.peek().is(")") || t.peek().is("]")) {
                        depth--;
                    }
                    t.next();
                }
                if (t.mark() == start) {
                    throw t.syntaxError();
                }
                SqlType type = SqlType.of(stripTypmod(t.sourceText(start, t.mark())));
                if (type.javaClass() == void.class) {
                    throw PgException.error(SqlState.INVALID_FUNCTION_DEFINITION, "column \"" + name
                            + "\" has pseudo-type void");
                }
                columns.add(new JavaFunction.ResultColumn(name, type));
            } while (t.accept(","));
            t.expect(")");
        }

        private static SqlType returnType(TokenCursor t) {
            if (t.peek() != null && t.peek().isWord("setof")) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "LANGUAGE java functions returning SETOF are not supported")
                        .withHint("Declare the result as RETURNS TABLE (column type, ...).");
            }
            int start = t.mark();
            int depth = 0;
            while (t.peek() != null && !t.peek().is(";")
                    && (depth > 0 || !(t.peek().kind() == TokenKind.IDENTIFIER && OPTION_WORDS.contains(t.peek().text())))) {
                if (t.peek().is("(") || t.peek().is("[")) {
                    depth++;
                } else if (t.peek().is(")") || t.peek().is("]")) {
                    depth--;
                }
                t.next();
            }
            if (t.mark() == start) {
                throw t.syntaxError();
            }
            return SqlType.of(stripTypmod(t.sourceText(start, t.mark())));
        }
    }

    /** {@code DROP FUNCTION}. */
    public static final class Drop implements UtilityCommand {
        private final JavaFunctions functions;
        private final Membership membership;

        /**
         * @param functions the registry
         * @param membership which functions belong to extensions
         */
        public Drop(JavaFunctions functions, Membership membership) {
            this.functions = functions;
            this.membership = membership;
        }

        @Override
        public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
                QueryCompletion qc) {
            Session session = Session.current();
            TokenCursor t = new TokenCursor(statement.lexed());
            t.expectWord("drop");
            t.expectWord("function");
            boolean ifExists = t.acceptWords("if", "exists");
            record Target(String schema, String name, List<SqlType> args) {
            }
            List<Target> targets = new ArrayList<>();
            do {
                String[] q = qualifiedName(t);
                List<SqlType> args = null;
                if (t.accept("(")) {
                    args = new ArrayList<>();
                    if (!t.accept(")")) {
                        do {
                            int start = t.mark();
                            while (t.peek() != null && !t.peek().is(",") && !t.peek().is(")")) {
                                t.next();
                            }
                            String text = stripTypmod(t.sourceText(start, t.mark()));
                            if (!SqlType.known(text) && text.contains(" ")) {
                                text = text.substring(text.indexOf(' ') + 1); // argname argtype
                            }
                            args.add(SqlType.of(text));
                        } while (t.accept(","));
                        t.expect(")");
                    }
                }
                targets.add(new Target(q[0], q[1], args));
            } while (t.accept(","));
            if (!t.acceptWord("cascade")) {
                t.acceptWord("restrict");
            }
            t.expectEnd();
            Connection engine = session.connection();
            int db = session.database().oid();
            List<JavaFunction> found = new ArrayList<>();
            for (Target target : targets) {
                String schema = target.schema() != null ? target.schema() : currentSchema(engine);
                Optional<JavaFunction> f = functions.find(db, schema, target.name())
                        .filter(fn -> target.args() == null || fn.argTypes().equals(target.args()));
                String shown = target.name() + "(" + (target.args() == null ? ""
                        : String.join(",", target.args().stream().map(SqlType::displayName).toList())) + ")";
                if (f.isEmpty()) {
                    if (!ifExists) {
                        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + shown + " does not exist");
                    }
                    session.notice(LogLevel.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "function " + shown + " does not exist, skipping");
                    continue;
                }
                Optional<String> extension = membership.extensionOf(db, schema, target.name());
                if (extension.isPresent()) {
                    throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop function "
                            + f.get().signature() + " because extension " + extension.get() + " requires it")
                            .withHint("You can drop extension " + extension.get() + " instead.");
                }
                found.add(f.get());
            }
            for (JavaFunction f : found) {
                functions.drop(engine, f);
            }
            qc.set("DROP FUNCTION");
        }
    }

    /** @return {schema or null, name} */
    private static String[] qualifiedName(TokenCursor t) {
        String first = t.identifier();
        if (t.accept(".")) {
            return new String[] {first, t.identifier()};
        }
        return new String[] {null, first};
    }

    private static String stripTypmod(String type) {
        return type.replaceAll("\\([^)]*\\)", "").trim();
    }

    private static String currentSchema(Connection engine) {
        try {
            return engine.getSchema();
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    private static void requireSchema(Connection engine, String schema) {
        try (PreparedStatement ps = engine.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                }
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }
}
