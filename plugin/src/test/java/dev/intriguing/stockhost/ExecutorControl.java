package dev.intriguing.stockhost;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution as IJava 1.3.0 does it: each snippet is submitted to a cached thread pool and the
 * evaluating thread waits for it without a timeout; the snippet's real value is kept under a key for the kernel.
 */
final class ExecutorControl extends DirectExecutionControl {
    private static final Object NULL = new Object();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stock-host-executor-" + THREADS.getAndIncrement());
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Object> results = new ConcurrentHashMap<>();

    /** The real value of the snippet that returned {@code key}. */
    Object takeResult(String key) {
        Object v = results.remove(key);
        return v == NULL ? null : v;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Future<Object> run = executor.submit(() -> doit.invoke(null));
        Object value;
        try {
            value = run.get(); // no timeout: IJava's default
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            throw new UserException(String.valueOf(cause.getMessage()), cause.getClass().getName(), cause.getStackTrace());
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }

    /** Hands JShell the one control it asks for. */
    static final class Provider implements ExecutionControlProvider {
        private final ExecutorControl control;

        Provider(ExecutorControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "stock-host";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
