/* worker-bundles/worker_spi/src/main/resources/sql/worker_spi--1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION worker_spi" to load this file. \quit

-- The Java method is the activator's public static method named like the function:
-- org.elephas.workerspi.WorkerSpi.worker_spi_launch.
CREATE FUNCTION worker_spi_launch(index int4,
  dboid oid DEFAULT 0,
  roleoid oid DEFAULT 0,
  flags text[] DEFAULT '{}',
  interruptible boolean DEFAULT false)
RETURNS pg_catalog.int4 STRICT
AS 'MODULE_PATHNAME'
LANGUAGE java;
