package dev.intriguing.cli;

import dev.intriguing.datasets.api.Datasets;
import java.util.List;

/** {@code ./intriguing data fetch [mnist|fashion-mnist|all]}: fetch, verify, and print a table of the files. */
final class DataCommand {
    private DataCommand() {
    }

    static int run(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("fetch") || args.size() > 2) {
            throw new Main.UsageException("Usage: ./intriguing data fetch [mnist|fashion-mnist|all]; got: data "
                    + String.join(" ", args) + ". Example: ./intriguing data fetch all");
        }
        String which = args.size() == 2 ? args.get(1) : "all";
        List<String> names = which.equals("all") ? Datasets.names() : List.of(which);
        Datasets data = Datasets.standard();
        names.forEach(Datasets::info);
        System.out.printf("%-14s %-28s %10s  %-64s  %s%n", "dataset", "file", "bytes", "sha256", "status");
        long total = 0;
        for (String name : names) {
            for (Datasets.FileStatus f : data.fetch(name)) {
                System.out.printf("%-14s %-28s %10d  %-64s  %s%n", f.dataset(), f.file(), f.bytes(), f.sha256(),
                        f.fetchedNow() ? "fetched, verified" : "cached, verified");
                total += f.bytes();
            }
        }
        System.out.printf("%d data set(s) verified in %s (%.1f MB).%n", names.size(), data.cacheDir(), total / 1e6);
        return 0;
    }
}
