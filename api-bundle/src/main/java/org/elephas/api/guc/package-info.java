/**
 * Configuration parameters ("GUCs") defined by extensions, with PostgreSQL's contexts, types,
 * units and rules ({@code utils/guc.h}): {@code prefix.name} names, placeholders for values set
 * before the extension loads, reserved prefixes, and {@code POSTMASTER} parameters only during
 * preload.
 */
@Version("1.0.0")
@Export
package org.elephas.api.guc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
