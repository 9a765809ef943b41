/**
 * SQL functions implemented by public static Java methods of extension bundles, PostgreSQL's
 * C-language functions ({@code CREATE FUNCTION ... AS 'MODULE_PATHNAME', 'symbol' LANGUAGE c}).
 *
 * <p>The engine calls a function through a small class the host generates from the SQL
 * declaration (its parameter and return types), found by the engine's class loading through
 * {@link org.elephas.function.FunctionClassFactory}. That class only forwards to
 * {@link org.elephas.function.FunctionCalls}, which applies STRICT and default arguments,
 * loads the extension's bundle on the first call (its {@code _PG_init} runs then, as PostgreSQL
 * loads a library when one of its functions is first called) and calls the bundle's method. The
 * engine never holds a bundle class, so a bundle can stop and be replaced.
 */
package org.elephas.function;
