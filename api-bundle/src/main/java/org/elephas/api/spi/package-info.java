/**
 * The Server Programming Interface: running SQL from extension code, as PostgreSQL's
 * {@code SPI_connect}, {@code SPI_execute}, {@code SPI_execute_with_args}, {@code SPI_finish},
 * {@code SPI_commit} and {@code SPI_rollback} do ({@link org.elephas.api.spi.Spi}), plus what a
 * background worker needs around it: transaction control ({@link org.elephas.api.spi.Transactions},
 * PostgreSQL's {@code StartTransactionCommand} / {@code CommitTransactionCommand} /
 * {@code AbortCurrentTransaction}) and {@code pgstat_report_activity}
 * ({@link org.elephas.api.spi.Activity}).
 *
 * <p>Statements run through the host's whole pipeline, one nesting level deeper than their
 * caller, so hooks see them as nested statements.
 */
@Version("1.0.0")
@Export
package org.elephas.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
