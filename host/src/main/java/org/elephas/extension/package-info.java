/**
 * Extensions in SQL: {@code CREATE EXTENSION}, {@code ALTER EXTENSION ... UPDATE},
 * {@code DROP EXTENSION} and {@code LOAD}. An extension's SQL objects come from scripts inside
 * its bundle ({@code sql/NAME--VERSION.sql}, update scripts {@code sql/NAME--FROM--TO.sql}),
 * described by an optional control file {@code NAME.control} at the bundle's root.
 */
package org.elephas.extension;
