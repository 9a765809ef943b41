/**
 * Hook chains (DESIGN G5): one immutable chain per hook kind, swapped atomically when a hook is
 * installed or removed; per-link statistics; and the unloading protocol that lets a bundle go
 * while statements run.
 */
package org.elephas.hooks;
