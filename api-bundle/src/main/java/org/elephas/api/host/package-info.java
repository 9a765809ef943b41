/**
 * The host's side of the API: the interfaces the host implements so that the API's static
 * facades reach it. Not exported to extension bundles.
 */
package org.elephas.api.host;
