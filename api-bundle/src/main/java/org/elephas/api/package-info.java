/**
 * The core of the Elephas extension API: the {@link org.elephas.api.Extension} base class whose
 * {@code _PG_init} runs when a bundle is loaded, PostgreSQL-style errors and logging, and
 * {@link org.elephas.api.Datum}.
 */
@Version("1.0.0")
@Export
package org.elephas.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
