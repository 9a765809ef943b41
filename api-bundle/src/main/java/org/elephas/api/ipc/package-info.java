/**
 * Inter-process communication between backends, as in PostgreSQL's {@code storage/ipc}: latches
 * with {@code WaitLatch}, signals with their handlers, interrupt checks and wait events. In
 * Elephas a "process" is a backend (a session or a background worker) on its own thread.
 */
@Version("1.1.0")
@Export
package org.elephas.api.ipc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
