package dev.intriguing.cli;

import dev.intriguing.kernel.ClassDataArchive;
import dev.intriguing.kernel.KernelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./intriguing install [--user | --prefix DIR]}: writes the kernelspec {@code intriguing-java} where Jupyter
 * looks for it (the user's data directory by default, or {@code DIR/share/jupyter/kernels}).
 */
final class InstallCommand {
    private static final String USAGE = "Usage: ./intriguing install [--user | --prefix DIR]";

    private InstallCommand() {
    }

    static int run(List<String> args) throws Exception {
        Path kernels;
        if (args.isEmpty() || args.equals(List.of("--user"))) {
            kernels = userDataDir().resolve("kernels");
        } else if (args.size() == 2 && args.get(0).equals("--prefix")) {
            kernels = Path.of(args.get(1)).toAbsolutePath().resolve("share").resolve("jupyter").resolve("kernels");
        } else {
            throw new Main.UsageException(USAGE + "; got: install " + String.join(" ", args)
                    + ". Example: ./intriguing install --user");
        }
        Path lib = Root.lib(Root.find());
        if (!Files.isDirectory(lib)) {
            throw new Main.UsageException("The kernel's jars are missing from " + lib + ": build with ./intriguing help"
                    + " (it builds once), then install again.");
        }
        // Before the kernelspec, which names the archive only when it exists; without it kernels start a little slower.
        System.out.println("Making the kernel's class-data archive (a training run of the kernel; seconds to a minute)...");
        if (!ClassDataArchive.create(lib, KernelSpec.jvmFlags(lib + "/*"))) {
            System.out.println("The class-data archive could not be made (see " + ClassDataArchive.of(lib) + ".log); kernels"
                    + " start without it.");
        }
        Path dir = KernelSpec.write(kernels, lib + "/*");
        System.out.println("Installed the Jupyter kernel '" + KernelSpec.DISPLAY_NAME + "' (" + KernelSpec.NAME + ") in "
                + dir + ".");
        System.out.println("Check with: jupyter kernelspec list; then start jupyter notebook and pick "
                + KernelSpec.DISPLAY_NAME + ".");
        return 0;
    }

    /** Jupyter's per-user data directory on Linux: {@code $JUPYTER_DATA_DIR}, else {@code ~/.local/share/jupyter}. */
    static Path userDataDir() {
        String env = System.getenv("JUPYTER_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter");
    }
}
