/**
 * Sessions: a backend connected to a database as a role, with its engine connection,
 * transaction block, prepared statements and nesting level. Client connections and background
 * workers with a database connection both run their SQL in one.
 */
package org.elephas.session;
