/**
 * The embedded OSGi framework (Apache Felix): started with the bundle cache in the data
 * directory, its system bundle exporting exactly the extension API's packages.
 */
package org.elephas.framework;
