/**
 * The statement pipeline (DESIGN G6): parse analysis, then ProcessUtility for utility
 * statements or the planner and the executor stages for the rest, each stage a chain point
 * ending in its standard implementation.
 */
package org.elephas.pipeline;
