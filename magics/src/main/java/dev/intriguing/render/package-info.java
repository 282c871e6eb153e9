/**
 * Pure functions from results to display data: image grids (PNG), Tablesaw tables (HTML), XChart charts (PNG), and
 * the registration of all of them into a basekernel {@code Renderer}.
 */
package dev.intriguing.render;
