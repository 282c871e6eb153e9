package dev.intriguing.cli;

import dev.intriguing.datasets.api.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./intriguing labs [--check]}: writes the student version of every classroom lab from its solution
 * ({@code notebooks/labs/solutions/*.ipynb} to {@code notebooks/labs/*.ipynb}); with {@code --check}, writes nothing
 * and fails when a student notebook differs from what it would write.
 */
final class LabsCommand {
    private LabsCommand() {
    }

    static int run(List<String> args) throws Exception {
        boolean check = args.equals(List.of("--check"));
        if (!args.isEmpty() && !check) {
            throw new Main.UsageException("Usage: ./intriguing labs [--check] (writes notebooks/labs/*.ipynb from"
                    + " notebooks/labs/solutions/*.ipynb; --check only compares); got: labs " + String.join(" ", args));
        }
        Path labs = Root.find().resolve("notebooks").resolve("labs");
        Map<Path, String> students;
        try {
            students = LabNotebooks.generate(labs);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("A solution marker is unbalanced: " + e.getMessage());
        }
        if (students.isEmpty()) {
            throw new Main.UsageException("No solution notebooks in " + labs.resolve(LabNotebooks.SOLUTIONS) + ".");
        }
        int stale = 0;
        for (Map.Entry<Path, String> e : students.entrySet()) {
            Path file = e.getKey();
            boolean same = Files.isRegularFile(file) && Files.readString(file).equals(e.getValue());
            if (same) {
                System.out.println(file + ": up to date");
            } else if (check) {
                System.out.println(file + ": differs from its solution; run ./intriguing labs");
                stale++;
            } else {
                AtomicFiles.writeString(file, e.getValue());
                System.out.println(file + ": written from " + LabNotebooks.SOLUTIONS + "/" + file.getFileName());
            }
        }
        return stale == 0 ? 0 : 1;
    }
}
