package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.CellMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The magic registry of a kernel that is not ours (stock IJava), as our registration sees it: every magic registered
 * here goes into the host's registry, wrapped so that a call declares the variables it binds once it has returned
 * ({@link HostKernel#call}) and a user's mistake leaves as a {@link MagicUsageReport}, which IJava shows as the
 * paragraph alone.
 *
 * <p>basekernel's reflective {@code registerMagics} registers each method through the public
 * {@code registerLineMagic}/{@code registerCellMagic}, which are overridden here.
 */
final class HostMagics extends Magics {
    private final Magics host;
    private final BaseKernel kernel;

    HostMagics(Magics host, BaseKernel kernel) {
        this.host = host;
        this.kernel = kernel;
    }

    @Override
    public void registerLineMagic(String name, LineMagicFunction<?> magic) {
        host.registerLineMagic(name, args -> call(name, true, () -> magic.execute(args)));
    }

    @Override
    public void registerCellMagic(String name, CellMagicFunction<?> magic) {
        host.registerCellMagic(name, (args, body) -> call(name, false, () -> magic.execute(args, body)));
    }

    @Override
    public <T extends LineMagicFunction<?> & CellMagicFunction<?>> void registerLineCellMagic(String name, T magic) {
        registerLineMagic(name, magic);
        registerCellMagic(name, magic);
    }

    @Override
    public <T> T applyLineMagic(String name, List<String> args) throws Exception {
        return host.applyLineMagic(name, args);
    }

    @Override
    public <T> T applyCellMagic(String name, List<String> args, String body) throws Exception {
        return host.applyCellMagic(name, args, body);
    }

    private Object call(String name, boolean line, Callable<Object> magic) throws Exception {
        try {
            return HostKernel.call(kernel, magic);
        } catch (UndefinedMagicException e) {
            throw e;
        } catch (Exception e) {
            if (ErrorFormatter.isMessageOnly(e)) {
                throw new MagicUsageReport(name, line, e.getMessage());
            }
            throw e;
        }
    }
}
