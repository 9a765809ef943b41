package org.elephas.catalog.commands;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.auth.PasswordVerifier;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.RoleInfo;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE, ALTER and DROP ROLE over a real server: attributes, passwords, permissions, messages. */
class RoleCommandsTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RoleInfo role(String name) {
        return server.postmaster().catalog().role(name).orElseThrow(() -> new AssertionError("no role " + name));
    }

    private static boolean exists(String name) {
        return server.postmaster().catalog().role(name).isPresent();
    }



    @Test
    void createRoleAndUserWithAttributes() {
        try (SqlClient c = server.connect()) {
            assertEquals("CREATE ROLE", c.exec("create role r_plain"));
            RoleInfo plain = role("r_plain");
            assertFalse(plain.canLogin(), "CREATE ROLE defaults to NOLOGIN");
            assertFalse(plain.superuser());
            assertEquals(-1, plain.connectionLimit());
            assertNull(plain.password());
            assertTrue(plain.oid() >= 16384);

            assertEquals("CREATE ROLE", c.exec("create user u_login"));
            assertTrue(role("u_login").canLogin(), "CREATE USER implies LOGIN");
            c.exec("create user u_nologin nologin");
            assertFalse(role("u_nologin").canLogin());

            c.exec("create role r_all with superuser createdb createrole login connection limit 3 inherit"
                    + " valid until 'infinity' noreplication nobypassrls");
            RoleInfo all = role("r_all");
            assertTrue(all.superuser() && all.createDb() && all.createRole() && all.canLogin());
            assertEquals(3, all.connectionLimit());

            c.exec("create group g_one");
            assertFalse(role("g_one").canLogin());
            c.exec("create role r_sysid sysid 42");
            assertTrue(c.noticeMessages().contains("SYSID can no longer be specified"));
        }
    }

    @Test
    void passwordsAreStoredAsScramOrMd5AndVerify() {
        try (SqlClient c = server.connect()) {
            c.exec("create role p_scram login password 'secret'");
            String scram = role("p_scram").password();
            assertTrue(scram.startsWith("SCRAM-SHA-256$4096:"), scram);
            assertTrue(PasswordVerifier.verify("secret", scram, "p_scram"));
            assertFalse(PasswordVerifier.verify("Secret", scram, "p_scram"));

            c.exec("set password_encryption = md5");
            c.exec("create role p_md5 login encrypted password 'secret'");
            String md5 = role("p_md5").password();
            assertEquals(org.elephas.auth.PasswordEncryption.md5("secret", "p_md5"), md5);
            assertTrue(PasswordVerifier.verify("secret", md5, "p_md5"));
            assertError(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"password_encryption\": \"bogus\"",
                    c.error("set password_encryption = 'bogus'"));
            c.exec("reset password_encryption");

            // A hash from PostgreSQL is kept as given.
            String pgScram = "SCRAM-SHA-256$4096:rlIsBEYKEEGpBepkE0jYaQ==$"
                    + "53JZSgtlY+4aAjiU4VehM5N2r4m2pbZKRWljN0FfiCg=:lZZ2ruomFL3ykUL1SX2XvDH+1uXwiOybv5esE3fsQ3M=";
            c.exec("create role p_given password '" + pgScram + "'");
            assertEquals(pgScram, role("p_given").password());
            c.exec("create role p_givenmd5 password 'md521f3163f8f86fa10bdefbfbd502a8f06'");
            assertEquals("md521f3163f8f86fa10bdefbfbd502a8f06", role("p_givenmd5").password());

            c.exec("alter role p_scram password null");
            assertNull(role("p_scram").password());
            c.exec("create role p_empty password ''");
            assertNull(role("p_empty").password());
            assertTrue(c.noticeMessages().contains("empty string is not a valid password, clearing password"));

            PgException unencrypted = c.error("create role p_bad unencrypted password 'x'");
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "UNENCRYPTED PASSWORD is no longer supported", unencrypted);
            assertEquals("Remove UNENCRYPTED to store the password in encrypted form instead.", unencrypted.hint());

            c.exec("alter role p_md5 rename to p_md5b");
            assertNull(role("p_md5b").password(), "an MD5 hash is salted with the old name");
            assertTrue(c.noticeMessages().contains("MD5 password cleared because of role rename"));
        }
    }

    @Test
    void createErrors() {
        try (SqlClient c = server.connect()) {
            c.exec("create role e_dup");
            assertError(SqlState.DUPLICATE_OBJECT, "role \"e_dup\" already exists", c.error("create role e_dup"));
            PgException reserved = c.error("create role pg_mine");
            assertError(States.RESERVED_NAME, "role name \"pg_mine\" is reserved", reserved);
            assertEquals("Role names starting with \"pg_\" are reserved.", reserved.detail());
            assertError(States.RESERVED_NAME, "role name \"public\" is reserved", c.error("create role public"));
            assertError(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                    c.error("create role e1 with createdb nocreatedb"));
            assertError(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                    c.error("create role e1 password null encrypted password 'abc'"));
            assertError(SqlState.SYNTAX_ERROR, "unrecognized role option \"blah\"", c.error("create role e1 blah"));
            assertError(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: -2",
                    c.error("create role e1 connection limit -2"));
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, c.error("create role e1 in role e_dup").sqlState());
            assertFalse(exists("e1"));
        }
    }

    @Test
    void permissionRulesOfPostgres15() {
        try (SqlClient su = server.connect()) {
            su.exec("create role k_creator login createrole");
            su.exec("create role k_plain login");
            su.exec("create role k_super superuser");
            try (SqlClient plain = server.connect("postgres", "k_plain")) {
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create role",
                        plain.error("create role k_x"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied", plain.error("alter role k_plain createdb"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied",
                        plain.error("alter role k_creator password 'x'"));
                assertEquals("ALTER ROLE", plain.exec("alter role k_plain password 'mine'"), "one's own password");
                assertTrue(PasswordVerifier.verify("mine", role("k_plain").password(), "k_plain"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to drop role", plain.error("drop role k_x"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to rename role",
                        plain.error("alter role k_creator rename to k_c2"));
            }
            try (SqlClient creator = server.connect("postgres", "k_creator")) {
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create superusers",
                        creator.error("create role k_newsu superuser"));
                assertEquals("CREATE ROLE", creator.exec("create role k_made createdb"));
                assertEquals("ALTER ROLE", creator.exec("alter role k_made login connection limit 2"));
                assertTrue(role("k_made").canLogin());
                assertError(SqlState.INSUFFICIENT_PRIVILEGE,
                        "must be superuser to alter superuser roles or change superuser attribute",
                        creator.error("alter role k_super nosuperuser"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE,
                        "must be superuser to alter superuser roles or change superuser attribute",
                        creator.error("alter role k_made superuser"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers",
                        creator.error("drop role k_super"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to rename superusers",
                        creator.error("alter role k_super rename to k_s2"));
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create replication users",
                        creator.error("create role k_repl replication"));
                assertEquals("ALTER ROLE", creator.exec("alter role k_made rename to k_made2"));
                assertEquals("DROP ROLE", creator.exec("drop role k_made2"));
            }
        }
    }

    @Test
    void alterRoleAttributesAndRename() {
        try (SqlClient c = server.connect()) {
            c.exec("create role a_one");
            assertEquals("ALTER ROLE", c.exec("alter role a_one with superuser createdb createrole login connection limit 7"));
            RoleInfo r = role("a_one");
            assertTrue(r.superuser() && r.createDb() && r.createRole() && r.canLogin());
            assertEquals(7, r.connectionLimit());
            assertEquals("ALTER ROLE", c.exec("alter user a_one nosuperuser nologin"));
            assertFalse(role("a_one").superuser());
            assertFalse(role("a_one").canLogin());
            assertTrue(role("a_one").createDb(), "unchanged attributes stay");
            assertEquals("ALTER ROLE", c.exec("alter role a_one rename to a_two"));
            assertFalse(exists("a_one"));
            assertEquals(r.oid(), role("a_two").oid());
            c.exec("create role a_three");
            assertError(SqlState.DUPLICATE_OBJECT, "role \"a_three\" already exists",
                    c.error("alter role a_two rename to a_three"));
            assertError(SqlState.UNDEFINED_OBJECT, "role \"nope\" does not exist", c.error("alter role nope login"));
            assertError(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed",
                    c.error("alter role postgres rename to pp"));
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, c.error("alter role a_two set work_mem = '1MB'").sqlState());
            assertEquals("ALTER ROLE", c.exec("alter role current_user connection limit 5"));
            assertEquals(5, role("postgres").connectionLimit());
            c.exec("alter role postgres connection limit -1");
        }
    }

    @Test
    void bootstrapSuperuserIsProtected() {
        try (SqlClient c = server.connect()) {
            c.exec("create role b_su superuser login");
            try (SqlClient other = server.connect("postgres", "b_su")) {
                PgException demote = other.error("alter role postgres nosuperuser");
                assertError(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to alter role", demote);
                assertEquals("The bootstrap user must have the SUPERUSER attribute.", demote.detail());
                assertError(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop role postgres because it is required by the database system",
                        other.error("drop role postgres"));
                assertTrue(role("postgres").superuser());
            }
        }
    }

    @Test
    void dropRoleRules() {
        try (SqlClient c = server.connect()) {
            assertError(SqlState.UNDEFINED_OBJECT, "role \"nope\" does not exist", c.error("drop role nope"));
            assertEquals("DROP ROLE", c.exec("drop role if exists nope, nope2"));
            assertEquals(List.of("role \"nope\" does not exist, skipping", "role \"nope2\" does not exist, skipping"),
                    c.noticeMessages());
            assertError(SqlState.OBJECT_IN_USE, "current user cannot be dropped", c.error("drop role postgres"));

            c.exec("create role d_owner");
            c.exec("create database d_owned owner d_owner");
            c.exec("create database d_granted");
            c.exec("grant connect on database d_granted to d_owner");
            PgException deps = c.error("drop role d_owner");
            assertError(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "role \"d_owner\" cannot be dropped because some objects depend on it", deps);
            assertEquals("owner of database d_owned\nprivileges for database d_granted", deps.detail());

            c.exec("create role d_free");
            assertError(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "role \"d_owner\" cannot be dropped because some objects depend on it",
                    c.error("drop role d_free, d_owner"));
            assertTrue(exists("d_free"), "all or nothing");

            c.exec("drop database d_owned");
            c.exec("revoke all on database d_granted from d_owner");
            assertEquals("DROP ROLE", c.exec("drop user d_free, d_owner"));
            assertFalse(exists("d_owner") || exists("d_free"));
        }
    }

    @Test
    void loginChecksAndRoleConnectionLimit() {
        try (SqlClient c = server.connect()) {
            c.exec("create role l_nologin");
            PgException nologin = assertThrows(PgException.class, () -> server.connect("postgres", "l_nologin"));
            assertEquals(LogLevel.FATAL, nologin.level());
            assertError(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"l_nologin\" is not permitted to log in", nologin);

            c.exec("create role l_one login connection limit 1");
            try (SqlClient first = server.connect("postgres", "l_one")) {
                PgException e = assertThrows(PgException.class, () -> server.connect("postgres", "l_one"));
                assertEquals(LogLevel.FATAL, e.level());
                assertError(SqlState.TOO_MANY_CONNECTIONS, "too many connections for role \"l_one\"", e);
                assertEquals(1L, first.value("select 1::bigint"));
            }
            server.connect("postgres", "l_one").close();

            c.exec("create role l_zero login superuser connection limit 0");
            server.connect("postgres", "l_zero").close();
            assertEquals(Catalog.BOOTSTRAP_SUPERUSER_OID, role("postgres").oid());
        }
    }
}
