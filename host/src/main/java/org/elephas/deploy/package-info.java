/**
 * Hot deploy (DESIGN G8): the files in {@code deploy_directory} are the extension bundles that
 * run, installed, updated and uninstalled while the server runs. {@link org.elephas.deploy.DeployWatcher}
 * turns file-system events into settled files; {@link org.elephas.deploy.Deployer} acts on them,
 * one at a time on one thread; {@link org.elephas.deploy.HotDeploy} ties both to the server's
 * lifecycle and to {@code deploy_directory}.
 */
package org.elephas.deploy;
