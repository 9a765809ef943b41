/** The server log: PostgreSQL-style lines on stderr, filtered by {@code log_min_messages}. */
package org.elephas.log;
