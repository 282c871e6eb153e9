package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java ... dev.intriguing.kernel.KernelMain CONNECTION_FILE}: what a Jupyter kernelspec starts. */
public final class KernelMain {
    /** Held so that the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger BASEKERNEL_LOG = Logger.getLogger("io.github.spencerpark");

    private KernelMain() {
    }

    /** The argument of a training run for the class-data archive: start the kernel, run cells, exit (no Jupyter). */
    static final String TRAINING_RUN = "--class-data-training-run";

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(TRAINING_RUN)) {
            trainingRun();
            return;
        }
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("Usage: java -cp 'kernel-ext/target/lib/*' " + KernelMain.class.getName()
                    + " CONNECTION_FILE (Jupyter passes it; install the kernel with ./intriguing install --user)");
            System.exit(2);
        }
        // DJL must never reach for the network from a notebook; the kernelspec sets this too.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        BASEKERNEL_LOG.setLevel(Level.WARNING);
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        // our shell and control channels: they block in poll (no 50 ms sleep per request) and drop bad messages
        JupyterConnection connection = new KernelConnection(props);
        IntriguingKernel kernel = new IntriguingKernel();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    /**
     * What {@link ClassDataArchive} records: the classes a kernel loads from start to its first cells, so that a
     * kernel started with the archive maps them instead of loading and verifying them again.
     */
    private static void trainingRun() throws Exception {
        IntriguingKernel kernel = new IntriguingKernel();
        kernel.evalRaw("1 + 1");
        kernel.evalRaw("var trainingList = List.of(1, 2, 3); trainingList.stream().mapToInt(i -> i).sum()");
        kernel.onShutdown(false);
        // The JVM writes the archive as it exits.
        System.exit(0);
    }
}
