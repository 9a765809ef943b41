/**
 * The SQL engine: embedded H2 in PostgreSQL compatibility mode, one H2 database per Elephas
 * database, reached only through JDBC; the mapping of its errors and types to PostgreSQL's.
 */
package org.elephas.engine;
