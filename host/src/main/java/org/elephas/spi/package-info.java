/**
 * The host's Server Programming Interface ({@link org.elephas.spi.HostSpi}) and background
 * workers' database connections ({@link org.elephas.spi.WorkerConnections}), behind the API's
 * {@code org.elephas.api.spi} and {@code BackgroundWorkerInitializeConnection}.
 */
package org.elephas.spi;
