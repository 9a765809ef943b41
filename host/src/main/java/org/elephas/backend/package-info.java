/**
 * Backends: the sessions and background workers that PostgreSQL runs as processes and Elephas
 * runs as threads. Each has a PID unique in the server, a latch, signal handlers with a block
 * mask, and interrupt flags acted on at {@code CHECK_FOR_INTERRUPTS}.
 */
package org.elephas.backend;
