/**
 * Background workers, as in PostgreSQL's {@code postmaster/bgworker.h}: the registration
 * record, static registration from {@code _PG_init} during preload, dynamic registration at
 * any time, handles, and the calls a running worker makes about itself.
 */
@Version("1.0.0")
@Export
package org.elephas.api.bgworker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
