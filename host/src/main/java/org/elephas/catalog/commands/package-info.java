/**
 * The catalog's SQL commands, run by the host itself: CREATE/ALTER/DROP DATABASE, CREATE/ALTER/
 * DROP ROLE, GRANT/REVOKE on databases, with PostgreSQL's rules and messages; the interlock
 * that waits for a database to be free ({@code CountOtherDBBackends}); and the database
 * privilege checks other commands need.
 */
package org.elephas.catalog.commands;
