package dev.intriguing.kernel;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.magics.Displayer;
import dev.intriguing.magics.Magic;
import dev.intriguing.magics.MagicCatalog;
import dev.intriguing.magics.MagicContext;
import dev.intriguing.magics.MagicSpec;
import dev.intriguing.render.Renderers;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * again (harmless).
 */
public final class IntriguingExtension {
    private static final Map<Object, IntriguingExtension> INSTALLED = new WeakHashMap<>();
    private static final List<IntriguingExtension> BY_ID = new CopyOnWriteArrayList<>();
    private static volatile IntriguingExtension last;

    private final Session session;
    private final List<MagicSpec> specs;
    private final int id;

    private IntriguingExtension(Session session, List<MagicSpec> specs) {
        this.session = session;
        this.specs = specs;
        synchronized (BY_ID) {
            this.id = BY_ID.size();
            BY_ID.add(this);
        }
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
            int id = ext.id;
            session.onBind((name, value) -> bindVariable(kernel, id, name, value));
            INSTALLED.put(kernel, ext);
        }
        last = ext;
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
        Renderers.registerAll(renderer);
        List<Magic> all = MagicCatalog.create(new MagicContext(session, displayer));
        for (Magic m : all) {
            magics.registerMagics(m);
        }
        return all.stream().map(Magic::spec).toList();
    }

    /** The session of the kernel this extension was installed into last. */
    public static IntriguingExtension current() {
        IntriguingExtension e = last;
        if (e == null) {
            throw new IllegalStateException("The Intriguing extension is not installed; run IntriguingExtension.install() first.");
        }
        return e;
    }

    /** The value bound to {@code name} in the session of the extension installed last. */
    public static Object bound(String name) {
        return current().session.find(name).orElse(null);
    }

    /** The value bound to {@code name} in the session of extension {@code id}; generated declarations call this. */
    public static Object bound(int id, String name) {
        return BY_ID.get(id).session.find(name).orElse(null);
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
