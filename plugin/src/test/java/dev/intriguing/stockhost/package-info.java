/**
 * A stand-in for stock IJava 1.3.0 that recreates its conditions without its code (tests only): snippets run on an
 * executor thread per evaluation with no timeout, a magic may evaluate nested code that runs on another executor
 * thread while it waits, IJava's magic rewriting and error wrapping, and gson 2.8.5 ahead of the plugin on the class
 * path. {@link dev.intriguing.stockhost.StockHostMain} runs cells in a child JVM; the tests drive it with bounded waits.
 */
package dev.intriguing.stockhost;
