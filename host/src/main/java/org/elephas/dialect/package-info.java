/**
 * PostgreSQL's dialect over the engine's: rewrites of the parse tree for the PostgreSQL forms
 * H2 lacks, applied only to statements whose tokens show they need one, so the plain path is
 * never parsed.
 */
package org.elephas.dialect;
