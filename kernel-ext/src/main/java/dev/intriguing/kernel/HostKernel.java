package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the extension does through a kernel that is not ours, such as stock IJava 1.3.0: it evaluates code with the
 * kernel's public {@code evalRaw(String)} to define notebook variables and to import the project's packages.
 *
 * <p>IJava runs every snippet on an executor thread, and an {@code evalRaw} made from inside a magic runs on another
 * executor thread while the magic's thread waits for it. So code here never holds a lock across {@code evalRaw}, and
 * the variables a magic binds are declared once the magic has returned, on its own thread, the way our kernel declares
 * them once a snippet has finished: nothing the magic still holds can stand in the declaration's way.
 */
final class HostKernel {
    /**
     * Our kernel's startup imports less its static import of {@code Notebook}: IJava imports {@code display},
     * {@code render}, {@code lineMagic} and the rest statically itself, and both at once would make them ambiguous.
     */
    static final List<String> IMPORTS = KernelStartup.imports().stream()
            .filter(i -> !i.startsWith("static ")).toList();

    /** Declarations waiting for the magic that runs on this thread to return, by variable name. */
    private static final ThreadLocal<Map<String, String>> PENDING = new ThreadLocal<>();

    private HostKernel() {
    }

    /**
     * Runs one magic call of {@code kernel}; the variables it binds are declared when it returns, also when it fails
     * (what it bound before failing is in the session and should be in the notebook too).
     */
    static <T> T call(BaseKernel kernel, Callable<T> magic) throws Exception {
        if (PENDING.get() != null) {
            return magic.call(); // a magic inside a magic: the outermost call declares
        }
        Map<String, String> pending = new LinkedHashMap<>();
        PENDING.set(pending);
        T result;
        try {
            result = magic.call();
        } catch (Exception | Error e) {
            PENDING.remove();
            try {
                declare(kernel, pending);
            } catch (RuntimeException declaring) {
                e.addSuppressed(declaring);
            }
            throw e;
        }
        PENDING.remove();
        declare(kernel, pending);
        return result;
    }

    /**
     * Defines notebook variable {@code name} by evaluating {@code declaration}: when the magic running on this thread
     * returns, or now when none runs (a code cell that binds through the session's Java API).
     */
    static void defineVariable(BaseKernel kernel, String name, String declaration) {
        Map<String, String> pending = PENDING.get();
        if (pending != null) {
            pending.remove(name); // a loop that binds one name 100 times needs one declaration, the last
            pending.put(name, declaration);
            return;
        }
        declare(kernel, Map.of(name, declaration));
    }

    /** Imports {@link #IMPORTS} into the notebook; a package that has no classes yet is skipped, as our kernel does. */
    static void importPackages(BaseKernel kernel) {
        Method evalRaw = evalRaw(kernel);
        if (evalRaw == null) {
            return;
        }
        for (String imp : IMPORTS) {
            try {
                evaluate(kernel, evalRaw, "import " + imp + ";");
            } catch (Exception e) {
                // JShell rejects an import of a package it cannot find; the rest still count
            }
        }
    }

    private static void declare(BaseKernel kernel, Map<String, String> declarations) {
        Method evalRaw = evalRaw(kernel);
        if (evalRaw == null) {
            return; // a kernel without evalRaw: values stay reachable through IntriguingExtension.bound(name)
        }
        for (Map.Entry<String, String> d : declarations.entrySet()) {
            try {
                evaluate(kernel, evalRaw, d.getValue());
            } catch (Exception e) {
                throw new IllegalStateException("Could not define the notebook variable '" + d.getKey() + "': " + e, e);
            }
        }
    }

    private static Method evalRaw(BaseKernel kernel) {
        try {
            return kernel.getClass().getMethod("evalRaw", String.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object evaluate(BaseKernel kernel, Method evalRaw, String code) throws Exception {
        try {
            return evalRaw.invoke(kernel, code);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
