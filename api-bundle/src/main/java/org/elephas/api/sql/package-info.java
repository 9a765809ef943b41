/**
 * The statement pipeline's data, as PostgreSQL's hooks see it: a {@link org.elephas.api.sql.Query}
 * (after parse analysis), a {@link org.elephas.api.sql.PlannedStmt} (the planner's output), a
 * {@link org.elephas.api.sql.QueryDesc} (what the executor runs) and a
 * {@link org.elephas.api.sql.DestReceiver} (where rows go). The parse tree is JSqlParser's.
 */
@Version("1.3.0")
@Export
package org.elephas.api.sql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
