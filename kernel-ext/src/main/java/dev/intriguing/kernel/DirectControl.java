package dev.intriguing.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in this JVM on a worker thread and keeps their real result objects.
 *
 * <p>JShell's own engines hand back only strings; the kernel needs the objects so that its renderer can turn a
 * {@code Table} into HTML. Each snippet runs on a pool thread so that {@link #stop()} can interrupt it while the
 * kernel thread keeps listening; the value is stored under a key that {@link #invoke(Method)} returns in place of
 * JShell's string.
 */
final class DirectControl extends DirectExecutionControl {
    private static final Object NULL = new Object();
    private static final long STOP_GRACE_SECONDS = 10;

    private final ExecutorService executor;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final Set<Future<Object>> running = ConcurrentHashMap.newKeySet();
    private volatile Throwable lastFailure;
    private volatile boolean stillRunning;
    /**
     * A stop not yet delivered to a snippet: an interrupt that came while JShell was still compiling the cell (no
     * snippet running yet) must cancel the snippet about to start, or the cell would run to its end regardless.
     */
    private volatile boolean pendingStop;
    /** The class loader of JShell's snippets, once one ran; jars added with {@code %jars} go into it. */
    private volatile ClassLoader snippetLoader;

    DirectControl() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "intriguing-cell-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A provider that hands JShell this very instance. */
    ExecutionControlProvider provider() {
        DirectControl self = this;
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "intriguing-direct";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return self;
            }
        };
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        ClassLoader loader = doitMethod.getDeclaringClass().getClassLoader();
        snippetLoader = loader;
        Object value = onCellThread(() -> doitMethod.invoke(null), loader);
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    /**
     * Runs {@code body} as a snippet runs, without JShell: on a cell thread that {@link #stop()} interrupts, with the
     * snippets' class loader as context class loader (jars added with {@code %jars} stay visible).
     *
     * @throws InvocationTargetException wrapping what {@code body} threw (also kept for {@link #takeFailure()})
     * @throws StoppedException          when {@link #stop()} stopped it
     */
    Object call(Callable<Object> body) throws Exception {
        ClassLoader loader = snippetLoader;
        return onCellThread(body, loader != null ? loader : Thread.currentThread().getContextClassLoader());
    }

    private Object onCellThread(Callable<Object> body, ClassLoader loader) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean started = new AtomicBoolean();
        Future<Object> task = executor.submit(() -> {
            started.set(true);
            try {
                // Code cells and ServiceLoader lookups (DJL engines) must see jars added with %jars.
                Thread.currentThread().setContextClassLoader(loader);
                return body.call();
            } finally {
                finished.countDown();
            }
        });
        running.add(task);
        if (pendingStop) {
            pendingStop = false;
            task.cancel(true);
        }
        try {
            return task.get();
        } catch (CancellationException e) {
            // Give code that polls the interrupt flag (training, attacks) time to stop and tidy up, so that the
            // next cell does not race with it; code that never polls is left running after the wait.
            // (a snippet cancelled before it started never runs, so there is nothing to wait for)
            stillRunning = started.get() && !finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            throw new StoppedException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException ite) {
                lastFailure = ite.getCause();
                throw ite;
            }
            lastFailure = cause;
            throw new InvocationTargetException(cause);
        } finally {
            running.remove(task);
        }
    }

    /** The object a snippet produced under {@code key}; {@code null} when there is none. */
    Object takeResult(String key) {
        Object v = results.remove(key);
        return v == NULL ? null : v;
    }

    /** The exception the last failing snippet threw, once. */
    Throwable takeFailure() {
        Throwable t = lastFailure;
        lastFailure = null;
        return t;
    }

    /** Whether the last stopped snippet ignored the interrupt and still runs on its thread; asks once. */
    boolean takeStillRunning() {
        boolean r = stillRunning;
        stillRunning = false;
        return r;
    }

    /** Forgets a stop that no snippet took: a new cell starts, or the cell binds the names its code defined. */
    void clearPendingStop() {
        pendingStop = false;
    }

    /** Forgets results nobody took, so that they can be collected. */
    void clearResults() {
        results.clear();
    }

    @Override
    public void stop() {
        // set first: a snippet submitted while this runs sees either the flag or its own cancellation
        pendingStop = true;
        for (Future<Object> f : running) {
            f.cancel(true);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        super.close();
    }
}
