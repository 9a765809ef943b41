/**
 * Role passwords as PostgreSQL stores and checks them: SCRAM-SHA-256 verifiers (RFC 5802 /
 * RFC 7677) and the older MD5 hashes, made and verified with the JDK's own cryptography.
 */
package org.elephas.auth;
