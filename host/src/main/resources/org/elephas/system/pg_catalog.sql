-- PostgreSQL's catalog relations over the engine's INFORMATION_SCHEMA, installed into the schema
-- elephas_catalog of every database (org.elephas.system.PgCatalog). The dialect points
-- pg_catalog.pg_class, pg_class, ... at these views (CatalogNames).
--
-- OIDs. PostgreSQL's built-in objects keep PostgreSQL's OIDs (types, access methods,
-- tablespaces, pg_catalog = 11, public = 2200, the catalog views themselves: pg_class = 1259,
-- ...). Objects of the engine have a numeric id, unique in the database and kept for the
-- object's life (the engine's own pg_catalog shows it); their OID is 16384 + that id, so
-- pg_class.oid = pg_attribute.attrelid = pg_index.indrelid = pg_constraint.conrelid hold, and
-- an OID never changes while the object exists. information_schema is 12000, its relations
-- 12000 + (minus their negative id). Sequences and functions have no engine id over JDBC:
-- their OIDs are 1000000000 + a hash of their qualified name (stable across restarts, not
-- guaranteed unique); a column default's is derived from its table's OID and column number.
-- The host's schema elephas_catalog is shown as pg_catalog.
-- Statements are separated by a line holding only ';'.

CREATE OR REPLACE VIEW elephas_catalog.elephas_schemas AS
SELECT CAST(CASE s.schema_name WHEN 'pg_catalog' THEN 11 WHEN 'public' THEN 2200
                 WHEN 'information_schema' THEN 12000 ELSE 16384 + h.id END AS INT) AS oid,
       CAST(CASE s.schema_name WHEN 'elephas_catalog' THEN 11 WHEN 'pg_catalog' THEN 11 WHEN 'public' THEN 2200
                 WHEN 'information_schema' THEN 12000 ELSE 16384 + h.id END AS INT) AS shown_oid,
       s.schema_name AS nspname, h.id AS engine_id
  FROM information_schema.schemata s JOIN pg_catalog.pg_namespace h ON h.nspname = s.schema_name
;
CREATE OR REPLACE VIEW elephas_catalog.pg_namespace AS
SELECT oid, nspname, 10 AS nspowner, CAST(NULL AS VARCHAR ARRAY) AS nspacl
  FROM elephas_catalog.elephas_schemas WHERE nspname <> 'elephas_catalog'
;
-- Tables, views, sequences and the indexes PostgreSQL would have (the user's, and those of
-- primary key and unique constraints, named after the constraint as in PostgreSQL; not the
-- engine's own indexes for foreign keys), with their OIDs: org.elephas.system.CatalogRelations.
CREATE OR REPLACE VIEW elephas_catalog.elephas_relations AS
SELECT * FROM elephas_catalog.elephas_relations_rows()
;
CREATE OR REPLACE VIEW elephas_catalog.pg_class AS
SELECT r.oid, r.relname, r.relnamespace, 0 AS reltype, 0 AS reloftype, 10 AS relowner,
       CASE r.relkind WHEN 'r' THEN 2 WHEN 'i' THEN 403 ELSE 0 END AS relam,
       CASE WHEN r.relkind IN ('r', 'i', 'S') THEN r.oid ELSE 0 END AS relfilenode, 0 AS reltablespace,
       CAST(CASE WHEN r.relkind IN ('r', 'i', 'S') THEN 1 ELSE 0 END AS INT) AS relpages,
       CAST(r.reltuples AS REAL) AS reltuples, 0 AS relallvisible,
       0 AS reltoastrelid,
       r.relhasindex, FALSE AS relisshared, r.relpersistence, r.relkind, CAST(r.relnatts AS SMALLINT) AS relnatts,
       CAST(r.relchecks AS SMALLINT) AS relchecks,
       (r.relkind = 'v') AS relhasrules, r.relhastriggers, FALSE AS relhassubclass,
       FALSE AS relrowsecurity, FALSE AS relforcerowsecurity, TRUE AS relispopulated,
       CAST(CASE WHEN r.relkind = 'r' THEN 'd' ELSE 'n' END AS VARCHAR) AS relreplident, FALSE AS relispartition,
       0 AS relrewrite, CAST(NULL AS BIGINT) AS relfrozenxid, CAST(NULL AS BIGINT) AS relminmxid,
       CAST(NULL AS VARCHAR ARRAY) AS relacl, CAST(NULL AS VARCHAR ARRAY) AS reloptions,
       CAST(NULL AS VARCHAR) AS relpartbound
  FROM elephas_catalog.elephas_relations r
;
CREATE OR REPLACE VIEW elephas_catalog.pg_type AS
SELECT t.oid, t.typname, 11 AS typnamespace, 10 AS typowner, CAST(t.typlen AS SMALLINT) AS typlen, t.typbyval,
       t.typtype, t.typcategory, t.typispreferred, TRUE AS typisdefined, t.typdelim, 0 AS typrelid,
       0 AS typsubscript, t.typelem, t.typarray, t.typinput, 0 AS typoutput, 0 AS typreceive, 0 AS typsend,
       0 AS typmodin, 0 AS typmodout, 0 AS typanalyze, t.typalign, t.typstorage, FALSE AS typnotnull,
       0 AS typbasetype, -1 AS typtypmod, CASE WHEN t.typcategory = 'A' THEN 1 ELSE 0 END AS typndims,
       t.typcollation, CAST(NULL AS VARCHAR) AS typdefaultbin, CAST(NULL AS VARCHAR) AS typdefault,
       CAST(NULL AS VARCHAR ARRAY) AS typacl
  FROM (VALUES
    (16, 'bool', 1, TRUE, 'b', 'B', TRUE, ',', 0, 1000, 1242, 'c', 'p', 0)
  , (17, 'bytea', -1, FALSE, 'b', 'U', FALSE, ',', 0, 1001, 1244, 'i', 'x', 0)
  , (18, 'char', 1, TRUE, 'b', 'Z', FALSE, ',', 0, 1002, 1245, 'c', 'p', 0)
  , (19, 'name', 64, FALSE, 'b', 'S', FALSE, ',', 18, 1003, 34, 'c', 'p', 950)
  , (20, 'int8', 8, TRUE, 'b', 'N', FALSE, ',', 0, 1016, 460, 'd', 'p', 0)
  , (21, 'int2', 2, TRUE, 'b', 'N', FALSE, ',', 0, 1005, 38, 's', 'p', 0)
  , (22, 'int2vector', -1, FALSE, 'b', 'A', FALSE, ',', 21, 1006, 40, 'i', 'p', 0)
  , (23, 'int4', 4, TRUE, 'b', 'N', FALSE, ',', 0, 1007, 42, 'i', 'p', 0)
  , (24, 'regproc', 4, TRUE, 'b', 'N', FALSE, ',', 0, 1008, 44, 'i', 'p', 0)
  , (25, 'text', -1, FALSE, 'b', 'S', TRUE, ',', 0, 1009, 46, 'i', 'x', 100)
  , (26, 'oid', 4, TRUE, 'b', 'N', TRUE, ',', 0, 1028, 1798, 'i', 'p', 0)
  , (27, 'tid', 6, FALSE, 'b', 'U', FALSE, ',', 0, 1010, 48, 's', 'p', 0)
  , (28, 'xid', 4, TRUE, 'b', 'U', FALSE, ',', 0, 1011, 50, 'i', 'p', 0)
  , (29, 'cid', 4, TRUE, 'b', 'U', FALSE, ',', 0, 1012, 52, 'i', 'p', 0)
  , (30, 'oidvector', -1, FALSE, 'b', 'A', FALSE, ',', 26, 1013, 54, 'i', 'p', 0)
  , (114, 'json', -1, FALSE, 'b', 'U', FALSE, ',', 0, 199, 321, 'i', 'x', 0)
  , (199, '_json', -1, FALSE, 'b', 'A', FALSE, ',', 114, 0, 750, 'i', 'x', 0)
  , (700, 'float4', 4, TRUE, 'b', 'N', FALSE, ',', 0, 1021, 200, 'i', 'p', 0)
  , (701, 'float8', 8, TRUE, 'b', 'N', TRUE, ',', 0, 1022, 214, 'd', 'p', 0)
  , (705, 'unknown', -2, FALSE, 'p', 'X', FALSE, ',', 0, 0, 109, 'c', 'p', 0)
  , (1000, '_bool', -1, FALSE, 'b', 'A', FALSE, ',', 16, 0, 750, 'i', 'x', 0)
  , (1001, '_bytea', -1, FALSE, 'b', 'A', FALSE, ',', 17, 0, 750, 'i', 'x', 0)
  , (1002, '_char', -1, FALSE, 'b', 'A', FALSE, ',', 18, 0, 750, 'i', 'x', 0)
  , (1003, '_name', -1, FALSE, 'b', 'A', FALSE, ',', 19, 0, 750, 'i', 'x', 950)
  , (1005, '_int2', -1, FALSE, 'b', 'A', FALSE, ',', 21, 0, 750, 'i', 'x', 0)
  , (1007, '_int4', -1, FALSE, 'b', 'A', FALSE, ',', 23, 0, 750, 'i', 'x', 0)
  , (1009, '_text', -1, FALSE, 'b', 'A', FALSE, ',', 25, 0, 750, 'i', 'x', 100)
  , (1014, '_bpchar', -1, FALSE, 'b', 'A', FALSE, ',', 1042, 0, 750, 'i', 'x', 100)
  , (1015, '_varchar', -1, FALSE, 'b', 'A', FALSE, ',', 1043, 0, 750, 'i', 'x', 100)
  , (1016, '_int8', -1, FALSE, 'b', 'A', FALSE, ',', 20, 0, 750, 'd', 'x', 0)
  , (1021, '_float4', -1, FALSE, 'b', 'A', FALSE, ',', 700, 0, 750, 'i', 'x', 0)
  , (1022, '_float8', -1, FALSE, 'b', 'A', FALSE, ',', 701, 0, 750, 'd', 'x', 0)
  , (1028, '_oid', -1, FALSE, 'b', 'A', FALSE, ',', 26, 0, 750, 'i', 'x', 0)
  , (1042, 'bpchar', -1, FALSE, 'b', 'S', FALSE, ',', 0, 1014, 1044, 'i', 'x', 100)
  , (1043, 'varchar', -1, FALSE, 'b', 'S', FALSE, ',', 0, 1015, 1046, 'i', 'x', 100)
  , (1082, 'date', 4, TRUE, 'b', 'D', FALSE, ',', 0, 1182, 1084, 'i', 'p', 0)
  , (1083, 'time', 8, TRUE, 'b', 'D', FALSE, ',', 0, 1183, 1143, 'd', 'p', 0)
  , (1114, 'timestamp', 8, TRUE, 'b', 'D', FALSE, ',', 0, 1115, 1312, 'd', 'p', 0)
  , (1115, '_timestamp', -1, FALSE, 'b', 'A', FALSE, ',', 1114, 0, 750, 'd', 'x', 0)
  , (1182, '_date', -1, FALSE, 'b', 'A', FALSE, ',', 1082, 0, 750, 'i', 'x', 0)
  , (1183, '_time', -1, FALSE, 'b', 'A', FALSE, ',', 1083, 0, 750, 'd', 'x', 0)
  , (1184, 'timestamptz', 8, TRUE, 'b', 'D', TRUE, ',', 0, 1185, 1150, 'd', 'p', 0)
  , (1185, '_timestamptz', -1, FALSE, 'b', 'A', FALSE, ',', 1184, 0, 750, 'd', 'x', 0)
  , (1186, 'interval', 16, FALSE, 'b', 'T', TRUE, ',', 0, 1187, 1160, 'd', 'p', 0)
  , (1187, '_interval', -1, FALSE, 'b', 'A', FALSE, ',', 1186, 0, 750, 'd', 'x', 0)
  , (1231, '_numeric', -1, FALSE, 'b', 'A', FALSE, ',', 1700, 0, 750, 'i', 'x', 0)
  , (1263, '_cstring', -1, FALSE, 'b', 'A', FALSE, ',', 2275, 0, 750, 'i', 'x', 0)
  , (1266, 'timetz', 12, FALSE, 'b', 'D', FALSE, ',', 0, 1270, 1350, 'd', 'p', 0)
  , (1270, '_timetz', -1, FALSE, 'b', 'A', FALSE, ',', 1266, 0, 750, 'd', 'x', 0)
  , (1560, 'bit', -1, FALSE, 'b', 'V', FALSE, ',', 0, 1561, 1564, 'i', 'x', 0)
  , (1561, '_bit', -1, FALSE, 'b', 'A', FALSE, ',', 1560, 0, 750, 'i', 'x', 0)
  , (1562, 'varbit', -1, FALSE, 'b', 'V', TRUE, ',', 0, 1563, 1579, 'i', 'x', 0)
  , (1563, '_varbit', -1, FALSE, 'b', 'A', FALSE, ',', 1562, 0, 750, 'i', 'x', 0)
  , (1700, 'numeric', -1, FALSE, 'b', 'N', FALSE, ',', 0, 1231, 1701, 'i', 'm', 0)
  , (2202, 'regprocedure', 4, TRUE, 'b', 'N', FALSE, ',', 0, 2207, 2212, 'i', 'p', 0)
  , (2205, 'regclass', 4, TRUE, 'b', 'N', FALSE, ',', 0, 2210, 2218, 'i', 'p', 0)
  , (2206, 'regtype', 4, TRUE, 'b', 'N', FALSE, ',', 0, 2211, 2220, 'i', 'p', 0)
  , (2210, '_regclass', -1, FALSE, 'b', 'A', FALSE, ',', 2205, 0, 750, 'i', 'x', 0)
  , (2211, '_regtype', -1, FALSE, 'b', 'A', FALSE, ',', 2206, 0, 750, 'i', 'x', 0)
  , (2249, 'record', -1, FALSE, 'p', 'P', FALSE, ',', 0, 2287, 2290, 'd', 'x', 0)
  , (2275, 'cstring', -2, FALSE, 'p', 'P', FALSE, ',', 0, 1263, 2292, 'c', 'p', 0)
  , (2277, 'anyarray', -1, FALSE, 'p', 'P', FALSE, ',', 0, 0, 2296, 'd', 'x', 0)
  , (2278, 'void', 4, TRUE, 'p', 'P', FALSE, ',', 0, 0, 2298, 'i', 'p', 0)
  , (2279, 'trigger', 4, TRUE, 'p', 'P', FALSE, ',', 0, 0, 2300, 'i', 'p', 0)
  , (2283, 'anyelement', 4, TRUE, 'p', 'P', FALSE, ',', 0, 0, 2312, 'i', 'p', 0)
  , (2950, 'uuid', 16, FALSE, 'b', 'U', FALSE, ',', 0, 2951, 2952, 'c', 'p', 0)
  , (2951, '_uuid', -1, FALSE, 'b', 'A', FALSE, ',', 2950, 0, 750, 'i', 'x', 0)
  , (3802, 'jsonb', -1, FALSE, 'b', 'U', FALSE, ',', 0, 3807, 3806, 'i', 'x', 0)
  , (3807, '_jsonb', -1, FALSE, 'b', 'A', FALSE, ',', 3802, 0, 750, 'i', 'x', 0)
  , (4089, 'regnamespace', 4, TRUE, 'b', 'N', FALSE, ',', 0, 4090, 4084, 'i', 'p', 0)
  ) AS t(oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typdelim, typelem, typarray,
         typinput, typalign, typstorage, typcollation)
;
-- Columns: the engine's data types as PostgreSQL's type OIDs and type modifiers. A string
-- column without a declared length (text, varchar) is text; invisible columns (the engine's
-- columns for partial and expression unique indexes) show as dropped.
-- Columns: org.elephas.system.CatalogColumns.
CREATE OR REPLACE VIEW elephas_catalog.elephas_attributes AS
SELECT * FROM elephas_catalog.elephas_attributes_rows()
;
CREATE OR REPLACE VIEW elephas_catalog.pg_attribute AS
SELECT a.attrelid, a.attname, a.atttypid, -1 AS attstattarget, CAST(a.attlen AS SMALLINT) AS attlen,
       CAST(a.attnum AS SMALLINT) AS attnum,
       CASE WHEN a.atttypid IN (1000, 1001, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1115, 1182, 1183, 1185,
           1231, 2951, 199, 2277) THEN 1 ELSE 0 END AS attndims,
       -1 AS attcacheoff, a.atttypmod, a.attbyval, a.attalign, a.attstorage, CAST('' AS VARCHAR) AS attcompression,
       a.attnotnull, a.atthasdef, FALSE AS atthasmissing, a.attidentity, a.attgenerated, a.attisdropped,
       TRUE AS attislocal, 0 AS attinhcount, a.attcollation,
       CAST(NULL AS VARCHAR ARRAY) AS attacl, CAST(NULL AS VARCHAR ARRAY) AS attoptions,
       CAST(NULL AS VARCHAR ARRAY) AS attfdwoptions, CAST(NULL AS VARCHAR) AS attmissingval
  FROM elephas_catalog.elephas_attributes a
;
-- Column defaults: adbin holds the engine's text of the expression (pg_get_expr shows it).
CREATE OR REPLACE VIEW elephas_catalog.pg_attrdef AS
SELECT CAST(1000000000 + MOD(a.attrelid * 1000 + a.attnum, 1000000000) AS INT) AS oid, a.attrelid AS adrelid,
       CAST(a.attnum AS SMALLINT) AS adnum, a.adbin
  FROM elephas_catalog.elephas_attributes a WHERE a.atthasdef
;
-- Indexes and constraints: org.elephas.system.CatalogKeys.
CREATE OR REPLACE VIEW elephas_catalog.pg_index AS
SELECT i.indexrelid, i.indrelid, CAST(i.indnatts AS SMALLINT) AS indnatts, CAST(i.indnatts AS SMALLINT) AS indnkeyatts,
       i.indisunique, i.indnullsnotdistinct, i.indisprimary, FALSE AS indisexclusion, TRUE AS indimmediate,
       FALSE AS indisclustered, TRUE AS indisvalid, FALSE AS indcheckxmin, TRUE AS indisready, TRUE AS indislive,
       FALSE AS indisreplident, i.indkey, CAST(NULL AS INT ARRAY) AS indcollation, CAST(NULL AS INT ARRAY) AS indclass,
       i.indoption, CAST(NULL AS VARCHAR) AS indexprs, CAST(NULL AS VARCHAR) AS indpred
  FROM elephas_catalog.elephas_indexes_rows() i
;
CREATE OR REPLACE VIEW elephas_catalog.pg_constraint AS
SELECT c.oid, c.conname, c.connamespace, c.contype, c.condeferrable, c.condeferred, TRUE AS convalidated,
       c.conrelid, 0 AS contypid, c.conindid, 0 AS conparentid, c.confrelid, c.confupdtype, c.confdeltype,
       CAST(CASE WHEN c.contype = 'f' THEN 's' ELSE ' ' END AS VARCHAR) AS confmatchtype,
       TRUE AS conislocal, 0 AS coninhcount, FALSE AS connoinherit, c.conkey, c.confkey,
       CAST(NULL AS INT ARRAY) AS conpfeqop, CAST(NULL AS INT ARRAY) AS conppeqop, CAST(NULL AS INT ARRAY) AS conffeqop,
       CAST(NULL AS SMALLINT ARRAY) AS confdelsetcols, CAST(NULL AS INT ARRAY) AS conexclop, c.conbin
  FROM elephas_catalog.elephas_constraints_rows() c
;
-- Comments (COMMENT ON TABLE / COLUMN, kept by the engine as remarks).
CREATE OR REPLACE VIEW elephas_catalog.pg_description AS
SELECT r.oid AS objoid, 1259 AS classoid, 0 AS objsubid, r.remarks AS description
  FROM elephas_catalog.elephas_relations r WHERE r.remarks IS NOT NULL AND r.remarks <> ''
UNION ALL
SELECT a.attrelid, 1259, a.attnum, a.description
  FROM elephas_catalog.elephas_attributes a WHERE a.description IS NOT NULL AND a.description <> ''
;
CREATE OR REPLACE VIEW elephas_catalog.pg_am AS
SELECT * FROM (VALUES (2, 'heap', 3, 't'), (403, 'btree', 330, 'i'), (405, 'hash', 331, 'i'))
    AS a(oid, amname, amhandler, amtype)
;
CREATE OR REPLACE VIEW elephas_catalog.pg_tablespace AS
SELECT * FROM (VALUES (1663, 'pg_default', 10, CAST(NULL AS VARCHAR ARRAY), CAST(NULL AS VARCHAR ARRAY)),
    (1664, 'pg_global', 10, CAST(NULL AS VARCHAR ARRAY), CAST(NULL AS VARCHAR ARRAY)))
    AS t(oid, spcname, spcowner, spcacl, spcoptions)
;
CREATE OR REPLACE VIEW elephas_catalog.pg_collation AS
SELECT * FROM (VALUES (100, 'default', 11, 10, 'd', TRUE, -1, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)),
    (950, 'C', 11, 10, 'c', TRUE, -1, 'C', 'C'), (951, 'POSIX', 11, 10, 'c', TRUE, -1, 'POSIX', 'POSIX'))
    AS c(oid, collname, collnamespace, collowner, collprovider, collisdeterministic, collencoding, collcollate,
         collctype)
;
-- Functions: the engine's user-defined functions (CREATE FUNCTION .. LANGUAGE java), and the
-- few built-ins PostgreSQL clients name as regproc constants.
CREATE OR REPLACE VIEW elephas_catalog.pg_proc AS
SELECT CAST(1000000000 + MOD(ORA_HASH(r.routine_schema || '.' || r.specific_name), 1000000000) AS INT) AS oid,
       r.routine_name AS proname, n.shown_oid AS pronamespace, 10 AS proowner, 13 AS prolang,
       CAST('f' AS VARCHAR) AS prokind, FALSE AS proretset, CAST(0 AS INT) AS prorettype
  FROM information_schema.routines r JOIN elephas_catalog.elephas_schemas n ON n.nspname = r.routine_schema
 WHERE r.routine_schema NOT IN ('elephas_catalog', 'pg_catalog', 'information_schema')
UNION ALL
SELECT * FROM (VALUES (750, 'array_in', 11, 10, 12, 'f', FALSE, 2277), (1574, 'nextval', 11, 10, 12, 'f', FALSE, 20),
    (1299, 'now', 11, 10, 12, 'f', FALSE, 1184)) AS b(oid, proname, pronamespace, proowner, prolang, prokind,
    proretset, prorettype)
;
CREATE OR REPLACE VIEW elephas_catalog.pg_user AS
SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,
       rolreplication AS userepl, rolbypassrls AS usebypassrls, rolpassword AS passwd, rolvaliduntil AS valuntil,
       rolconfig AS useconfig
  FROM elephas_catalog.pg_roles WHERE rolcanlogin
;
-- What Elephas does not have: no rows, PostgreSQL 15's columns.
CREATE OR REPLACE VIEW elephas_catalog.pg_auth_members AS
SELECT 0 AS oid, 0 AS roleid, 0 AS member, 0 AS grantor, FALSE AS admin_option WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_inherits AS
SELECT 0 AS inhrelid, 0 AS inhparent, 0 AS inhseqno, FALSE AS inhdetachpending WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_partitioned_table AS
SELECT 0 AS partrelid, CAST('' AS VARCHAR) AS partstrat, CAST(0 AS SMALLINT) AS partnatts, 0 AS partdefid,
       CAST(NULL AS SMALLINT ARRAY) AS partattrs, CAST(NULL AS INT ARRAY) AS partclass,
       CAST(NULL AS INT ARRAY) AS partcollation, CAST(NULL AS VARCHAR) AS partexprs WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_trigger AS
SELECT 0 AS oid, 0 AS tgrelid, 0 AS tgparentid, CAST('' AS VARCHAR) AS tgname, 0 AS tgfoid,
       CAST(0 AS SMALLINT) AS tgtype, CAST('' AS VARCHAR) AS tgenabled, FALSE AS tgisinternal,
       0 AS tgconstrrelid, 0 AS tgconstrindid, 0 AS tgconstraint, FALSE AS tgdeferrable, FALSE AS tginitdeferred,
       CAST(0 AS SMALLINT) AS tgnargs, CAST(NULL AS SMALLINT ARRAY) AS tgattr, CAST(NULL AS VARBINARY) AS tgargs,
       CAST(NULL AS VARCHAR) AS tgqual, CAST(NULL AS VARCHAR) AS tgoldtable, CAST(NULL AS VARCHAR) AS tgnewtable
 WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_policy AS
SELECT 0 AS oid, CAST('' AS VARCHAR) AS polname, 0 AS polrelid, CAST('' AS VARCHAR) AS polcmd,
       FALSE AS polpermissive, CAST(NULL AS VARCHAR) AS polroles, CAST(NULL AS VARCHAR) AS polqual,
       CAST(NULL AS VARCHAR) AS polwithcheck WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_statistic_ext AS
SELECT 0 AS oid, 0 AS stxrelid, CAST('' AS VARCHAR) AS stxname, 0 AS stxnamespace, 0 AS stxowner,
       -1 AS stxstattarget, CAST(NULL AS SMALLINT ARRAY) AS stxkeys, CAST(NULL AS VARCHAR ARRAY) AS stxkind,
       CAST(NULL AS VARCHAR) AS stxexprs WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_publication AS
SELECT 0 AS oid, CAST('' AS VARCHAR) AS pubname, 0 AS pubowner, FALSE AS puballtables, FALSE AS pubinsert,
       FALSE AS pubupdate, FALSE AS pubdelete, FALSE AS pubtruncate, FALSE AS pubviaroot WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_publication_namespace AS
SELECT 0 AS oid, 0 AS pnpubid, 0 AS pnnspid WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_publication_rel AS
SELECT 0 AS oid, 0 AS prpubid, 0 AS prrelid, CAST(NULL AS VARCHAR) AS prqual, CAST(NULL AS SMALLINT ARRAY) AS prattrs
 WHERE FALSE
;
CREATE OR REPLACE VIEW elephas_catalog.pg_sequence AS
SELECT r.oid AS seqrelid,
       CASE UPPER(s.data_type) WHEN 'INTEGER' THEN 23 WHEN 'SMALLINT' THEN 21 ELSE 20 END AS seqtypid,
       s.start_value AS seqstart, s.increment AS seqincrement, s.maximum_value AS seqmax, s.minimum_value AS seqmin,
       s.cache AS seqcache, (s.cycle_option = 'YES') AS seqcycle
  FROM information_schema.sequences s
  JOIN elephas_catalog.elephas_relations r ON r.relkind = 'S' AND r.nspname = s.sequence_schema
       AND r.relname = s.sequence_name
;
CREATE OR REPLACE VIEW elephas_catalog.pg_depend AS
SELECT 0 AS classid, 0 AS objid, 0 AS objsubid, 0 AS refclassid, 0 AS refobjid, 0 AS refobjsubid,
       CAST('' AS VARCHAR) AS deptype WHERE FALSE
;
