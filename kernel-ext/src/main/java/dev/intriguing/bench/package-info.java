/**
 * The kernel seen from outside: a child kernel process on a real Jupyter connection, a client that speaks the
 * signed wire protocol, and the benchmarks that drive them ({@code ./intriguing bench kernel}, {@code fuzz},
 * {@code memory}).
 */
package dev.intriguing.bench;
