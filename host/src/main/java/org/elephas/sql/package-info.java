/**
 * PostgreSQL's lexical structure, without a parser: tokens, statement boundaries, the query id
 * and normalised text of pg_stat_statements, and a statement's command type and tag. Enough to
 * run the plain path without building a parse tree.
 */
package org.elephas.sql;
