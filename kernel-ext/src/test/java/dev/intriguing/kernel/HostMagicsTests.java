package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.magics.MagicUsageException;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Magics registered into a kernel that is not ours: when bindings are declared, and how errors leave. */
class HostMagicsTests {
    /** A host with evalRaw that notes what it evaluated and whether a magic was running at the time. */
    public static final class Host extends BaseKernel {
        final List<String> log = new ArrayList<>();

        public Object evalRaw(String code) {
            log.add("eval " + code);
            return null;
        }

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("Java").build();
        }
    }

    /** Two magics with the shapes ours have: one binds names and logs, one fails as a user's mistake would. */
    public static final class Sample {
        private final Host host;

        Sample(Host host) {
            this.host = host;
        }

        @LineMagic
        public String bind(List<String> args) {
            for (String name : args) {
                HostKernel.defineVariable(host, name, "var " + name + " = 1;");
                host.log.add("bound " + name);
            }
            host.log.add("returns");
            return "done";
        }

        @LineMagic
        public Object mistake(List<String> args) {
            HostKernel.defineVariable(host, "before", "var before = 1;");
            throw new MagicUsageException("%mistake: expected one of a, b; got c. Example: %mistake a");
        }

        @LineMagic
        public Object broken(List<String> args) {
            throw new IllegalStateException("a bug");
        }
    }

    private final Host host = new Host();
    private final Magics registry = new Magics();

    HostMagicsTests() {
        new HostMagics(registry, host).registerMagics(new Sample(host));
    }

    @Test
    void aMagicsBindingsAreDeclaredAfterItReturnsTheLastOfANameOnly() throws Exception {
        assertEquals("done", registry.applyLineMagic("bind", List.of("x", "y", "x")));
        assertEquals(List.of("bound x", "bound y", "bound x", "returns", "eval var y = 1;", "eval var x = 1;"), host.log);
    }

    @Test
    void aBindingOutsideAMagicIsDeclaredAtOnce() {
        HostKernel.defineVariable(host, "z", "var z = 1;");
        assertEquals(List.of("eval var z = 1;"), host.log);
    }

    @Test
    void aUsageErrorLeavesAsTheParagraphAloneWithoutATraceAndWhatWasBoundIsDeclared() {
        // IJava passes an UndefinedMagicException on untouched and prints it as "<class>: <message>" plus its frames.
        UndefinedMagicException e = assertThrows(UndefinedMagicException.class, () -> registry.applyLineMagic("mistake", List.of()));
        assertSame(MagicUsageReport.class, e.getClass());
        assertEquals("%mistake: expected one of a, b; got c. Example: %mistake a", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertEquals(List.of("eval var before = 1;"), host.log);
    }

    @Test
    void anUnknownNameReadsAsAParagraphToo() {
        Magics reg = new Magics();
        Session session = new Session(dev.intriguing.datasets.api.Datasets.standard());
        new HostMagics(reg, host).registerLineMagic("find", args -> session.get(args.get(0), String.class, "text"));
        UndefinedMagicException e = assertThrows(UndefinedMagicException.class, () -> reg.applyLineMagic("find", List.of("t")));
        assertTrue(e.getMessage().startsWith("No text named 't'"), e.getMessage());
    }

    @Test
    void anythingElseKeepsItsTypeAndTrace() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.applyLineMagic("broken", List.of()));
        assertTrue(e.getStackTrace().length > 0);
    }
}
