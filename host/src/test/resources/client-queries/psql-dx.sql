-- Captured with `psql -E -c '\dx'` from psql 15.18 (PostgreSQL 15.18) against PostgreSQL 15.18.
-- A relation OID psql found by an earlier query is written {oid}.
SELECT e.extname AS "Name", e.extversion AS "Version", n.nspname AS "Schema", c.description AS "Description"
FROM pg_catalog.pg_extension e LEFT JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace LEFT JOIN pg_catalog.pg_description c ON c.objoid = e.oid AND c.classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass
ORDER BY 1;
