/**
 * The PostgreSQL wire protocol, version 3 (DESIGN G1): a listener on {@code listen_addresses}
 * and {@code port}, a thread per connection bounded by {@code max_connections}, startup and
 * authentication by {@code hba.conf}, the simple and extended query protocols, COPY, and cancel
 * requests. Every connection runs a normal {@link org.elephas.session.Session}.
 */
package org.elephas.wire;
