/**
 * The launcher: what {@code bin/elephas} runs. It parses the command line, initialises or checks
 * the data directory, takes the lock file, routes OS signals to the postmaster, and turns the
 * outcome into an exit code. It reads no configuration file: settings from the command line are
 * handed to the postmaster, which reads {@code DATADIR/elephas.conf} itself.
 */
package org.elephas.launcher;
