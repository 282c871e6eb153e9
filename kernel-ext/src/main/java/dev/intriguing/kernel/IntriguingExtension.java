package dev.intriguing.kernel;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.magics.Displayer;
import dev.intriguing.magics.Magic;
import dev.intriguing.magics.MagicCatalog;
import dev.intriguing.magics.MagicContext;
import dev.intriguing.magics.MagicSpec;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.lang.reflect.Modifier;
import java.lang.ref.WeakReference;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Installs every magic and renderer of the project into a kernel built on jupyter-jvm-basekernel 2.3.0: our own kernel
 * or a stock IJava 1.3.0 kernel.
 *
 * <p>In stock IJava, after {@code %jars /path/to/intriguing/plugin/target/intriguing-plugin.jar}, one cell:
 * <pre>{@code
 * dev.intriguing.kernel.IntriguingExtension.install(getKernelInstance().getMagics(), getKernelInstance())
 * // or, where only reflection is at hand (IJAVA_STARTUP_SCRIPT):
 * dev.intriguing.kernel.IntriguingExtension.install()
 * }</pre>
 * In a kernel that is not ours the install also imports the project's packages, as our kernel does at startup, so a
 * notebook runs unchanged in both. Installing twice into the same kernel keeps its session and registers the magics
 * again (harmless). Each kernel has its own session, which lives as long as the kernel does.
 */
public final class IntriguingExtension {
    /**
     * The one registry of installed extensions, by kernel. Keys are weak and no value reaches its kernel strongly (the
     * session's listener holds it weakly), so an entry goes when its kernel is collected; our kernel removes its entry
     * when it shuts down.
     */
    private static final Map<BaseKernel, IntriguingExtension> INSTALLED = new WeakHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final AtomicLong INSTALLS = new AtomicLong();

    private final Session session;
    private final List<MagicSpec> specs;
    private final int id;
    /** When this extension was installed last, to find the current one; only read and written under the class lock. */
    private long installedAt;

    private IntriguingExtension(Session session, List<MagicSpec> specs) {
        this.session = session;
        this.specs = specs;
        this.id = IDS.getAndIncrement();
    }

    /**
     * Registers every magic into {@code magics} and every renderer into {@code kernel}'s renderer; names bound with
     * {@code --as} become typed notebook variables.
     */
    public static IntriguingExtension install(Magics magics, BaseKernel kernel) {
        IntriguingExtension ext = register(magics, kernel);
        if (!(kernel instanceof VariableBinder)) {
            // After the lock is released: the imports are evaluations that the host may run on other threads.
            HostKernel.importPackages(kernel);
        }
        return ext;
    }

    private static synchronized IntriguingExtension register(Magics magics, BaseKernel kernel) {
        IntriguingExtension ext = INSTALLED.get(kernel);
        Session session = ext != null ? ext.session : new Session(Datasets.standard());
        Magics registry = kernel instanceof VariableBinder ? magics : new HostMagics(magics, kernel);
        List<MagicSpec> specs = registerAll(registry, kernel.getRenderer(), session, new KernelDisplayer(kernel));
        if (ext == null) {
            ext = new IntriguingExtension(session, specs);
            session.onBind(new Binder(new WeakReference<>(kernel), ext.id));
            INSTALLED.put(kernel, ext);
        }
        ext.installedAt = INSTALLS.incrementAndGet();
        return ext;
    }

    /**
     * Finds the running IJava kernel (or ours) by reflection and installs into it; for {@code IJAVA_STARTUP_SCRIPT}
     * and cells that do not want to name IJava's classes.
     */
    public static IntriguingExtension install() {
        IntriguingKernel ours = IntriguingKernel.current();
        if (ours != null) {
            return install(ours.getMagics(), ours);
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> ijava = Class.forName("io.github.spencerpark.ijava.IJava", true,
                    loader != null ? loader : IntriguingExtension.class.getClassLoader());
            Object kernel = ijava.getMethod("getKernelInstance").invoke(null);
            if (kernel == null) {
                throw new IllegalStateException("IJava is loaded but no kernel is running in this JVM");
            }
            Magics magics = (Magics) kernel.getClass().getMethod("getMagics").invoke(kernel);
            return install(magics, (BaseKernel) kernel);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No kernel to install into: neither the Intriguing kernel nor IJava runs in this JVM."
                    + " Call install(magics, kernel) with your kernel's Magics and BaseKernel.", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not reach the IJava kernel: " + e, e);
        }
    }

    /**
     * The core of every install: creates each magic of {@link MagicCatalog} on {@code session} and
     * {@code displayer}, registers it into {@code magics}, and registers all renderers into {@code renderer}.
     *
     * @return the specs of the registered magics, in catalogue order
     */
    public static List<MagicSpec> registerAll(Magics magics, Renderer renderer, Session session, Displayer displayer) {
        MagicCatalog.registerRenderers(renderer);
        List<Magic> all = MagicCatalog.create(new MagicContext(session, displayer));
        for (Magic m : all) {
            magics.registerMagics(m);
        }
        return all.stream().map(Magic::spec).toList();
    }

    /** The extension installed into {@code kernel}, if it is installed and has not shut down. */
    public static synchronized Optional<IntriguingExtension> of(BaseKernel kernel) {
        return Optional.ofNullable(INSTALLED.get(kernel));
    }

    /** Forgets {@code kernel}'s extension and closes its session (which frees the native memory of its values). */
    static void uninstall(BaseKernel kernel) {
        IntriguingExtension ext;
        synchronized (IntriguingExtension.class) {
            ext = INSTALLED.remove(kernel);
        }
        if (ext != null) {
            ext.session.close();
        }
    }

    /** The extension installed (or installed again) last, among kernels that are still there. */
    public static synchronized IntriguingExtension current() {
        return INSTALLED.values().stream().max(Comparator.comparingLong(e -> e.installedAt)).orElseThrow(() ->
                new IllegalStateException("The Intriguing extension is not installed; run IntriguingExtension.install() first."));
    }

    /** The value bound to {@code name} in the session of the extension installed last. */
    public static Object bound(String name) {
        return current().session.find(name).orElse(null);
    }

    /** The value bound to {@code name} in the session of extension {@code id}; generated declarations call this. */
    public static Object bound(int id, String name) {
        IntriguingExtension ext;
        synchronized (IntriguingExtension.class) {
            ext = INSTALLED.values().stream().filter(e -> e.id == id).findFirst().orElseThrow(() ->
                    new IllegalStateException("The kernel of Intriguing session " + id + " has ended."));
        }
        return ext.session.find(name).orElse(null);
    }

    /** The named values shared by magics and code cells. */
    public Session session() {
        return session;
    }

    /** The specs of the installed magics. */
    public List<MagicSpec> specs() {
        return specs;
    }

    @Override
    public String toString() {
        return "Intriguing: " + specs.size() + " magics installed (" + String.join(", ",
                specs.stream().map(s -> "%" + s.name()).toList()) + "); type %intriguing for what each does.";
    }

    /**
     * Makes each name the session binds a variable of the kernel's notebook. It holds the kernel weakly: the session
     * is the value of the kernel's entry in {@link #INSTALLED}, and a strong reference would keep that entry forever.
     */
    private record Binder(WeakReference<BaseKernel> kernel, int id) implements BiConsumer<String, Object> {
        @Override
        public void accept(String name, Object value) {
            BaseKernel k = kernel.get();
            if (k != null) {
                bindVariable(k, id, name, value);
            }
        }
    }

    private static void bindVariable(BaseKernel kernel, int id, String name, Object value) {
        String code = declaration(id, name, value);
        if (kernel instanceof VariableBinder binder) {
            binder.defineVariable(name, code);
            return;
        }
        // Stock IJava: declared through its evalRaw once the magic has returned, never under a lock (HostKernel).
        HostKernel.defineVariable(kernel, name, code);
    }

    /** {@code T name = (T) IntriguingExtension.bound(id, "name");} with T the value's most specific public type. */
    static String declaration(int id, String name, Object value) {
        String type = publicTypeName(value == null ? Object.class : value.getClass());
        return type + " " + name + " = (" + type + ") " + IntriguingExtension.class.getName() + ".bound(" + id + ", "
                + MagicTransformer.literal(name) + ");";
    }

    private static String publicTypeName(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (Modifier.isPublic(k.getModifiers()) && k.getCanonicalName() != null && !k.isAnonymousClass()
                    && (k.getEnclosingClass() == null || Modifier.isStatic(k.getModifiers()))) {
                return k.getCanonicalName();
            }
        }
        return "Object";
    }
}
