/**
 * The extension library: {@code bundle_directory}, where extension bundles are found by their
 * {@code Elephas-Extension} name and loaded on demand, as PostgreSQL finds shared libraries in
 * {@code $libdir}.
 */
package org.elephas.library;
