package org.elephas.dialect;

import java.util.List;

/**
 * The rewrites Elephas applies to every statement that needs them, in order: token rewrites
 * first (expression-level spellings, then statement-level DDL translations), then the tree
 * rewrites, which parse what the token rewrites left. docs/sql.md ("Dialect") lists what each
 * handles.
 */
final class StandardRewrites {
    private StandardRewrites() {
    }

    /** @return the rewrites */
    static List<Rewrite> all() {
        return List.of(
                // Host views and functions first: later rewrites may leave JSqlParser's grammar.
                // A lateral sub-select's expression is copied before its names are pointed at the host's.
                new LateralScalarSelect(),
                new ExpandArray(),
                new CatalogNames(),
                new SystemViewRewrite(),
                new SystemFunctionRewrite(),
                new OperatorSyntax(),
                new DefaultCollation(),
                new TypeNames(),
                new ObjectIdentifierCasts(),
                new CatalogQualifiedFunctions(),
                new FunctionColumnAlias(),
                new StorageParameters(),
                new IndexDefinition(),
                new DropIndex(),
                new TruncateTables(),
                new WithQueries(),
                new Returning());
    }
}
