package dev.intriguing.stockhost;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs cells in {@link StockHost}, each on a shell thread (as basekernel's shell channel runs IJava's eval) with a
 * bounded wait, and reports each on standard output as {@code @@cell N ok|error|timeout MILLIS}, followed by
 * {@code @@value}, {@code @@display} and {@code @@error} lines. A cell that does not finish in time prints every
 * thread's stack and ends the JVM with status 3.
 *
 * <pre>{@code
 * java -cp gson-2.8.5.jar:basekernel.jar:...:test-classes dev.intriguing.stockhost.StockHostMain
 *     [--classpath JAR] [--startup-script CODE] [--cell-timeout SECONDS] CELL_FILE...
 * }</pre>
 */
public final class StockHostMain {
    private static final List<MIMEType> KINDS = List.of(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG,
            MIMEType.IMAGE_SVG);

    private StockHostMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> classpath = new ArrayList<>();
        String startup = null;
        long timeout = 600;
        List<Path> cells = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--classpath" -> classpath.add(args[++i]);
                case "--startup-script" -> startup = args[++i];
                case "--cell-timeout" -> timeout = Long.parseLong(args[++i]);
                default -> cells.add(Path.of(args[i]));
            }
        }
        StockHost host = new StockHost(classpath, startup, d -> report("@@display", d));
        IJava.start(host);
        ExecutorService shellThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stock-host-shell");
            t.setDaemon(true);
            return t;
        });
        int n = 0;
        for (Path cell : cells) {
            n++;
            String code = Files.readString(cell);
            long start = System.nanoTime();
            Future<DisplayData> run = shellThread.submit(() -> host.eval(code));
            try {
                DisplayData value = run.get(timeout, TimeUnit.SECONDS);
                System.out.println("@@cell " + n + " ok " + millis(start));
                if (value != null) {
                    System.out.println("@@value " + oneLine(value.getData(MIMEType.TEXT_PLAIN)));
                }
            } catch (TimeoutException e) {
                System.out.println("@@cell " + n + " timeout " + millis(start));
                dumpThreads();
                System.out.flush();
                Runtime.getRuntime().halt(3);
            } catch (ExecutionException e) {
                System.out.println("@@cell " + n + " error " + millis(start));
                Exception cause = e.getCause() instanceof Exception x ? x : e;
                for (String line : host.formatError(cause)) {
                    for (String l : line.split("\\R")) {
                        System.out.println("@@error " + l.replaceAll("\u001B\\[[;\\d]*m", ""));
                    }
                }
            }
            System.out.flush();
        }
        System.out.println("@@done");
        System.out.flush();
        Runtime.getRuntime().halt(0); // the kernel's threads (DJL, executors) need not wind down
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String kind, DisplayData d) {
        System.out.println(kind + " " + oneLine(d.getData(MIMEType.TEXT_PLAIN))
                + "  [" + String.join(", ", KINDS.stream().filter(d::hasDataForType).map(MIMEType::toString).toList()) + "]");
    }

    private static String oneLine(Object text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static void dumpThreads() {
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            System.out.println("@@thread \"" + t.getThreadName() + "\" " + t.getThreadState()
                    + (t.getLockName() == null ? "" : " on " + t.getLockName())
                    + (t.getLockOwnerName() == null ? "" : " owned by \"" + t.getLockOwnerName() + "\""));
            for (StackTraceElement f : t.getStackTrace()) {
                System.out.println("@@thread     at " + f);
            }
        }
    }
}
