package org.elephas.deploy;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which names in {@code deploy_directory} are bundles: {@code *.jar}, not hidden. Everything
 * else is ignored, so a copy in progress under a hidden or temporary name ({@code .x.jar},
 * {@code x.jar.tmp}, {@code x.jar.part}) is never acted on, and renaming it to its final name
 * deploys it whole.
 */
public final class DeployNames {
    private DeployNames() {
    }

    /**
     * @param file a file in the directory
     * @return whether its name is one the deployer acts on
     */
    public static boolean isBundleName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        return !s.startsWith(".") && s.length() > ".jar".length() && s.toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
