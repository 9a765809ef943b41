/**
 * The catalog: databases, roles, database privileges and installed extensions, kept in a small
 * H2 database of its own ({@code DATADIR/global/}) and mirrored in memory for lock-free reads.
 */
package org.elephas.catalog;
