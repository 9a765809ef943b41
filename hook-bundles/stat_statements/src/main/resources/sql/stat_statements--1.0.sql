/* hook-bundles/stat_statements/src/main/resources/sql/stat_statements--1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION stat_statements" to load this file. \quit

-- PostgreSQL 15's pg_stat_statements columns, without the buffer, WAL and JIT ones.
CREATE FUNCTION pg_stat_statements(showtext boolean)
RETURNS TABLE (
    userid oid,
    dbid oid,
    toplevel bool,
    queryid bigint,
    query text,
    plans int8,
    total_plan_time float8,
    min_plan_time float8,
    max_plan_time float8,
    mean_plan_time float8,
    stddev_plan_time float8,
    calls int8,
    total_exec_time float8,
    min_exec_time float8,
    max_exec_time float8,
    mean_exec_time float8,
    stddev_exec_time float8,
    rows int8
)
STRICT
AS 'MODULE_PATHNAME', 'org.elephas.statstatements.StatStatementsFunctions.pgStatStatements'
LANGUAGE java;

CREATE VIEW pg_stat_statements AS
  SELECT * FROM pg_stat_statements(true);

CREATE FUNCTION pg_stat_statements_reset(userid oid DEFAULT 0, dbid oid DEFAULT 0, queryid bigint DEFAULT 0)
RETURNS void
STRICT
AS 'MODULE_PATHNAME', 'org.elephas.statstatements.StatStatementsFunctions.reset'
LANGUAGE java;

CREATE FUNCTION pg_stat_statements_info()
RETURNS TABLE (
    dealloc bigint,
    stats_reset timestamp with time zone
)
STRICT
AS 'MODULE_PATHNAME', 'org.elephas.statstatements.StatStatementsFunctions.info'
LANGUAGE java;

CREATE VIEW pg_stat_statements_info AS
  SELECT * FROM pg_stat_statements_info();
