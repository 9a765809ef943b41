/**
 * The SQL surface of host state: PostgreSQL's system functions ({@code current_setting},
 * {@code pg_terminate_backend}, {@code version()}, ...) and system views ({@code pg_stat_activity},
 * {@code pg_settings}, {@code elephas_workers}, ...), installed into every engine database.
 *
 * <p>How it fits together. {@link org.elephas.system.SystemObjects} creates, in each database the
 * engine opens, the schema {@code elephas_catalog} with an engine function alias per function
 * (static methods here, which the engine calls on the calling session's thread) and a view per
 * system view over a table function. The functions find the calling session with
 * {@link org.elephas.session.Session#current()} and server-wide state through
 * {@link org.elephas.system.SystemState}, which the SQL layer installs. The dialect's rewrites
 * ({@code SystemViewRewrite}, {@code SystemFunctionRewrite}) point references to the view names
 * and to functions the engine has built in ({@code version()}, {@code current_user}, ...) at this
 * schema; the session keeps the schema on the engine's search path so the other functions are
 * found unqualified without parsing.
 */
package org.elephas.system;
