package org.elephas.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

/**
 * The packages extension bundles may import from the host: the extension API's and those of
 * the parse-tree library the API exposes (JSqlParser), each read from its own jar's
 * {@code Export-Package} header. The system bundle exports exactly these, at exactly these
 * versions, so host and bundles share one copy of each class: the single source of truth is
 * the jars' own manifests (for the API, its packages' {@code @Version}).
 */
public final class ApiExports {
    /** The API bundle's symbolic name. */
    public static final String API_SYMBOLIC_NAME = "org.elephas.api";
    /** The parse-tree library's symbolic name. */
    public static final String PARSER_SYMBOLIC_NAME = "com.github.jsqlparser";

    private static final List<String> EXPORTED_BUNDLES = List.of(API_SYMBOLIC_NAME, PARSER_SYMBOLIC_NAME);

    private ApiExports() {
    }

    /**
     * @return the {@code Export-Package} header values of the API and the parse-tree library,
     *     joined by commas
     * @throws IllegalStateException when either jar is not on the host's class path
     */
    public static String exportPackageHeader() {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            Enumeration<URL> manifests = ApiExports.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    var attributes = new Manifest(in).getMainAttributes();
                    String bsn = attributes.getValue("Bundle-SymbolicName");
                    String exports = attributes.getValue("Export-Package");
                    if (bsn != null && exports != null) {
                        found.putIfAbsent(bsn.split(";")[0].trim(), exports);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path's manifests", e);
        }
        List<String> headers = new ArrayList<>();
        for (String bsn : EXPORTED_BUNDLES) {
            String exports = found.get(bsn);
            if (exports == null) {
                throw new IllegalStateException("bundle " + bsn + " is not on the host's class path");
            }
            headers.add(exports);
        }
        return String.join(",", headers);
    }
}
