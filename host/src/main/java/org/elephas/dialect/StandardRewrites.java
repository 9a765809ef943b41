package org.elephas.dialect;

import java.util.List;

/** The rewrites Elephas applies to every statement that needs them, in order. */
final class StandardRewrites {
    private StandardRewrites() {
    }

    /** @return the rewrites */
    static List<Rewrite> all() {
        return List.of(new SystemViewRewrite(), new SystemFunctionRewrite());
    }
}
