/**
 * Background workers, as PostgreSQL's {@code postmaster/bgworker.c} runs them: registration
 * (static during preload, dynamic at any time) into {@code max_worker_processes} slots, launch
 * gated by the server's phase, entry points found by extension and function name, exit
 * handling with restart policy, generation-checked handles, and termination.
 */
package org.elephas.bgworker;
