package org.elephas.api.host;

import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucVariable;

/** The host's parameter registry, behind {@link org.elephas.api.guc.Gucs}. */
public interface GucServices {

    /**
     * @param <T> the value type
     * @param definition the definition
     * @return the defined variable
     */
    <T> GucVariable<T> define(GucDefinition<T> definition);

    /** @param prefix a prefix to reserve */
    void markPrefixReserved(String prefix);

    /**
     * @param name a parameter name
     * @return its value as SHOW prints it in the calling backend, or null if unknown
     */
    String show(String name);
}
