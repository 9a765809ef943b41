/**
 * The utility statements the host runs itself ({@code SET}, {@code SHOW}, {@code RESET},
 * transaction control, and the catalog's commands), one class per statement kind, found by
 * their leading key words.
 */
package org.elephas.utility;
