package io.github.spencerpark.ijava;

import dev.intriguing.stockhost.StockHost;

/**
 * The entry point a plugin finds in stock IJava 1.3.0, {@code IJava.getKernelInstance()}, here answered by the
 * stand-in host; written for the tests from IJava's documented contract, not from its code.
 */
public final class IJava {
    private static volatile StockHost kernel;

    private IJava() {
    }

    /** The kernel running in this JVM, or {@code null}. */
    public static StockHost getKernelInstance() {
        return kernel;
    }

    /** Makes {@code host} the running kernel. */
    public static void start(StockHost host) {
        kernel = host;
    }
}
