/**
 * The host's configuration parameters ("GUCs"): value parsing with PostgreSQL's units and
 * messages, the configuration files ({@code elephas.conf}, {@code elephas.auto.conf}), the
 * global registry with its reload rules, custom parameters defined by extensions, and the
 * per-backend {@link org.elephas.guc.GucSession} with its {@code SET} values.
 *
 * <p>Values are kept in immutable {@link org.elephas.guc.GucSnapshot}s indexed by slot, so that
 * reading a parameter never takes a lock.
 */
package org.elephas.guc;
