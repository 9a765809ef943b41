package org.elephas.catalog.commands;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.session.Notice;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GRANT and REVOKE on databases, and where the privileges are enforced. */
class GrantTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of());
        try (SqlClient c = server.connect()) {
            c.exec("create role alice login");
            c.exec("create role bob login");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Catalog catalog() {
        return server.postmaster().catalog();
    }

    /** @return the grants on a database as "grantee:letter" ("PUBLIC:c", "alice:C") */
    private static Set<String> acl(String database) {
        DatabaseInfo db = catalog().database(database).orElseThrow();
        return catalog().privileges(db.oid()).stream().map(p -> (p.grantee() == Catalog.PUBLIC ? "PUBLIC"
                : catalog().role(p.grantee()).orElseThrow().name()) + ":" + p.privilege()).collect(Collectors.toSet());
    }


    @Test
    void grantAndRevokeChangeTheDatabasesAcl() {
        try (SqlClient c = server.connect()) {
            c.exec("create database g_acl");
            assertEquals(Set.of("PUBLIC:c", "PUBLIC:T"), acl("g_acl"), "the default ACL");
            assertEquals("GRANT", c.exec("grant all privileges on database g_acl to alice"));
            assertEquals(Set.of("PUBLIC:c", "PUBLIC:T", "alice:C", "alice:c", "alice:T"), acl("g_acl"));
            assertEquals("REVOKE", c.exec("revoke temp, connect on database g_acl from alice cascade"));
            assertEquals(Set.of("PUBLIC:c", "PUBLIC:T", "alice:C"), acl("g_acl"));
            assertEquals("GRANT", c.exec("grant connect, temporary on database g_acl, postgres to bob, public"));
            assertTrue(acl("g_acl").containsAll(Set.of("bob:c", "bob:T")));
            assertTrue(acl("postgres").containsAll(Set.of("bob:c", "bob:T")));
            assertEquals("REVOKE", c.exec("revoke all on database g_acl, postgres from bob, public"));
            assertEquals(Set.of("alice:C"), acl("g_acl"));
            assertEquals(Set.of(), acl("postgres"));
            c.exec("grant connect, temp on database postgres to public");
            assertEquals("GRANT", c.exec("grant create on database g_acl to current_user granted by current_user"));
        }
    }

    @Test
    void revokeConnectFromPublicKeepsNonSuperusersOutUntilGranted() {
        try (SqlClient c = server.connect()) {
            c.exec("create database g_private");
            server.connect("g_private", "alice").close();
            c.exec("revoke connect on database g_private from public");
            PgException e = assertThrows(PgException.class, () -> server.connect("g_private", "alice"));
            assertEquals(LogLevel.FATAL, e.level());
            assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database \"g_private\"", e);
            assertEquals("User does not have CONNECT privilege.", e.detail());
            server.connect("g_private", "postgres").close();

            c.exec("grant connect on database g_private to alice");
            server.connect("g_private", "alice").close();
            assertThrows(PgException.class, () -> server.connect("g_private", "bob"));

            c.exec("alter database g_private owner to bob");
            server.connect("g_private", "bob").close();
        }
    }

    @Test
    void createSchemaNeedsCreateOnTheDatabase() {
        try (SqlClient c = server.connect()) {
            c.exec("create database g_schema");
            try (SqlClient alice = server.connect("g_schema", "alice")) {
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database g_schema",
                        alice.error("create schema s_alice"));
                c.exec("grant create on database g_schema to alice");
                assertEquals("CREATE SCHEMA", alice.exec("create schema s_alice"));
                c.exec("revoke create on database g_schema from alice");
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database g_schema",
                        alice.error("create schema if not exists s_other"));
                assertThrows(PgException.class, () -> DatabasePrivileges.requireCreate(alice.session()));
            }
            try (SqlClient owner = server.connect("g_schema", "postgres")) {
                assertEquals("CREATE SCHEMA", owner.exec("create schema s_owner"));
            }
        }
    }

    @Test
    void temporaryTablesNeedTemporary() {
        try (SqlClient c = server.connect()) {
            c.exec("create database g_temp");
            try (SqlClient alice = server.connect("g_temp", "alice")) {
                assertEquals("CREATE TABLE", alice.exec("create temp table t1(x int)"));
                c.exec("revoke temporary on database g_temp from public");
                assertError(SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied to create temporary tables in database \"g_temp\"",
                        alice.error("create local temporary table t2(x int)"));
                assertEquals("CREATE TABLE", alice.exec("create table t3(x int)"));
            }
        }
    }

    @Test
    void whoMayGrant() {
        try (SqlClient c = server.connect()) {
            c.exec("create database g_who");
            c.exec("create database g_closed");
            c.exec("revoke all on database g_closed from public");
            try (SqlClient bob = server.connect("postgres", "bob")) {
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database g_closed",
                        bob.error("grant connect on database g_closed to alice"));
                assertEquals("GRANT", bob.exec("grant connect on database g_who to alice"));
                assertEquals("REVOKE", bob.exec("revoke connect on database g_who from public"));
                assertEquals(Set.of("PUBLIC:c", "PUBLIC:T"), acl("g_who"), "nothing changed");
                Set<String> warnings = bob.notices().stream().filter(n -> n.level() == LogLevel.WARNING)
                        .map(Notice::message).collect(Collectors.toSet());
                assertEquals(Set.of("no privileges were granted for \"g_who\"",
                        "no privileges could be revoked for \"g_who\""), warnings);
                assertEquals(Set.of(States.PRIVILEGE_NOT_GRANTED, States.PRIVILEGE_NOT_REVOKED),
                        bob.notices().stream().map(Notice::sqlState).collect(Collectors.toSet()));
            }
            c.exec("alter database g_who owner to bob");
            try (SqlClient bob = server.connect("postgres", "bob")) {
                assertEquals("REVOKE", bob.exec("revoke connect on database g_who from public"));
                assertFalse(acl("g_who").contains("PUBLIC:c"));
            }
        }
    }

    @Test
    void errorsAndUnsupportedForms() {
        try (SqlClient c = server.connect()) {
            c.exec("create database g_err");
            assertError(States.INVALID_GRANT_OPERATION, "invalid privilege type UPDATE for database",
                    c.error("grant update on database g_err to public"));
            assertError(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"frobnicate\"",
                    c.error("grant frobnicate on database g_err to public"));
            assertError(States.INVALID_GRANT_OPERATION, "grant options can only be granted to roles",
                    c.error("grant connect on database g_err to public with grant option"));
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED,
                    c.error("grant connect on database g_err to alice with grant option").sqlState());
            assertError(SqlState.UNDEFINED_OBJECT, "role \"nope\" does not exist",
                    c.error("grant connect on database g_err to nope"));
            assertError(SqlState.UNDEFINED_OBJECT, "role \"nope\" does not exist",
                    c.error("revoke connect on database g_err from nope"));
            assertError(SqlState.INVALID_CATALOG_NAME, "database \"nope\" does not exist",
                    c.error("grant connect on database g_err, nope to alice"));
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "grantor must be current user",
                    c.error("grant connect on database g_err to public granted by alice"));
            assertError(States.INVALID_GRANT_OPERATION, "column privileges are only valid for relations",
                    c.error("grant all privileges (x) on database g_err to alice"));
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "privileges on tables are not supported",
                    c.error("grant select on some_table to alice"));
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "privileges on schemas are not supported",
                    c.error("grant usage on schema public to alice"));
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "privileges on tables are not supported",
                    c.error("revoke all on table t from alice"));
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "role membership is not supported", c.error("grant alice to bob"));
            assertEquals(Set.of("PUBLIC:c", "PUBLIC:T"), acl("g_err"));
        }
    }
}
