-- Captured with `psql -E -c '\dn'` from psql 15.18 (PostgreSQL 15.18) against PostgreSQL 15.18.
-- A relation OID psql found by an earlier query is written {oid}.
SELECT n.nspname AS "Name",
  pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY 1;
