/**
 * PostgreSQL's hooks, chained by extensions (DESIGN G5). Each hook kind is an interface whose
 * method takes the stage's arguments and an explicit {@code next}: the rest of the chain, ending
 * in the standard implementation. A hook may call {@code next} once (wrap), not at all
 * (replace), or act before and after it. Install with {@link org.elephas.api.hooks.Hooks#install};
 * the hook installed last is called first. When the installing bundle stops, its hooks leave
 * every chain and the host waits for calls already inside them.
 */
@Version("1.0.0")
@Export
package org.elephas.api.hooks;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
